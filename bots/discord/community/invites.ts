// Ambassadors' server invites: /invite makes (once per guild, then reuses) a permanent invite of
// the ambassador's, and a join is attributed to the ambassador whose invite's uses grew by it.
// The uses snapshot lives in Postgres; a guild's events are handled one at a time.
import {
  DiscordAPIError,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type ChatInputCommandInteraction,
  type Guild,
  type GuildMember,
  type Invite,
  type PartialGuildMember,
} from "discord.js";
import type { Account } from "../../../core/accounts/account.js";
import { findJoinInvite } from "../../../core/community/attribute-join.js";
import type { InviteUses } from "../../../core/ports/community.js";
import type { Person } from "../../flows/deps.js";
import { pickLocale } from "../../i18n.js";
import { referralNotice } from "../../views/onboarding.js";
import { plain } from "../../views/view.js";
import { nowOf, type CommunityDeps } from "./deps.js";
import { keyedQueue } from "./serial.js";
import { content, nameOf, percent } from "./text.js";

const inGuild = keyedQueue();
const byAmbassador = keyedQueue();

/** Telegram's deep link with the referral code (as the Telegram bot's /invite builds it). */
const telegramLink = (bot: string, code: string) => `https://t.me/${bot}?start=ref-${code}`;
const inviteUrl = (code: string) => `https://discord.gg/${code}`;
const usesOf = (i: Invite): InviteUses => ({ code: i.code, uses: i.uses ?? 0, maxUses: i.maxUses ?? 0 });

const isApiError = (error: unknown, ...codes: number[]) =>
  error instanceof DiscordAPIError && typeof error.code === "number" && codes.includes(error.code);

/** /invite: the ambassador's own invite to this server (made once, then reused), their Telegram link and code. */
export async function inviteCommand(
  deps: CommunityDeps,
  interaction: ChatInputCommandInteraction,
  person: Person,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { t } = person;
  const code = person.account.referralCode;
  const tier = await deps.core.getStakeTier(person.account.id);
  const rate = percent(tier.commissionBps);
  const lines: string[] = [];
  const guild = interaction.guild;
  if (guild) {
    const invite = await ambassadorInvite(deps, guild, interaction.channelId, person.account);
    lines.push(
      invite
        ? t("discord-invite", { server: plain(guild.name), invite: inviteUrl(invite), rate })
        : t("discord-invite-no-permission", { code }),
    );
  } else lines.push(t("discord-invite-dm", { code, rate }));
  if (tier.commissionBps === 0n) lines.push("", t("invite-unstaked"));
  lines.push("");
  if (deps.telegramBot) lines.push(t("discord-invite-telegram", { link: telegramLink(deps.telegramBot, code) }));
  lines.push(t("discord-invite-code", { code }));
  await interaction.editReply({ content: content(lines.join("\n")), allowedMentions: { parse: [] } });
}

/**
 * The ambassador's invite code in this guild: the stored one while Discord still has it, else a
 * new permanent one (maxAge 0, unique) in `channelId`, its zero uses recorded before anyone can
 * use it. Null when the bot may not create invites there.
 */
async function ambassadorInvite(
  deps: CommunityDeps,
  guild: Guild,
  channelId: string,
  account: Account,
): Promise<string | null> {
  return byAmbassador(`${guild.id}:${account.id}`, async () => {
    const stored = await deps.community.ambassadorInvite(guild.id, account.id);
    if (stored && (await stillThere(guild, stored.inviteCode))) return stored.inviteCode;
    const channel = guild.channels.cache.get(channelId);
    const me = guild.members.me;
    if (
      !channel ||
      !("createInvite" in channel) ||
      !me?.permissionsIn(channel).has(PermissionFlagsBits.CreateInstantInvite)
    )
      return null;
    let invite: Invite;
    try {
      invite = await channel.createInvite({
        maxAge: 0,
        maxUses: 0,
        unique: true,
        // Shown to the server's admins in its audit log.
        reason: deps.i18n.t(pickLocale(guild.preferredLocale), "discord-invite-reason", { code: account.referralCode }),
      });
    } catch (error) {
      if (isApiError(error, RESTJSONErrorCodes.MissingPermissions, RESTJSONErrorCodes.MissingAccess)) return null;
      throw error;
    }
    const now = nowOf(deps);
    await inGuild(guild.id, () => deps.community.putInviteUses(guild.id, usesOf(invite), now));
    await deps.community.saveAmbassadorInvite({
      guildId: guild.id,
      accountId: account.id,
      referralCode: account.referralCode,
      inviteCode: invite.code,
      channelId: channel.id,
      createdAt: now,
    });
    return invite.code;
  });
}

