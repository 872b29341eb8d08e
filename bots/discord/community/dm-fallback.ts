// When a DM cannot reach a person (Discord 50007: their DMs are closed), a short public notice in
// a server where they were seen asks them to open their DMs. It names nothing of the message (no
// amounts, no wallets, no factory) and is posted at most once per person per period, whatever the
// process: the claim is a row in Postgres.
import { Routes, type REST } from "discord.js";
import type { CommunityStore } from "../../../core/ports/community.js";
import type { StoredNotification } from "../../../core/ports/notifications.js";
import type { BotLogger } from "../../flows/deps.js";
import { pickLocale, type I18n } from "../../i18n.js";
import { content } from "./text.js";

export const DM_NOTICE_PERIOD_MS = 24 * 60 * 60 * 1000;

export interface DmFallbackDeps {
  readonly rest: REST;
  readonly community: Pick<CommunityStore, "noticePlaces" | "claimDmNotice" | "releaseDmNotice">;
  readonly i18n: I18n;
  readonly logger: BotLogger;
  /** At most one notice per person per this long (default a day). */
  readonly periodMs?: number;
  readonly now?: () => Date;
}

export type DmFallbackOutcome = "posted" | "recent" | "nowhere" | "failed";

/**
 * The hook for `discordDeliverer(rest, { onDmClosed })`: tells the person (a Discord user id, the
 * notification's chatId) in the notice channel of the server where they were seen last.
 */
export function dmClosedFallback(deps: DmFallbackDeps) {
  const period = deps.periodMs ?? DM_NOTICE_PERIOD_MS;
  const tell = async (userId: string): Promise<DmFallbackOutcome> => {
    const places = await deps.community.noticePlaces(userId);
    if (places.length === 0) return "nowhere";
    const now = deps.now?.() ?? new Date();
    for (const place of places) {
      if (!(await deps.community.claimDmNotice(userId, place.guildId, now, new Date(now.getTime() - period))))
        return "recent";
      const t = deps.i18n.translator(pickLocale(place.locale));
      try {
        await deps.rest.post(Routes.channelMessages(place.channelId), {
          // The mention is ours, not text anyone typed: only this person is pinged.
          body: { content: `<@${userId}> ${content(t("discord-dm-closed"))}`, allowed_mentions: { users: [userId] } },
        });
        return "posted";
      } catch (error) {
        // The channel is gone or closed to the bot: give the claim back and try the next server.
        await deps.community.releaseDmNotice(userId, now);
        deps.logger.warn({ guildId: place.guildId, err: error }, "discord: DM-closed notice not posted");
      }
    }
    return "failed";
  };
  return {
    tell,
    /** For `discordDeliverer`: never throws (the delivery's outcome stays "unreachable"). */
    onDmClosed: async (notification: StoredNotification): Promise<void> => {
      try {
        await tell(notification.chatId);
      } catch (error) {
        deps.logger.error({ notificationId: notification.id, err: error }, "discord: DM-closed notice failed");
      }
    },
  };
}
