import type { Step } from "../flows/step.js";
import type { BotContext } from "./context.js";

/**
 * Shows a flow's step: its notice as the pressed button's toast (a message after a command),
 * then each view in place of the pressed message or as a new one.
 */
export async function sendStep(ctx: BotContext, step: Step): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery(step.notice ? { text: step.notice } : undefined);
  else if (step.notice) await ctx.render({ text: step.notice });
  for (const shown of step.show) await ctx.render(shown.view, { edit: shown.inPlace });
}
