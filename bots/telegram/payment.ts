// A Solana Pay request in Telegram: a QR photo with its link and an "Open in wallet" button.
import { GrammyError, InputFile, InlineKeyboard, type Context } from "grammy";
import type { Translate } from "../i18n.js";
import { formatMessageRef } from "../notices/message-ref.js";
import type { ShownPayment } from "./context.js";
import { toHtml } from "./render.js";

/**
 * Sends a payment request as a QR photo with its link and an "Open in wallet" button, and
 * returns where it went (the worker updates that message once the payment is in).
 */
export async function sendPayment(ctx: Context, t: Translate, caption: string, shown: ShownPayment): Promise<string> {
  const text = `${toHtml(caption)}\n\n${toHtml(shown.url)}`;
  const reply_markup = new InlineKeyboard().url(t("fund-open-wallet"), shown.url);
  try {
    const photo = new InputFile(shown.qrPng, "solana-pay.png");
    const sent = await ctx.replyWithPhoto(photo, { caption: text, parse_mode: "HTML", reply_markup });
    return telegramRef(sent, "photo");
  } catch (error) {
    // A Bot API server that refuses the photo still gets the request as text: the link works alone.
    if (!(error instanceof GrammyError)) throw error;
    const sent = await ctx.reply(text, {
      parse_mode: "HTML",
      reply_markup,
      link_preview_options: { is_disabled: true },
    });
    return telegramRef(sent, "text");
  }
}

const telegramRef = (sent: { chat: { id: number }; message_id: number }, kind: "photo" | "text") =>
  formatMessageRef({ platform: "telegram", chatId: String(sent.chat.id), messageId: String(sent.message_id), kind });
