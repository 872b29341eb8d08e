import { Composer } from "grammy";
import { encodeAction } from "../../views/actions.js";
import { action, amount } from "../../views/view.js";
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
  const live = await ctx.deps.core.browseFactories({ offset: 0, limit: 20 });
  const engine = await ctx.deps.core.getPayoutEngine();
  const sol = (lamports: bigint | null) => amount(ctx.deps.tokens, "SOL", lamports ?? 0n);
  const payouts = !engine
    ? ctx.t("admin-payouts-off")
    : engine.state === "paused_gas"
      ? ctx.t("admin-payouts-paused", { needed: sol(engine.neededLamports), available: sol(engine.availableLamports) })
      : ctx.t("admin-payouts-running");
  await ctx.render({
    text: [ctx.t("admin-stats", { live: live.total }), payouts].join("\n"),
    buttons: [
      ...live.items.map(({ factory: f }) => [action(f.name, encodeAction({ kind: "card", factoryId: f.id }))]),
      [action(ctx.t("admin-queues"), QUEUES)],
      [action(ctx.t("admin-unattributed"), encodeAction({ kind: "admin", op: "unattributed" }))],
      ...(ctx.deps.payments ? [[action(ctx.t("admin-gas"), encodeAction({ kind: "admin", op: "gas" }))]] : []),
    ],
  });
});

adminFeature.callbackQuery("admin:unattributed", async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!ctx.isAdmin) return ctx.reply(ctx.t("admin-only"));
  const payments = await ctx.deps.core.listUnattributedPayments(20);
  if (payments.length === 0) return ctx.render({ text: ctx.t("admin-unattributed-none") });
  const lines = payments.map((p) =>
    ctx.t("admin-unattributed-line", {
      amount: amount(ctx.deps.tokens, p.token, p.units),
      payer: `${p.payer.slice(0, 4)}…${p.payer.slice(-4)}`,
      link: ctx.deps.explorer(p.signature),
    }),
  );
  await ctx.render({ text: [ctx.t("admin-unattributed-title"), ...lines].join("\n") });
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
