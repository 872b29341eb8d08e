// The Discord community state (core/ports/community.ts) in Postgres: one statement per call, so
// every shard and process shares it.
import type {
  AmbassadorInvite,
  CommunityStore,
  GuildSettings,
  InviteUses,
  NoticePlace,
} from "../core/ports/community.js";
import type { SqlQuery } from "./direct-sql.js";

interface InviteRow {
  guild_id: string;
  account_id: string;
  referral_code: string;
  invite_code: string;
  channel_id: string;
  created_at: Date | string;
}

const toInvite = (r: InviteRow): AmbassadorInvite => ({
  guildId: r.guild_id,
  accountId: r.account_id,
  referralCode: r.referral_code,
  inviteCode: r.invite_code,
  channelId: r.channel_id,
  createdAt: new Date(r.created_at),
});

interface SettingsRow {
  guild_id: string;
  announce_channel_id: string | null;
  notice_channel_id: string | null;
  featured_factory_ids: string[];
  locale: string | null;
  updated_by: string | null;
  updated_at: Date | string;
}

const toSettings = (r: SettingsRow): GuildSettings => ({
  guildId: r.guild_id,
  announceChannelId: r.announce_channel_id,
  noticeChannelId: r.notice_channel_id,
  featuredFactoryIds: r.featured_factory_ids,
  locale: r.locale,
  updatedBy: r.updated_by,
  updatedAt: new Date(r.updated_at),
});

const INVITE_COLUMNS = "guild_id, account_id, referral_code, invite_code, channel_id, created_at";

// The old snapshot is read and the new one written by one statement: the CTEs share one
// snapshot, so `old` is what was there before this statement's own changes.
const SWAP = `
WITH old AS (SELECT code, uses, max_uses FROM discord_invite_use WHERE guild_id = $1 FOR UPDATE),
gone AS (DELETE FROM discord_invite_use WHERE guild_id = $1 AND NOT (code = ANY($2::text[]))),
put AS (
  INSERT INTO discord_invite_use (guild_id, code, uses, max_uses, updated_at)
  SELECT $1, u.code, u.uses, u.max_uses, $5 FROM unnest($2::text[], $3::int[], $4::int[]) AS u(code, uses, max_uses)
  ON CONFLICT (guild_id, code) DO UPDATE
     SET uses = EXCLUDED.uses, max_uses = EXCLUDED.max_uses, updated_at = EXCLUDED.updated_at)
SELECT code, uses, max_uses FROM old`;

// A claim succeeds when there is no row, or the last notice is older than the period.
const CLAIM = `
INSERT INTO discord_dm_notice (user_id, guild_id, posted_at) VALUES ($1, $2, $3)
ON CONFLICT (user_id) DO UPDATE SET guild_id = EXCLUDED.guild_id, posted_at = EXCLUDED.posted_at
 WHERE discord_dm_notice.posted_at <= $4
RETURNING user_id`;

const NOTICE_PLACES = `
SELECT m.guild_id, COALESCE(s.notice_channel_id, s.announce_channel_id) AS channel_id, s.locale
  FROM discord_guild_member m JOIN discord_guild_settings s ON s.guild_id = m.guild_id
 WHERE m.user_id = $1 AND COALESCE(s.notice_channel_id, s.announce_channel_id) IS NOT NULL
 ORDER BY m.seen_at DESC LIMIT 10`;

