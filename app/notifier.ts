// Tells people, in their language, on Telegram, what happened to their money. The worker
// uses only the Bot API client: no bot, no updates.
import { Api, GrammyError, InlineKeyboard } from "grammy";
import { createI18n, pickLocale, type Translate } from "../bots/i18n.js";
import { toHtml } from "../bots/telegram/render.js";
import type { Core } from "../core/index.js";
import type { Logger } from "./logger.js";

/** A button under a DM: a label in the person's language and the callback data it sends. */
export interface NotifyButton {
  readonly label: (t: Translate) => string;
  readonly data: string;
}

/** DMs a person; optionally also updates the message a request was shown in. */
export type Notify = (
  accountId: string,
  message: ((t: Translate) => string) | null,
  update?: { ref: string; text: (t: Translate) => string } | null,
  buttons?: readonly NotifyButton[],
) => Promise<void>;

export function telegramNotifier(options: { token: string; apiRoot?: string; core: Core; logger: Logger }): Notify {
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  const i18n = createI18n();
  /** Marks the request's own message as paid (caption of the QR photo, or the text). */
  const update = async (ref: string, text: string) => {
    const { chatId, messageId, kind } = JSON.parse(ref) as {
      chatId: number;
      messageId: number;
      kind: "photo" | "text";
    };
    try {
      if (kind === "photo") await api.editMessageCaption(chatId, messageId, { caption: text, parse_mode: "HTML" });
      else await api.editMessageText(chatId, messageId, text, { parse_mode: "HTML" });
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      options.logger.warn({ description: error.description }, "could not update the payment request message");
    }
  };
  return async (accountId, message, updateMessage, buttons) => {
    const identity = (await options.core.listIdentities(accountId)).find((i) => i.platform === "telegram");
    if (!identity) return;
    const profile = await options.core.getProfile(accountId);
    const t = i18n.translator(pickLocale(profile.ok ? profile.value.account.locale : null));
    if (updateMessage) await update(updateMessage.ref, toHtml(updateMessage.text(t)));
    if (!message) return;
    try {
      await api.sendMessage(Number(identity.externalId), toHtml(message(t)), {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_markup: buttons?.length
          ? new InlineKeyboard(buttons.map((b) => [InlineKeyboard.text(b.label(t), b.data)]))
          : undefined,
      });
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
        options.logger.warn({ accountId, description: error.description }, "person unreachable on Telegram");
        return;
      }
      throw error;
    }
  };
}
