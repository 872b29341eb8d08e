import { Composer } from "grammy";
import { browsePage, openFactory, pickTask } from "../../flows/browse.js";
import { decodeAction } from "../../views/actions.js";
import type { BotContext } from "../context.js";

// Telegram's edge of the browse flow (bots/flows/browse.ts): commands and buttons in, views out.

export const browseFeature = new Composer<BotContext>();

async function showPage(ctx: BotContext, page: number, edit: boolean): Promise<void> {
  const shown = await browsePage(ctx.deps, ctx, page);
  (await ctx.session).browsePage = shown.page;
  await ctx.render(shown.view, { edit });
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
  const opened = await openFactory(ctx.deps, ctx, action.factoryId);
  // The factory's tasks replace the list; a refusal is a new message.
  await ctx.render(opened.view, { edit: opened.ok });
});

browseFeature.callbackQuery(/^task:/, async (ctx) => {
  const action = decodeAction(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  if (action?.kind !== "task") return;
  const picked = await pickTask(ctx.deps, ctx, action.factoryId, action.task, { acceptsFiles: true });
  if (!picked.ok) return ctx.render(picked.view);
  (await ctx.session).pendingTask = picked.pending;
  try {
    await ctx.render(picked.view);
  } catch (error) {
    // The person never saw the code, but the failed request (and its log) holds it: void it.
    // The next press of the task gives a fresh one.
    await ctx.deps.pairing
      .revoke(picked.code)
      .catch(() =>
        ctx.deps.logger.warn({ factoryId: action.factoryId }, "an undelivered pairing code could not be voided"),
      );
    throw error;
  }
});
