// Editing a factory from its card: reward, threshold, limits, tasks. Free-text answers go
// through a short conversation; picking a task to remove is a button.
import type { Conversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard, type Context } from "grammy";
import { MIN_THRESHOLD } from "../../../core/economics/rules.js";
import type { FactoryChanges } from "../../../core/factories/update-factory.js";
import type { Locale } from "../../i18n.js";
import { decodeAction, encodeAction } from "../../views/actions.js";
import { editMenuView, limitsText, removeTaskView } from "../../views/creator.js";
import { errorText, errorView } from "../../views/errors.js";
import { amount } from "../../views/view.js";
import { asker } from "../ask.js";
import type { BotContext, TelegramBotDeps } from "../context.js";
import { parseLimits, parseTasks, parseThreshold, rewardAnswer } from "./new-factory.js";

export const EDIT_FACTORY = "editfactory";

type Field = "reward" | "threshold" | "limits" | "addtask";

export function editFactoryConversation(deps: TelegramBotDeps) {
  return async (
    conversation: Conversation<BotContext, Context>,
    ctx: Context,
    input: { accountId: string; isAdmin: boolean; locale: Locale; factoryId: string; field: Field },
  ) => {
    const t = deps.i18n.translator(input.locale);
    const { ask, say, textOnly } = asker(conversation, ctx, t);
    const current = await conversation.external(async () => {
      const overview = await deps.core.getFactoryOverview(input.factoryId);
      if (!overview.ok) return null;
      const f = overview.value.factory;
      return {
        token: f.token,
        reward: amount(deps.tokens, f.token, f.rewardPerDemo),
        threshold: f.threshold,
        limits: limitsText(t, f.limits),
      };
    });
    if (!current) return say(`⚠️ ${t("error-FACTORY_NOT_FOUND")}`);
    let changes: FactoryChanges;
    if (input.field === "reward") {
      const reward = await ask(
        t("edit-ask-reward", { token: current.token, current: current.reward }),
        rewardAnswer(t, deps.tokens.get(current.token).decimals, input.locale),
      );
      changes = { rewardPerDemo: reward };
    } else if (input.field === "threshold") {
      const retry = t("retry-threshold", { min: MIN_THRESHOLD });
      changes = {
        threshold: await ask(
          t("edit-ask-threshold", { min: MIN_THRESHOLD, current: current.threshold }),
          textOnly(retry, parseThreshold),
        ),
      };
    } else if (input.field === "limits") {
      changes = {
        limits: await ask(t("edit-ask-limits", { current: current.limits }), textOnly(t("retry-limits"), parseLimits)),
      };
    } else {
      const tasks = await ask(t("edit-ask-task"), textOnly(t("retry-tasks"), parseTasks));
      changes = { addTasks: tasks };
    }
    const saved = await conversation.external(async () => {
      const actor = { accountId: input.accountId, isAdmin: input.isAdmin };
      const result = await deps.core.updateFactory({ actor, factoryId: input.factoryId, changes });
      return result.ok ? null : errorText(t, result.error);
    });
    const back = new InlineKeyboard().text(t("back"), encodeAction({ kind: "card", factoryId: input.factoryId }));
    await say(saved === null ? t("edit-saved") : `⚠️ ${saved}`, back);
  };
}

export const editFactoryFeature = new Composer<BotContext>();

editFactoryFeature.callbackQuery(/^edit:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (action?.kind !== "edit") return;
  const overview = await ctx.deps.core.getFactoryOverview(action.factoryId);
  if (!overview.ok) return ctx.render(errorView(ctx.t, overview.error));
  const factory = overview.value.factory;
  if (factory.ownerId !== ctx.account.id) return ctx.render({ text: `⚠️ ${ctx.t("error-FACTORY_NOT_OWNER")}` });
  if (action.field === "menu") return ctx.render(editMenuView(ctx.t, factory), { edit: true });
  if (action.field === "rmtask") return ctx.render(removeTaskView(ctx.t, factory), { edit: true });
  await ctx.conversation.enter(EDIT_FACTORY, {
    accountId: ctx.account.id,
    isAdmin: ctx.isAdmin,
    locale: ctx.locale,
    factoryId: factory.id,
    field: action.field,
  });
});

editFactoryFeature.callbackQuery(/^rmtask:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  if (action?.kind !== "rmtask") return ctx.answerCallbackQuery();
  const overview = await ctx.deps.core.getFactoryOverview(action.factoryId);
  const task = overview.ok ? overview.value.factory.tasks[action.task] : undefined;
  if (!task) {
    await ctx.answerCallbackQuery({ text: ctx.t("error-TASK_NOT_FOUND") });
    return;
  }
  const result = await ctx.deps.core.updateFactory({
    actor: { accountId: ctx.account.id, isAdmin: ctx.isAdmin },
    factoryId: action.factoryId,
    changes: { removeTaskIds: [task.id] },
  });
  await ctx.answerCallbackQuery({ text: result.ok ? ctx.t("edit-saved") : ctx.t(`error-${result.error.code}`) });
  if (result.ok) await ctx.render(editMenuView(ctx.t, result.value), { edit: true });
});
