import { Composer } from "grammy";
import { earnings, history, profile, wallets } from "../../flows/account.js";
import type { BotContext } from "../context.js";

// Telegram's edge of the account flows (bots/flows/account.ts).

export const accountFeature = new Composer<BotContext>();

accountFeature.command("profile", async (ctx) => ctx.render(await profile(ctx.deps, ctx)));
accountFeature.callbackQuery("nav:profile", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.render(await profile(ctx.deps, ctx));
});
accountFeature.command("wallet", async (ctx) => ctx.render(await wallets(ctx.deps, ctx)));
accountFeature.command("history", async (ctx) => ctx.render(await history(ctx.deps, ctx)));
accountFeature.command("earnings", async (ctx) => ctx.render(await earnings(ctx.deps, ctx)));
