import { Composer } from "grammy";
import { adminOverview, unattributedPayments } from "../../flows/admin.js";
import type { BotContext } from "../context.js";

/** The queues button's data (the admin actions' "admin:<op>" form). */
const QUEUES = "admin:queues";

/**
 * /admin: platform stats, every live factory (whose cards let an admin pause or close it),
 * the payments that matched no request, and a sign-in link to the queue dashboard. Everything
 * here checks the admin list again.
 */
export const adminFeature = new Composer<BotContext>();

adminFeature.command("admin", async (ctx) => {
  if (!ctx.isAdmin) return ctx.reply(ctx.t("admin-only"));
  await ctx.render(await adminOverview(ctx.deps, ctx, { queues: QUEUES, gas: Boolean(ctx.deps.payments) }));
});

adminFeature.callbackQuery("admin:unattributed", async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.isAdmin) return ctx.reply(ctx.t("admin-only"));
  await ctx.render(await unattributedPayments(ctx.deps, ctx));
});

// The link is minted on demand (single use, short-lived), never shown in the /admin message.
adminFeature.callbackQuery(QUEUES, async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.isAdmin) return ctx.reply(ctx.t("admin-only"));
  const dashboard = ctx.deps.queueDashboard;
  if (!dashboard) return ctx.render({ text: ctx.t("admin-queues-off") });
  const { url, minutes } = await dashboard.loginLink(`telegram:${ctx.from.id}`);
  await ctx.render({ text: ctx.t("admin-queues-link", { url, minutes }) });
});
