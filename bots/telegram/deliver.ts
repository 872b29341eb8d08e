// Delivers one stored notification through the Bot API and says what happened, in the terms
// the delivery queue acts on: sent, rate limited (retry_after), unreachable (blocked: never
// again), certainly not delivered (retry), or refused/unknown (never twice).
import { GrammyError, HttpError, InlineKeyboard, type Api } from "grammy";
import type { DeliveryOutcome, NotificationButton, StoredNotification } from "../../core/ports/notifications.js";
import { toHtml } from "./render.js";

/** Bot API answers meaning the person cannot be reached (blocked, deleted, never started). */
const UNREACHABLE =
  /blocked by the user|user is deactivated|chat not found|bot can't initiate|PEER_ID_INVALID|bot was kicked/i;
/** Network failures that happen before Telegram could have received anything. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function markup(rows: StoredNotification["buttons"]): InlineKeyboard | undefined {
  if (!rows?.length) return undefined;
  return InlineKeyboard.from(
    rows.map((row) =>
      row.map((b: NotificationButton) =>
        "url" in b ? InlineKeyboard.url(b.label, b.url) : InlineKeyboard.text(b.label, b.data),
      ),
    ),
  );
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown; error?: unknown }).cause ?? (current as { error?: unknown }).error;
  }
  return undefined;
}

export function classifyTelegramError(error: unknown): DeliveryOutcome {
  if (error instanceof GrammyError) {
    if (error.error_code === 429)
      return { kind: "rate_limited", retryAfterMs: Math.max(1, error.parameters.retry_after ?? 1) * 1000 };
    if (error.error_code === 403 || UNREACHABLE.test(error.description))
      return { kind: "unreachable", reason: error.description };
    if (error.error_code >= 500) return { kind: "retry", reason: error.description };
    return { kind: "failed", reason: error.description };
  }
  if (error instanceof HttpError) {
    const code = errorCode(error.error);
    return code && NOT_SENT.has(code) ? { kind: "retry", reason: code } : { kind: "failed", reason: error.message };
  }
  return { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
}

/** Telegram chat ids are integers; the Bot API takes them as numbers (or @usernames). */
const chat = (id: string): number | string => (/^-?\d+$/.test(id) ? Number(id) : id);

export function telegramDeliverer(api: Api) {
  return async (n: StoredNotification): Promise<DeliveryOutcome> => {
    const reply_markup = markup(n.buttons);
    const chatId = chat(n.chatId);
    // Rows stored by an older version hold HTML already.
    const text = n.format === "markup" ? toHtml(n.text) : n.text;
    try {
      if (n.edit) {
        // Telegram message ids are small integers (per chat), exact as numbers.
        const messageId = Number(n.edit.messageId);
        if (n.edit.kind === "photo")
          await api.editMessageCaption(n.chatId, messageId, { caption: text, parse_mode: "HTML", reply_markup });
        else
          await api.editMessageText(chatId, messageId, text, {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
            reply_markup,
          });
        return { kind: "sent", messageId: n.edit.messageId };
      }
      const sent = await api.sendMessage(chatId, text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_markup,
      });
      return { kind: "sent", messageId: String(sent.message_id) };
    } catch (error) {
      // An edit that would change nothing has nothing left to do.
      if (error instanceof GrammyError && error.description.includes("message is not modified"))
        return { kind: "sent", messageId: n.edit?.messageId ?? null };
      return classifyTelegramError(error);
    }
  };
}
