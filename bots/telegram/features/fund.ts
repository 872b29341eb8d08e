// Money in: funding a factory's pool, staking and unstaking CLONES and topping up the payout gas
// are wizards asking an amount (bots/flows/fund.ts); verifying a wallet is a Solana Pay request
// at once. Without the payments edge, the bot says the feature is not enabled.
import { Composer } from "grammy";
import { begin, type WizardStart } from "../../flows/wizards.js";
import { decodeAction } from "../../views/actions.js";
import { amount, minute } from "../../views/view.js";
import type { BotContext } from "../context.js";
import { sendPayment } from "../payment.js";
import { showOutcome } from "../wizard.js";

export { sendPayment } from "../payment.js";

export const fundFeature = new Composer<BotContext>();

const enter = async (ctx: BotContext, start: WizardStart) => showOutcome(ctx, await begin(ctx.deps, ctx, start));

fundFeature.callbackQuery(/^fund:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  if (action?.kind !== "fund") return ctx.answerCallbackQuery();
  await enter(ctx, { kind: "fund", purpose: "fund", factoryId: action.factoryId });
});
fundFeature.callbackQuery("stake:ask", (ctx) => enter(ctx, { kind: "fund", purpose: "stake" }));
fundFeature.callbackQuery("stake:unstake", (ctx) => enter(ctx, { kind: "fund", purpose: "unstake" }));
fundFeature.callbackQuery("admin:gas", (ctx) => enter(ctx, { kind: "fund", purpose: "gas" }));

fundFeature.callbackQuery("wallet:verify", async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.deps.payments) return ctx.reply(`⚠️ ${ctx.t("error-PAYMENTS_NOT_CONFIGURED")}`);
  const shown = await ctx.deps.payments.requestWalletVerification({ accountId: ctx.account.id });
  const caption = ctx.t("wallet-verify-request", {
    amount: amount(ctx.deps.tokens, "SOL", VERIFY_UNITS),
    expires: minute(shown.expiresAt),
  });
  const ref = await sendPayment(ctx, ctx.t, caption, shown);
  await ctx.deps.core.attachPaymentMessage({ requestId: shown.requestId, messageRef: ref });
});

const VERIFY_UNITS = 1_000n;