export function prismaCommunityStore(query: SqlQuery): CommunityStore {
  return {
    async ambassadorInvite(guildId, accountId) {
      const rows = await query<InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM discord_ambassador_invite WHERE guild_id = $1 AND account_id = $2`,
        [guildId, accountId],
      );
      return rows[0] ? toInvite(rows[0]) : null;
    },
    async saveAmbassadorInvite(i) {
      await query(
        `INSERT INTO discord_ambassador_invite (${INVITE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (guild_id, account_id) DO UPDATE
            SET invite_code = EXCLUDED.invite_code, channel_id = EXCLUDED.channel_id,
                referral_code = EXCLUDED.referral_code, created_at = EXCLUDED.created_at`,
        [i.guildId, i.accountId, i.referralCode, i.inviteCode, i.channelId, i.createdAt],
      );
    },
    async inviteOwner(guildId, inviteCode) {
      const rows = await query<InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM discord_ambassador_invite WHERE guild_id = $1 AND invite_code = $2`,
        [guildId, inviteCode],
      );
      return rows[0] ? toInvite(rows[0]) : null;
    },
    async putInviteUses(guildId, invite, at) {
      await query(
        `INSERT INTO discord_invite_use (guild_id, code, uses, max_uses, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (guild_id, code) DO UPDATE
            SET uses = EXCLUDED.uses, max_uses = EXCLUDED.max_uses, updated_at = EXCLUDED.updated_at`,
        [guildId, invite.code, invite.uses, invite.maxUses, at],
      );
    },
    async deleteInviteUses(guildId, code) {
      await query(`DELETE FROM discord_invite_use WHERE guild_id = $1 AND code = $2`, [guildId, code]);
    },
    async swapInviteUses(guildId, current, at): Promise<InviteUses[]> {
      const rows = await query<{ code: string; uses: number; max_uses: number }>(SWAP, [
        guildId,
        current.map((i) => i.code),
        current.map((i) => i.uses),
        current.map((i) => i.maxUses),
        at,
      ]);
      return rows.map((r) => ({ code: r.code, uses: Number(r.uses), maxUses: Number(r.max_uses) }));
    },
    async guildSettings(guildId) {
      const rows = await query<SettingsRow>(
        `SELECT guild_id, announce_channel_id, notice_channel_id, featured_factory_ids, locale, updated_by, updated_at
           FROM discord_guild_settings WHERE guild_id = $1`,
        [guildId],
      );
      return rows[0] ? toSettings(rows[0]) : null;
    },
    async saveGuildSettings(s) {
      await query(
        `INSERT INTO discord_guild_settings
           (guild_id, announce_channel_id, notice_channel_id, featured_factory_ids, locale, updated_by, updated_at)
         VALUES ($1, $2, $3, $4::text[], $5, $6, $7)
         ON CONFLICT (guild_id) DO UPDATE
            SET announce_channel_id = EXCLUDED.announce_channel_id, notice_channel_id = EXCLUDED.notice_channel_id,
                featured_factory_ids = EXCLUDED.featured_factory_ids, locale = EXCLUDED.locale,
                updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [
          s.guildId,
          s.announceChannelId,
          s.noticeChannelId,
          [...s.featuredFactoryIds],
          s.locale,
          s.updatedBy,
          s.updatedAt,
        ],
      );
    },
    async rememberMember(guildId, userId, accountId, at) {
      await query(
        `INSERT INTO discord_guild_member (guild_id, user_id, account_id, seen_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (guild_id, user_id) DO UPDATE
            SET account_id = COALESCE(EXCLUDED.account_id, discord_guild_member.account_id), seen_at = EXCLUDED.seen_at`,
        [guildId, userId, accountId, at],
      );
    },
    async forgetMember(guildId, userId) {
      await query(`DELETE FROM discord_guild_member WHERE guild_id = $1 AND user_id = $2`, [guildId, userId]);
    },
    async noticePlaces(userId): Promise<NoticePlace[]> {
      const rows = await query<{ guild_id: string; channel_id: string; locale: string | null }>(NOTICE_PLACES, [
        userId,
      ]);
      return rows.map((r) => ({ guildId: r.guild_id, channelId: r.channel_id, locale: r.locale }));
    },
    async claimDmNotice(userId, guildId, at, notBefore) {
      return (await query(CLAIM, [userId, guildId, at, notBefore])).length > 0;
    },
    async releaseDmNotice(userId, at) {
      await query(`DELETE FROM discord_dm_notice WHERE user_id = $1 AND posted_at = $2`, [userId, at]);
    },
  };
}
