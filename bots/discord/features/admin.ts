// /admin for platform admins (ADMIN_IDS "dc:<id>"): platform stats, every live factory (whose
// cards let an admin pause or close it), and the payments that matched no request. Everything
// here checks the admin list again; others are told it is for admins and nothing runs.
import { encodeAction } from "../../views/actions.js";
import { action, amount, label, type View } from "../../views/view.js";
import type { DiscordContext } from "../context.js";
import { command, type DiscordFeature } from "../feature.js";

const adminOnly = (ctx: DiscordContext): View => ({ text: ctx.t("admin-only") });

async function adminView(ctx: DiscordContext): Promise<View> {
  const live = await ctx.deps.core.browseFactories({ offset: 0, limit: 20 });
  const engine = await ctx.deps.core.getPayoutEngine();
  const sol = (lamports: bigint | null) => amount(ctx.deps.tokens, "SOL", lamports ?? 0n);
  const payouts = !engine
    ? ctx.t("admin-payouts-off")
    : engine.state === "paused_gas"
      ? ctx.t("admin-payouts-paused", { needed: sol(engine.neededLamports), available: sol(engine.availableLamports) })
      : ctx.t("admin-payouts-running");
  return {
    text: [ctx.t("admin-stats", { live: live.total }), payouts].join("\n"),
    buttons: [
      ...live.items.map(({ factory: f }) => [action(label(f.name), encodeAction({ kind: "card", factoryId: f.id }))]),
      [action(ctx.t("admin-unattributed"), encodeAction({ kind: "admin", op: "unattributed" }))],
    ],
  };
}

async function unattributedView(ctx: DiscordContext): Promise<View> {
  const payments = await ctx.deps.core.listUnattributedPayments(20);
  if (payments.length === 0) return { text: ctx.t("admin-unattributed-none") };
  const lines = payments.map((p) =>
    ctx.t("admin-unattributed-line", {
      amount: amount(ctx.deps.tokens, p.token, p.units),
      payer: `${p.payer.slice(0, 4)}…${p.payer.slice(-4)}`,
      link: ctx.deps.explorer(p.signature),
    }),
  );
  return { text: [ctx.t("admin-unattributed-title"), ...lines].join("\n") };
}

export const adminFeature: DiscordFeature = {
  commands: [command("admin", async (ctx) => ctx.reply.view(ctx.isAdmin ? await adminView(ctx) : adminOnly(ctx)))],
  actions: {
    "admin:unattributed": async (ctx) => ctx.reply.view(ctx.isAdmin ? await unattributedView(ctx) : adminOnly(ctx)),
  },
};
