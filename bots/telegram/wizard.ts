// Shows what a wizard step ends in (bots/flows/wizards.ts): its views, then the payment
// request it made, if any, as a QR photo whose message the worker updates once paid.
import type { Outcome } from "../flows/wizards.js";
import type { BotContext } from "./context.js";
import { sendPayment } from "./payment.js";
import { sendStep } from "./step.js";

export async function showOutcome(ctx: BotContext, outcome: Outcome): Promise<void> {
  await sendStep(ctx, outcome.step);
  const payment = outcome.payment;
  if (!payment) return;
  const ref = await sendPayment(ctx, ctx.t, payment.caption, payment.shown);
  await ctx.deps.core.attachPaymentMessage({ requestId: payment.shown.requestId, messageRef: ref });
}
