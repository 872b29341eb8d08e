// Money in: funding a factory's pool, staking and unstaking CLONES and topping up the payout gas
// are wizards asking an amount (bots/flows/fund.ts); verifying a wallet is a Solana Pay request
// at once (bots/flows/wallet.ts). Without the payments edge, the bot says the feature is not enabled.
import { Composer } from "grammy";
import { verifyWallet } from "../../flows/wallet.js";
import { begin, type WizardStart } from "../../flows/wizards.js";
import { decodeAction } from "../../views/actions.js";
import type { BotContext } from "../context.js";
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

fundFeature.callbackQuery("wallet:verify", async (ctx) => showOutcome(ctx, await verifyWallet(ctx.deps, ctx)));
