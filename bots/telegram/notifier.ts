// Tells people things outside a chat's own update (grades, payouts, payments, referrals, admin
// alerts): renders each message in the person's language (in our markup; the delivery renders it
// as Telegram HTML) and puts it in the notification outbox, which delivers it within Telegram's
// limits, at most once per id.
import type { Core } from "../../core/index.js";
import type { NewNotification, NotificationButton } from "../../core/ports/notifications.js";
import { createI18n, pickLocale, type I18n } from "../i18n.js";
import type { DmOutcome, Notifier, Render } from "../notices/notifier.js";
import type { View } from "../views/view.js";

export interface Outbox {
  add(notifications: readonly NewNotification[]): Promise<string[]>;
}

/** Where a message was shown (stored as a payment request's messageRef). */
export interface MessageRef {
  readonly platform?: "telegram";
  readonly chatId: number;
  readonly messageId: number;
  readonly kind: "photo" | "text";
}

const asView = (rendered: View | string): View => (typeof rendered === "string" ? { text: rendered } : rendered);

const buttons = (view: View): NotificationButton[][] | undefined =>
  view.buttons?.length
    ? view.buttons.map((row) =>
        row.map((b) => ("url" in b ? { label: b.label, url: b.url } : { label: b.label, data: b.action })),
      )
    : undefined;

export function telegramNotifier(options: {
  core: Pick<Core, "listIdentities" | "getProfile">;
  outbox: Outbox;
  /** Telegram user ids of admins (ADMIN_IDS). */
  adminIds?: ReadonlySet<string>;
  i18n?: I18n;
}): Notifier {
  const i18n = options.i18n ?? createI18n();
  const translatorFor = async (accountId: string) => {
    const profile = await options.core.getProfile(accountId);
    return i18n.translator(pickLocale(profile.ok ? profile.value.account.locale : null));
  };
  const chatOf = async (accountId: string) =>
    (await options.core.listIdentities(accountId)).find((i) => i.platform === "telegram")?.externalId ?? null;

  return {
    /** A direct message, in the person's Telegram chat with the bot. */
    async dm(id: string, accountId: string, render: Render): Promise<DmOutcome> {
      const chatId = await chatOf(accountId);
      if (!chatId) return "no_chat";
      const view = asView(render(await translatorFor(accountId)));
      const stored = await options.outbox.add([
        { id, accountId, platform: "telegram", chatId, text: view.text, buttons: buttons(view) },
      ]);
      return stored.length ? "stored" : "duplicate";
    },
    /**
     * Edits the message a request was shown in. Edits of one message apply in `rank` order, so a
     * late lower rank (seen) never overwrites a higher one (paid).
     */
    async edit(id: string, accountId: string, ref: string, rank: number, render: Render): Promise<void> {
      const target = JSON.parse(ref) as MessageRef;
      const view = asView(render(await translatorFor(accountId)));
      await options.outbox.add([
        {
          id,
          accountId,
          platform: "telegram",
          chatId: String(target.chatId),
          text: view.text,
          buttons: buttons(view),
          edit: { messageId: String(target.messageId), kind: target.kind, rank },
        },
      ]);
    },
    /** Tells every admin (ADMIN_IDS), in English, once per `id`. */
    async admins(id: string, render: Render): Promise<void> {
      const view = asView(render(i18n.translator("en")));
      await options.outbox.add(
        [...(options.adminIds ?? [])].map((chatId) => ({
          id: `${id}:${chatId}`,
          accountId: null,
          platform: "telegram" as const,
          chatId,
          text: view.text,
          buttons: buttons(view),
        })),
      );
    },
  };
}
