import { Composer } from "grammy";
import { decodeAction } from "../../views/actions.js";
import { errorView } from "../../views/errors.js";
import { BROWSE_PAGE_SIZE, browseView, factoryTasksView, submitInstructionsView } from "../../views/farmer.js";
import type { BotContext } from "../context.js";
import { viewContext } from "../view-context.js";

export const browseFeature = new Composer<BotContext>();

async function showPage(ctx: BotContext, page: number, edit: boolean): Promise<void> {
  const result = await ctx.deps.core.browseFactories({ offset: page * BROWSE_PAGE_SIZE, limit: BROWSE_PAGE_SIZE });
  const last = Math.max(0, Math.ceil(result.total / BROWSE_PAGE_SIZE) - 1);
  if (page > last && result.total > 0) return showPage(ctx, last, edit);
  (await ctx.session).browsePage = page;
  await ctx.render(browseView(viewContext(ctx), page, result), { edit });
}

browseFeature.command(["browse", "submit"], (ctx) => showPage(ctx, 0, false));
browseFeature.callbackQuery("nav:browse", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showPage(ctx, (await ctx.session).browsePage ?? 0, true);
});
browseFeature.callbackQuery(/^page:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (action?.kind === "page") await showPage(ctx, action.page, true);
});

browseFeature.callbackQuery(/^open:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (action?.kind !== "open") return;
  const overview = await ctx.deps.core.getFactoryOverview(action.factoryId);
  if (!overview.ok) return ctx.render(errorView(ctx.t, overview.error));
  if (overview.value.factory.status !== "active") return ctx.render({ text: `⚠️ ${ctx.t("error-FACTORY_NOT_LIVE")}` });
  // A button from an older /browse: the pool may have run dry since.
  if (overview.value.available < overview.value.factory.rewardPerDemo)
    return ctx.render({ text: `⚠️ ${ctx.t("error-POOL_EXHAUSTED")}` });
  await ctx.render(factoryTasksView(viewContext(ctx), overview.value.factory), { edit: true });
});

browseFeature.callbackQuery(/^task:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (action?.kind !== "task") return;
  const overview = await ctx.deps.core.getFactoryOverview(action.factoryId);
  if (!overview.ok) return ctx.render(errorView(ctx.t, overview.error));
  const factory = overview.value.factory;
  const task = factory.tasks[action.task];
  if (factory.status !== "active") return ctx.render({ text: `⚠️ ${ctx.t("error-FACTORY_NOT_LIVE")}` });
  if (!task) return ctx.render({ text: `⚠️ ${ctx.t("error-TASK_NOT_FOUND")}` });
  if (overview.value.available < factory.rewardPerDemo)
    return ctx.render({ text: `⚠️ ${ctx.t("error-POOL_EXHAUSTED")}` });
  const code = await ctx.deps.pairing.issue({ accountId: ctx.account.id, factoryId: factory.id, taskId: task.id });
  (await ctx.session).pendingTask = { factoryId: factory.id, taskId: task.id, title: task.title };
  const view = submitInstructionsView(ctx.t, factory, task, code, {
    server: ctx.deps.recorderServer,
    install: ctx.deps.recorderInstall,
  });
  try {
    await ctx.render(view);
  } catch (error) {
    // The person never saw the code, but the failed request (and its log) holds it: void it.
    // The next press of the task gives a fresh one.
    await ctx.deps.pairing
      .revoke(code)
      .catch(() => ctx.deps.logger.warn({ factoryId: factory.id }, "an undelivered pairing code could not be voided"));
    throw error;
  }
});
