import { Composer } from "grammy";
import { link } from "../../flows/link.js";
import type { BotContext } from "../context.js";

// Telegram's edge of the link flow (bots/flows/link.ts): `/link` or `/link CODE`. Private chats
// only (not a group command in bots/views/commands.ts): a code is a key to the account.

export const linkFeature = new Composer<BotContext>();

linkFeature.command("link", async (ctx) => {
  const result = await link(ctx.deps, ctx, { here: "telegram", code: ctx.match });
  if (result.account) ctx.account = result.account;
  await ctx.render(result.view);
});
