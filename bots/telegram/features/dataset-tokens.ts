// Telegram's edge of dataset tokens (bots/flows/dataset-tokens.ts, token-launch.ts): /datasets and
// a token's buttons (trades, burn, download, slippage), claims, the 🚀 Launch button of the
// Dataset view, the burn-share choice of the launch wizards, and /metadataset for admins. A
// trade's request is a QR photo with "Open in wallet", as the XP boosts'.
import { Composer } from "grammy";
import { claimStep, listStep, tokenList, tokenStep, tokensOff } from "../../flows/dataset-tokens.js";
import { metaStep } from "../../flows/token-launch.js";
import { begin, choose } from "../../flows/wizards.js";
import { decodeAction } from "../../views/actions.js";
import type { BotContext } from "../context.js";
import { showOutcome } from "../wizard.js";

export const datasetTokensFeature = new Composer<BotContext>();

datasetTokensFeature.command("datasets", async (ctx) => {
  const port = ctx.deps.datasetTokens;
  if (!port) return showOutcome(ctx, tokensOff(ctx));
  await ctx.render(await tokenList(port, ctx));
});

datasetTokensFeature.callbackQuery(/^dtlist:/, async (ctx) =>
  showOutcome(ctx, await listStep(ctx.deps.datasetTokens, ctx)),
);

datasetTokensFeature.callbackQuery(/^dtok:/, async (ctx) => {
  const pressed = decodeAction(ctx.callbackQuery.data);
  if (pressed?.kind !== "dtok") return ctx.answerCallbackQuery();
  await showOutcome(ctx, await tokenStep(ctx.deps.datasetTokens, ctx, pressed.tokenId, pressed.op, pressed.slip));
});

datasetTokensFeature.callbackQuery(/^dtclaim:/, async (ctx) => {
  const pressed = decodeAction(ctx.callbackQuery.data);
  if (pressed?.kind !== "dtclaim") return ctx.answerCallbackQuery();
  await showOutcome(ctx, await claimStep(ctx.deps.datasetTokens, ctx, pressed.metaId, pressed.n));
});

datasetTokensFeature.callbackQuery(/^dtlaunch:/, async (ctx) => {
  const pressed = decodeAction(ctx.callbackQuery.data);
  if (pressed?.kind !== "dtlaunch") return ctx.answerCallbackQuery();
  await showOutcome(ctx, await begin(ctx.deps, ctx, { kind: "tokenlaunch", factoryId: pressed.factoryId }));
});

/** The burn-to-download share of a launch wizard (a choice button). */
datasetTokensFeature.callbackQuery(/^dtshare:/, async (ctx) => {
  const outcome = await choose(ctx.deps, ctx, ctx.callbackQuery.data);
  if (!outcome) return ctx.answerCallbackQuery();
  await showOutcome(ctx, outcome);
});

async function meta(ctx: BotContext, mask: string, op: "pick" | "go") {
  const shown = await metaStep(ctx.deps.datasetTokens, ctx, mask, op, Boolean(ctx.callbackQuery));
  if ("outcome" in shown) return showOutcome(ctx, shown.outcome);
  await showOutcome(ctx, await begin(ctx.deps, ctx, { kind: "metalaunch", tokenIds: shown.tokenIds }));
}

datasetTokensFeature.command("metadataset", (ctx) => meta(ctx, "0", "pick"));
datasetTokensFeature.callbackQuery(/^mpick:/, async (ctx) => {
  const pressed = decodeAction(ctx.callbackQuery.data);
  if (pressed?.kind !== "mpick") return ctx.answerCallbackQuery();
  await meta(ctx, pressed.mask, pressed.op);
});
