import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/** Last: whatever nobody handled gets a pointer to /help (stale buttons are answered too). */
export const unhandledFeature = new Composer<BotContext>();

unhandledFeature.on("callback_query", (ctx) => ctx.answerCallbackQuery());
unhandledFeature
  .chatType("private")
  .on("message:text", (ctx) =>
    ctx.reply(ctx.msg.text.startsWith("/") ? ctx.t("unknown-command") : ctx.t("unknown-message")),
  );
