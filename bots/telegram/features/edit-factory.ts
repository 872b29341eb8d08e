// Telegram's edge of editing a factory from its card (bots/flows/edit-factory.ts): the menu,
// the task to remove (a button), and the wizard asking a new reward, threshold, limits or task.
import { Composer } from "grammy";
import { editMenu, removeTask } from "../../flows/edit-factory.js";
import { begin } from "../../flows/wizards.js";
import { decodeAction } from "../../views/actions.js";
import type { BotContext } from "../context.js";
import { sendStep } from "../step.js";
import { showOutcome } from "../wizard.js";

export const editFactoryFeature = new Composer<BotContext>();

editFactoryFeature.callbackQuery(/^edit:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  if (action?.kind !== "edit") return ctx.answerCallbackQuery();
  if (action.field === "menu" || action.field === "rmtask")
    return sendStep(ctx, await editMenu(ctx.deps, ctx, action.factoryId, action.field));
  const start = { kind: "editfactory", factoryId: action.factoryId, field: action.field } as const;
  await showOutcome(ctx, await begin(ctx.deps, ctx, start));
});

editFactoryFeature.callbackQuery(/^rmtask:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  if (action?.kind !== "rmtask") return ctx.answerCallbackQuery();
  await sendStep(ctx, await removeTask(ctx.deps, ctx, action.factoryId, action.task));
});
