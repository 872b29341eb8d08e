// Telegram's edge of the wizards (bots/flows/wizards.ts): text typed in a private chat answers
// the person's wizard in progress, a choice button answers its field, the summary's button
// confirms, and /cancel or the Cancel button forgets it. Without a wizard, text goes on.
import { Composer } from "grammy";
import { cancel, choose, confirm, NEW_FACTORY_CREATE, respond, WIZARD_CANCEL } from "../../flows/wizards.js";
import type { BotContext } from "../context.js";
import { sendStep } from "../step.js";
import { showOutcome } from "../wizard.js";

export const wizardFeature = new Composer<BotContext>();

const cancelled = async (ctx: BotContext) => sendStep(ctx, await cancel(ctx.deps, ctx));

wizardFeature.command("cancel", cancelled);
wizardFeature.callbackQuery(WIZARD_CANCEL, cancelled);

wizardFeature.callbackQuery(NEW_FACTORY_CREATE, async (ctx) => {
  const outcome = await confirm(ctx.deps, ctx);
  if (!outcome) return ctx.answerCallbackQuery();
  await showOutcome(ctx, outcome);
});

wizardFeature.callbackQuery(/^nf:token:/, async (ctx) => {
  const outcome = await choose(ctx.deps, ctx, ctx.callbackQuery.data);
  if (!outcome) return ctx.answerCallbackQuery();
  await showOutcome(ctx, outcome);
});

wizardFeature.chatType("private").on("message:text", async (ctx, next) => {
  if (ctx.msg.text.startsWith("/")) return next();
  const outcome = await respond(ctx.deps, ctx, ctx.msg.text);
  if (!outcome) return next();
  await showOutcome(ctx, outcome);
});
