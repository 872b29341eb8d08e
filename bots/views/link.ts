// Linking a person's Telegram and Discord accounts (/link): the code to take to the other bot,
// and what the merged account holds.
import type { Platform } from "../../core/accounts/account.js";
import type { Profile } from "../../core/accounts/get-profile.js";
import { formatLinkCode, LINK_CODE_TTL_MS } from "../../core/accounts/link-code.js";
import type { Earnings } from "../../core/payouts/get-earnings.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import { earningsView } from "./farmer.js";
import type { View, ViewContext } from "./view.js";

/** The code, where to send it (`other`: the platform of the person's other account), and a warning. */
export function linkCodeView(ctx: ViewContext, code: string, other: Platform): View {
  return {
    text: ctx.t("link-code", { code: formatLinkCode(code), minutes: LINK_CODE_TTL_MS / 60_000, other }),
  };
}

/** The merged account: XP and level, referrals, and its earnings (as /earnings shows them). */
export function linkedView(
  ctx: ViewContext,
  merged: { profile: Profile; referrals: number; earnings: Earnings },
  minimums: Readonly<Record<TokenSymbol, bigint>>,
): View {
  const { profile, referrals, earnings } = merged;
  return {
    text: [
      ctx.t("link-linked"),
      "",
      ctx.t("link-summary", { xp: profile.account.xp.toString(), level: profile.level, referrals }),
      "",
      earningsView(ctx, earnings, minimums).text,
    ].join("\n"),
  };
}
