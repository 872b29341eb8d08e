// Tells people things outside their own chat updates (grades, payouts, payments, referrals,
// admin alerts), addressed to an account: renders each message in the person's language once,
// in our markup, and puts one row per platform the person uses in the notification outbox; each
// platform's delivery renders it and sends it within that platform's limits, at most once per id.
import type { Platform } from "../../core/accounts/account.js";
import type { Core } from "../../core/index.js";
import type { NewNotification, NotificationButton } from "../../core/ports/notifications.js";
import { createI18n, pickLocale, type I18n } from "../i18n.js";
import type { View } from "../views/view.js";
import { parseMessageRef } from "./message-ref.js";
import type { DmOutcome, Notifier, Render } from "./notifier.js";

export interface Outbox {
  add(notifications: readonly NewNotification[]): Promise<string[]>;
}

/** Chats that blocked the bot or closed their DMs (the delivery marks them). */
export interface Reachability {
  isUnreachable(platform: Platform, chatId: string): Promise<boolean>;
}

/**
 * The outbox id of a notification on one platform. Telegram's row keeps the producer's id, as
 * rows stored before Discord did (so a repeat after an upgrade is still a duplicate); another
 * platform's row adds "@platform". Each id is thus idempotent per platform.
 */
export const notificationRowId = (id: string, platform: Platform): string =>
  platform === "telegram" ? id : `${id}@${platform}`;

const asView = (rendered: View | string): View => (typeof rendered === "string" ? { text: rendered } : rendered);

const buttons = (view: View): NotificationButton[][] | undefined =>
  view.buttons?.length
    ? view.buttons.map((row) =>
        row.map((b) => ("url" in b ? { label: b.label, url: b.url } : { label: b.label, data: b.action })),
      )
    : undefined;

export function accountNotifier(options: {
  core: Pick<Core, "listIdentities" | "getProfile">;
  outbox: Outbox;
  reachability: Reachability;
  /** The platforms with a bot configured: nothing is written for another (no worker would send it). */
  platforms: ReadonlySet<Platform>;
  /** Admins (ADMIN_IDS), each on its platform. */
  admins?: ReadonlyArray<{ readonly platform: Platform; readonly id: string }>;
  i18n?: I18n;
}): Notifier {
  const { platforms, outbox } = options;
  const i18n = options.i18n ?? createI18n();
  const translatorFor = async (accountId: string) => {
    const profile = await options.core.getProfile(accountId);
    return i18n.translator(pickLocale(profile.ok ? profile.value.account.locale : null));
  };

  /** One chat per configured platform the person has an identity on, without those marked unreachable. */
  async function chatsOf(accountId: string): Promise<Array<{ platform: Platform; chatId: string }>> {
    const chats = new Map<Platform, string>();
    for (const identity of await options.core.listIdentities(accountId))
      if (platforms.has(identity.platform) && !chats.has(identity.platform))
        chats.set(identity.platform, identity.externalId);
    const reachable = await Promise.all(
      [...chats].map(async ([platform, chatId]) =>
        (await options.reachability.isUnreachable(platform, chatId)) ? [] : [{ platform, chatId }],
      ),
    );
    return reachable.flat();
  }

  return {
    /**
     * A direct message on every platform the person uses (Telegram: their chat with the bot;
     * Discord: a DM to their user id). stored when any platform's row is new, duplicate when
     * every one was stored before, no_chat when there is no reachable chat on a configured platform.
     */
    async dm(id: string, accountId: string, render: Render): Promise<DmOutcome> {
      const chats = await chatsOf(accountId);
      if (!chats.length) return "no_chat";
      const view = asView(render(await translatorFor(accountId)));
      const stored = await outbox.add(
        chats.map(({ platform, chatId }) => ({
          id: notificationRowId(id, platform),
          accountId,
          platform,
          chatId,
          text: view.text,
          buttons: buttons(view),
        })),
      );
      return stored.length ? "stored" : "duplicate";
    },
    /**
     * Edits the message a request was shown in, on the platform its ref names. Edits of one
     * message apply in `rank` order, so a late lower rank (seen) never overwrites a higher one (paid).
     */
    async edit(id: string, accountId: string, ref: string, rank: number, render: Render): Promise<void> {
      const target = parseMessageRef(ref);
      if (!target || !platforms.has(target.platform)) return;
      const view = asView(render(await translatorFor(accountId)));
      await outbox.add([
        {
          id: notificationRowId(id, target.platform),
          accountId,
          platform: target.platform,
          chatId: target.chatId,
          text: view.text,
          buttons: buttons(view),
          edit: { messageId: target.messageId, kind: target.kind, rank },
        },
      ]);
    },
    /** Tells every admin (ADMIN_IDS) on a configured platform, in English, once per `id`. */
    async admins(id: string, render: Render): Promise<void> {
      const view = asView(render(i18n.translator("en")));
      await outbox.add(
        (options.admins ?? [])
          .filter((admin) => platforms.has(admin.platform))
          .map((admin) => ({
            id: notificationRowId(`${id}:${admin.id}`, admin.platform),
            accountId: null,
            platform: admin.platform,
            chatId: admin.id,
            text: view.text,
            buttons: buttons(view),
          })),
      );
    },
  };
}
