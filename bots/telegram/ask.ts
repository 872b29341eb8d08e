// Questions inside a conversation: ask, validate, say what is wrong and ask again; /cancel or
// the Cancel button ends the conversation without saving anything.
import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard, type Context } from "grammy";
import { WIZARD_CANCEL } from "../flows/wizard.js";
import type { Translate } from "../i18n.js";
import type { BotContext } from "./context.js";
import { toHtml } from "./render.js";

/** The Cancel button: the same data as under a wizard's questions. */
export const CANCEL = WIZARD_CANCEL;

export type Parsed<T> = { ok: true; value: T } | { ok: false; retry: string };
export interface Answer {
  readonly text?: string;
  readonly data?: string;
}

export function asker(conversation: Conversation<BotContext, Context>, ctx: Context, t: Translate) {
  const cancelRow = new InlineKeyboard().text(t("conv-cancel"), CANCEL);
  const say = (text: string, keyboard?: InlineKeyboard) =>
    ctx.reply(toHtml(text), { parse_mode: "HTML", reply_markup: keyboard });

  async function ask<T>(prompt: string, parse: (answer: Answer) => Parsed<T>, keyboard = cancelRow): Promise<T> {
    await say(prompt, keyboard);
    for (;;) {
      const next = await conversation.wait();
      const data = next.callbackQuery?.data;
      if (data) await next.answerCallbackQuery();
      if (data === CANCEL || next.message?.text?.trim() === "/cancel") {
        await next.reply(t("conv-cancelled"));
        return conversation.halt();
      }
      const text = next.message?.text;
      if (text === undefined && data === undefined) {
        await next.reply(t("retry-text"));
        continue;
      }
      const parsed = parse({ text, data });
      if (parsed.ok) return parsed.value;
      await next.reply(toHtml(parsed.retry), { parse_mode: "HTML" });
    }
  }

  const textOnly =
    <T>(retry: string, fn: (text: string) => T | null) =>
    (a: Answer): Parsed<T> => {
      const value = a.text === undefined ? null : fn(a.text.trim());
      return value === null ? { ok: false, retry } : { ok: true, value };
    };

  return { ask, say, textOnly, cancelRow };
}
