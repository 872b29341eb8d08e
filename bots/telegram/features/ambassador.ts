import { Composer } from "grammy";
import { commissions, invite, leaderboard, referrals, tier } from "../../flows/ambassador.js";
import type { BotContext } from "../context.js";
import { REFERRAL_PREFIX } from "./start.js";

// Telegram's edge of the ambassador flows (bots/flows/ambassador.ts): the invite is a deep link.

export const ambassadorFeature = new Composer<BotContext>();

export const inviteLink = (botUsername: string, code: string) =>
  `https://t.me/${botUsername}?start=${REFERRAL_PREFIX}${code}`;

const showInvite = async (ctx: BotContext) => {
  const link = inviteLink(ctx.me.username, ctx.account.referralCode);
  const shareUrl = `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(ctx.t("invite-share-text"))}`;
  await ctx.render(await invite(ctx.deps, ctx, { link, shareUrl }));
};
// Works in groups too: the link is meant to be shared and reveals nothing private.
ambassadorFeature.command("invite", showInvite);
ambassadorFeature.callbackQuery("nav:invite", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showInvite(ctx);
});

ambassadorFeature.command("referrals", async (ctx) => ctx.render(await referrals(ctx.deps, ctx)));
ambassadorFeature.command("tier", async (ctx) => ctx.render(await tier(ctx.deps, ctx)));
ambassadorFeature.command("commissions", async (ctx) => ctx.render(await commissions(ctx.deps, ctx)));
ambassadorFeature.command("leaderboard", async (ctx) => ctx.render(await leaderboard(ctx.deps, ctx)));
