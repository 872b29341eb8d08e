import { Composer } from "grammy";
import { decodeAction } from "../../views/actions.js";
import { confirmCloseView, factoryCardView, factoryListView } from "../../views/creator.js";
import { errorView } from "../../views/errors.js";
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

/** A factory's card: its owner (and admins, for moderation) only. */
async function showCard(ctx: BotContext, factoryId: string, edit: boolean): Promise<void> {
  const overview = await ctx.deps.core.getFactoryOverview(factoryId);
  if (!overview.ok) return ctx.render(errorView(ctx.t, overview.error));
  if (overview.value.factory.ownerId !== ctx.account.id && !ctx.isAdmin)
    return ctx.render({ text: `⚠️ ${ctx.t("error-FACTORY_NOT_OWNER")}` });
  await ctx.render(factoryCardView(viewContext(ctx), overview.value), { edit });
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
    const overview = await ctx.deps.core.getFactoryOverview(action.factoryId);
    return overview.ok
      ? ctx.render(confirmCloseView(ctx.t, overview.value.factory), { edit: true })
      : ctx.render(errorView(ctx.t, overview.error));
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
