import { Composer } from "grammy";
import { datasetStep } from "../../flows/datasets.js";
import {
  changeStatus,
  dashboardLink,
  factoryCard,
  factoryList,
  factoryStats,
  withdraw,
} from "../../flows/factories.js";
import { decodeAction } from "../../views/actions.js";
import type { BotContext } from "../context.js";
import { sendStep } from "../step.js";

// Telegram's edge of the factories flow (bots/flows/factories.ts).

export const factoriesFeature = new Composer<BotContext>();

factoriesFeature.command("factories", async (ctx) => ctx.render(await factoryList(ctx.deps, ctx)));
factoriesFeature.callbackQuery("nav:factories", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.render(await factoryList(ctx.deps, ctx), { edit: true });
});

factoriesFeature.callbackQuery(/^card:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  if (action?.kind !== "card") return ctx.answerCallbackQuery();
  await sendStep(ctx, await factoryCard(ctx.deps, ctx, action.factoryId));
});

/** 📊 Stats: the factory's chart and figures, as a new message (a photo cannot replace a text). */
factoriesFeature.callbackQuery(/^stats:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  if (action?.kind !== "stats") return ctx.answerCallbackQuery();
  await sendStep(ctx, await factoryStats(ctx.deps, ctx, action.factoryId));
});

/** 📱 Dashboard where it is no Mini App (no https PUBLIC_URL): a one-time link. */
factoriesFeature.callbackQuery("dash:link", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.render(await dashboardLink(ctx.deps, ctx));
});

factoriesFeature.callbackQuery(/^status:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  if (action?.kind !== "status") return ctx.answerCallbackQuery();
  await sendStep(ctx, await changeStatus(ctx.deps, ctx, action.factoryId, action.op));
});

/** 💸 Withdraw: ask (amount, wallet), then withdraw once, whatever the number of presses. */
factoriesFeature.callbackQuery(/^withdraw:/, async (ctx) => {
  const pressed = decodeAction(ctx.callbackQuery.data);
  if (pressed?.kind !== "withdraw") return ctx.answerCallbackQuery();
  await sendStep(ctx, await withdraw(ctx.deps, ctx, pressed.factoryId, pressed.step));
});

/** 📦 Dataset: the factory's exports (progress, download link) and the Export button. */
factoriesFeature.callbackQuery(/^dataset:/, async (ctx) => {
  const pressed = decodeAction(ctx.callbackQuery.data);
  if (pressed?.kind !== "dataset") return ctx.answerCallbackQuery();
  await sendStep(ctx, await datasetStep(ctx.deps.datasets, ctx, pressed.factoryId, pressed.op, ctx.deps.datasetTokens));
});
