import { Composer } from "grammy";
import { referralNotice, welcomeView } from "../../views/onboarding.js";
import type { BotContext } from "../context.js";
import { displayName } from "../../flows/people.js";

export const REFERRAL_PREFIX = "ref-";

/** /start, with an optional deep-link payload ref-<code> that attributes a referral. */
export const startFeature = new Composer<BotContext>();

startFeature.chatType("private").command("start", async (ctx) => {
  await ctx.deps.reachability?.reachable(String(ctx.chat.id));
  const payload = ctx.match.trim();
  let referrerName: string | null = null;
  if (payload.startsWith(REFERRAL_PREFIX)) {
    const result = await ctx.deps.core.attributeReferral({
      accountId: ctx.account.id,
      code: payload.slice(REFERRAL_PREFIX.length),
    });
    if (result.ok) {
      referrerName = await displayName(ctx.deps, result.value.referrer.id, ctx.t);
      if (result.value.changed)
        await ctx.deps.notifier.dm(`referral:${ctx.account.id}`, result.value.referrer.id, (t) =>
          referralNotice(t, { username: ctx.from.username, name: ctx.from.first_name }),
        );
    } else if (result.error.code === "REFERRAL_ALREADY_SET") {
      await ctx.reply(ctx.t("referral-already"));
    }
  }
  await ctx.render(welcomeView(ctx.t, { returning: !ctx.firstContact && !referrerName, referrerName }));
});
