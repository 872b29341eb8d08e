import { Composer } from "grammy";
import { commissionsView, inviteView, referralsView, tierView } from "../../views/ambassador.js";
import type { BotContext } from "../context.js";
import { encodeAction } from "../../views/actions.js";
import { action, plain } from "../../views/view.js";
import { displayName } from "../notify.js";
import { viewContext } from "../view-context.js";
import { REFERRAL_PREFIX } from "./start.js";

export const ambassadorFeature = new Composer<BotContext>();

export const inviteLink = (botUsername: string, code: string) =>
  `https://t.me/${botUsername}?start=${REFERRAL_PREFIX}${code}`;

const showInvite = async (ctx: BotContext) => {
  const link = inviteLink(ctx.me.username, ctx.account.referralCode);
  const shareUrl = `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(ctx.t("invite-share-text"))}`;
  const tier = await ctx.deps.core.getStakeTier(ctx.account.id);
  await ctx.render(inviteView(ctx.t, { link, shareUrl, commissionBps: tier.commissionBps }));
};
// Works in groups too: the link is meant to be shared and reveals nothing private.
ambassadorFeature.command("invite", showInvite);
ambassadorFeature.callbackQuery("nav:invite", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showInvite(ctx);
});

ambassadorFeature.command("referrals", async (ctx) => {
  const referrals = await ctx.deps.core.listReferrals(ctx.account.id);
  const names = new Map<string, string>();
  for (const r of referrals) names.set(r.referee.id, await displayName(ctx.deps, r.referee.id, ctx.t));
  await ctx.render(referralsView(viewContext(ctx), referrals, (id) => names.get(id) ?? "?"));
});

ambassadorFeature.command("tier", async (ctx) => {
  const tier = await ctx.deps.core.getStakeTier(ctx.account.id);
  const view = tierView(viewContext(ctx), tier);
  const row = [
    ...(ctx.deps.payments ? [action(ctx.t("tier-stake"), encodeAction({ kind: "stake", op: "ask" }))] : []),
    ...(tier.staked > 0n ? [action(ctx.t("tier-unstake"), encodeAction({ kind: "stake", op: "unstake" }))] : []),
  ];
  await ctx.render({ ...view, buttons: row.length ? [row] : [] });
});

ambassadorFeature.command("commissions", async (ctx) => {
  const earnings = await ctx.deps.core.getEarnings(ctx.account.id);
  const referrals = await ctx.deps.core.listReferrals(ctx.account.id);
  const byReferral = [];
  for (const r of referrals)
    if (Object.keys(r.earned).length)
      byReferral.push({ name: await displayName(ctx.deps, r.referee.id, ctx.t), earned: r.earned });
  await ctx.render(
    commissionsView(viewContext(ctx), {
      earnings,
      lastThirtyDays: earnings.lastThirtyDays.ambassador ?? {},
      byReferral,
    }),
  );
});

ambassadorFeature.command("leaderboard", async (ctx) => {
  const top = await ctx.deps.core.getLeaderboard(10);
  if (top.length === 0) return ctx.render({ text: ctx.t("leaderboard-none") });
  const lines = [];
  for (const [i, { account, level }] of top.entries())
    lines.push(
      ctx.t("leaderboard-line", {
        rank: i + 1,
        name: plain(await displayName(ctx.deps, account.id, ctx.t)),
        level,
        xp: account.xp.toString(),
      }),
    );
  await ctx.render({ text: [ctx.t("leaderboard-title"), ...lines].join("\n") });
});
