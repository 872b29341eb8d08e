import { Composer } from "grammy";
import { decodeAction } from "../../views/actions.js";
import { randomBytes } from "node:crypto";
import { confirmCloseView, confirmWithdrawView, factoryCardView, factoryListView } from "../../views/creator.js";
import { outlookText } from "../../views/grade.js";
import { amount } from "../../views/view.js";
import { errorView } from "../../views/errors.js";
import type { FactoryDialog } from "../../../core/factories/get-owned-factory-overview.js";
import type { BotContext } from "../context.js";
import { viewContext } from "../view-context.js";

export const factoriesFeature = new Composer<BotContext>();

const showList = async (ctx: BotContext, edit = false) =>
  ctx.render(factoryListView(viewContext(ctx), await ctx.deps.core.listOwnedFactories(ctx.account.id)), { edit });

factoriesFeature.command("factories", (ctx) => showList(ctx));
factoriesFeature.callbackQuery("nav:factories", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showList(ctx, true);
});

/** The factory behind an owner-only screen, or null once the person was told why not (core decides who may). */
async function ownedOverview(ctx: BotContext, factoryId: string, dialog: FactoryDialog) {
  const overview = await ctx.deps.core.getOwnedFactoryOverview({
    actor: { accountId: ctx.account.id, isAdmin: ctx.isAdmin },
    factoryId,
    dialog,
  });
  if (overview.ok) return overview.value;
  await ctx.render(errorView(ctx.t, overview.error));
  return null;
}

/** A factory's card: its owner (and admins, for moderation) only. */
async function showCard(ctx: BotContext, factoryId: string, edit: boolean): Promise<void> {
  const overview = await ownedOverview(ctx, factoryId, "card");
  if (overview) await ctx.render(factoryCardView(viewContext(ctx), overview), { edit });
}

factoriesFeature.callbackQuery(/^card:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (action?.kind === "card") await showCard(ctx, action.factoryId, true);
});

factoriesFeature.callbackQuery(/^status:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  if (action?.kind !== "status") return ctx.answerCallbackQuery();
  if (action.op === "closeask") {
    await ctx.answerCallbackQuery();
    const overview = await ownedOverview(ctx, action.factoryId, "close");
    if (overview) await ctx.render(confirmCloseView(ctx.t, overview.factory), { edit: true });
    return;
  }
  const result = await ctx.deps.core.changeFactoryStatus({
    actor: { accountId: ctx.account.id, isAdmin: ctx.isAdmin },
    factoryId: action.factoryId,
    action: action.op,
  });
  const done = { pause: "factory-paused", resume: "factory-resumed", close: "factory-closed" }[action.op];
  await ctx.answerCallbackQuery({ text: result.ok ? ctx.t(done) : ctx.t(`error-${result.error.code}`) });
  await showCard(ctx, action.factoryId, true);
});

/** 💸 Withdraw: ask (amount, wallet), then withdraw once, whatever the number of presses. */
factoriesFeature.callbackQuery(/^withdraw:/, async (ctx) => {
  const pressed = decodeAction(ctx.callbackQuery.data);
  if (pressed?.kind !== "withdraw") return ctx.answerCallbackQuery();
  const overview = await ctx.deps.core.getOwnedFactoryOverview({
    actor: { accountId: ctx.account.id, isAdmin: ctx.isAdmin },
    factoryId: pressed.factoryId,
    dialog: "withdraw",
  });
  if (!overview.ok) {
    if (overview.error.code === "FACTORY_NOT_OWNER")
      return ctx.answerCallbackQuery({ text: ctx.t("error-FACTORY_NOT_OWNER") });
    await ctx.answerCallbackQuery();
    return ctx.render(errorView(ctx.t, overview.error));
  }
  const { factory, available } = overview.value;
  if (pressed.step === "ask") {
    await ctx.answerCallbackQuery();
    const profile = await ctx.deps.core.getProfile(ctx.account.id);
    const wallet = profile.ok ? (profile.value.wallets.at(-1)?.address ?? null) : null;
    const nonce = randomBytes(6).toString("base64url").replace(/[-_]/g, "x");
    return ctx.render(confirmWithdrawView(viewContext(ctx), { factory, available, wallet, nonce }), { edit: true });
  }
  const result = await ctx.deps.core.withdrawPool({
    actor: { accountId: ctx.account.id, isAdmin: ctx.isAdmin },
    factoryId: factory.id,
    requestId: pressed.step,
  });
  await ctx.answerCallbackQuery();
  if (!result.ok) return ctx.render(errorView(ctx.t, result.error));
  await ctx.deps.owed?.();
  const outlook = await ctx.deps.core.getPayoutOutlook(result.value.id);
  await ctx.render({
    text: ctx.t("withdraw-done", {
      amount: amount(ctx.deps.tokens, result.value.token, result.value.units),
      outlook: outlook ? outlookText(ctx.t, ctx.deps.tokens, outlook, ctx.deps.explorer) : "",
    }),
  });
  await showCard(ctx, factory.id, false);
});