async function stillThere(guild: Guild, code: string): Promise<boolean> {
  try {
    const invite = await guild.client.fetchInvite(code);
    return invite.guild?.id === guild.id;
  } catch (error) {
    if (isApiError(error, RESTJSONErrorCodes.UnknownInvite)) return false;
    throw error;
  }
}

/**
 * Records the uses of every invite of the guild (on ready and when the bot joins a guild), so
 * that the next join is compared with them. Needs Manage Server; without it, joins are not
 * attributed there (and /join still works).
 */
export async function syncGuildInvites(deps: CommunityDeps, guild: Guild): Promise<boolean> {
  return inGuild(guild.id, async () => {
    try {
      const invites = await guild.invites.fetch({ cache: false });
      await deps.community.swapInviteUses(guild.id, [...invites.values()].map(usesOf), nowOf(deps));
      return true;
    } catch (error) {
      deps.logger.warn({ guildId: guild.id, err: error }, "discord: cannot read the server's invites");
      return false;
    }
  });
}

/** `inviteCreate`: a new invite starts from its uses (0), so its first join is recognised. */
export async function onInviteCreate(deps: CommunityDeps, invite: Invite): Promise<void> {
  const guildId = invite.guild?.id;
  if (guildId) await inGuild(guildId, () => deps.community.putInviteUses(guildId, usesOf(invite), nowOf(deps)));
}

/** `inviteDelete`: a deleted invite no longer counts. */
export async function onInviteDelete(deps: CommunityDeps, invite: Invite): Promise<void> {
  const guildId = invite.guild?.id;
  if (guildId) await inGuild(guildId, () => deps.community.deleteInviteUses(guildId, invite.code));
}

export type JoinOutcome =
  | { readonly kind: "attributed"; readonly ambassadorId: string; readonly accountId: string }
  /** Attribution refused by the core (already referred elsewhere, self, cycle). */
  | { readonly kind: "refused"; readonly code: string }
  | { readonly kind: "ambiguous" | "none" | "not_ambassador" | "untracked" | "bot" };

/**
 * `guildMemberAdd`: compares the guild's invite uses with the stored ones; when exactly one
 * invite grew by one and it is an ambassador's, the member (an account of their Discord identity,
 * created when new) is attributed to that ambassador, and both are told. Anything less certain
 * attributes nobody: the member can still type /join.
 */
export async function onMemberJoin(deps: CommunityDeps, member: GuildMember): Promise<JoinOutcome> {
  if (member.user.bot) return { kind: "bot" };
  const guild = member.guild;
  await deps.community.rememberMember(guild.id, member.id, null, nowOf(deps));
  const found = await inGuild(guild.id, async () => {
    let invites;
    try {
      invites = await guild.invites.fetch({ cache: false });
    } catch (error) {
      deps.logger.warn({ guildId: guild.id, err: error }, "discord: cannot read the server's invites");
      return null;
    }
    const before = await deps.community.swapInviteUses(guild.id, [...invites.values()].map(usesOf), nowOf(deps));
    return findJoinInvite(before, [...invites.values()].map(usesOf));
  });
  if (!found) return { kind: "untracked" };
  if (found.kind !== "invite") return { kind: found.kind };
  const owner = await deps.community.inviteOwner(guild.id, found.code);
  if (!owner) return { kind: "not_ambassador" };
  return attributeMember(deps, member, owner.referralCode);
}

async function attributeMember(deps: CommunityDeps, member: GuildMember, code: string): Promise<JoinOutcome> {
  const registered = await deps.core.registerAccount({
    platform: "discord",
    externalId: member.id,
    username: member.user.username,
    locale: pickLocale(member.guild.preferredLocale),
  });
  if (!registered.ok) throw new Error(`registering a Discord member failed: ${registered.error.code}`);
  const account = registered.value.account;
  await deps.community.rememberMember(member.guild.id, member.id, account.id, nowOf(deps));
  const result = await deps.core.attributeReferral({ accountId: account.id, code });
  if (!result.ok) return { kind: "refused", code: result.error.code };
  const referrer = result.value.referrer;
  if (result.value.changed) {
    const referrerName = await nameOf(deps, referrer.id);
    const server = plain(member.guild.name);
    await deps.notifier.dm(`referral:${account.id}`, referrer.id, (t) =>
      referralNotice(t, { username: member.user.username, name: member.user.globalName }),
    );
    await deps.notifier.dm(`referral-joined:${account.id}`, account.id, (t) =>
      t("discord-joined-server", { server, referrer: referrerName(t) }),
    );
  }
  return { kind: "attributed", ambassadorId: referrer.id, accountId: account.id };
}

/** `guildMemberRemove`: a person who left is no longer told things in that server. */
export async function onMemberLeave(deps: CommunityDeps, member: GuildMember | PartialGuildMember): Promise<void> {
  await deps.community.forgetMember(member.guild.id, member.id);
}
