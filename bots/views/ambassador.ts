import type { ReferralView } from "../../core/referrals/list-referrals.js";
import type { StakeTierView } from "../../core/staking/get-stake-tier.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import type { Earnings, EarningsLine } from "../../core/payouts/get-earnings.js";
import type { Translate } from "../i18n.js";
import { earningsParts } from "./farmer.js";
import { amount, amounts, day, link, minute, plain, type View, type ViewContext } from "./view.js";

const percent = (bps: bigint) => `${Number(bps) / 100}%`;

export function inviteView(
  t: Translate,
  input: { link: string; shareUrl: string | null; commissionBps: bigint },
): View {
  const lines = [t("invite", { link: input.link, rate: percent(input.commissionBps) })];
  if (input.commissionBps === 0n) lines.push("", t("invite-unstaked"));
  return {
    text: lines.join("\n"),
    buttons: input.shareUrl ? [[link(t("invite-share"), input.shareUrl)]] : [],
  };
}

export function referralsView(
  { t, tokens }: ViewContext,
  referrals: readonly ReferralView[],
  nameOf: (accountId: string) => string,
): View {
  if (referrals.length === 0) return { text: t("referrals-none") };
  const lines = referrals.map((r) => {
    const earned = Object.keys(r.earned).length ? t("referrals-earned", { amount: amounts(tokens, r.earned) }) : "";
    return t("referrals-line", {
      name: plain(nameOf(r.referee.id)),
      date: day(r.referee.referredAt ?? r.referee.createdAt),
      earned,
    });
  });
  return { text: [t("referrals-title", { count: referrals.length }), ...lines].join("\n") };
}

export function tierView({ t, tokens }: ViewContext, view: StakeTierView): View {
  if (view.supply === 0n) return { text: t("tier-unknown-supply") };
  const clones = (units: bigint) => amount(tokens, "CLONES", units).replace(/ CLONES$/, "");
  const lines = [t("tier", { tier: view.tier, rate: percent(view.commissionBps), staked: clones(view.staked) })];
  lines.push(
    view.toNextTier === null ? t("tier-top") : t("tier-next", { next: view.tier + 1, needed: clones(view.toNextTier) }),
  );
  // Where the figure comes from, so that a tier can be checked (and a wrong supply noticed).
  const origin = view.supplyOrigin;
  lines.push(
    origin.kind === "chain"
      ? t("tier-supply-chain", { supply: clones(view.supply), mint: origin.mint, time: minute(origin.readAt) })
      : t("tier-supply-setting", { supply: clones(view.supply) }),
  );
  return { text: lines.join("\n") };
}

export function commissionsView(
  ctx: ViewContext,
  input: {
    earnings: Earnings;
    lastThirtyDays: Readonly<Record<string, bigint>>;
    byReferral: readonly { name: string; earned: Readonly<Record<string, bigint>> }[];
  },
): View {
  const { t, tokens } = ctx;
  const lines = input.earnings.byRole.ambassador;
  if (!lines) return { text: t("commissions-none") };
  const out = [
    t("commissions-title"),
    ...(Object.entries(lines) as Array<[TokenSymbol, EarningsLine]>).map(
      ([token, line]) => `• ${earningsParts(ctx, token, line)}`,
    ),
  ];
  if (Object.keys(input.lastThirtyDays).length)
    out.push(t("commissions-last-30-days", { amounts: amounts(tokens, input.lastThirtyDays) }));
  const earning = input.byReferral.filter((r) => Object.keys(r.earned).length);
  if (earning.length)
    out.push(
      "",
      t("commissions-by-referral"),
      ...earning.map((r) => `• ${plain(r.name)}: ${amounts(tokens, r.earned)}`),
    );
  return { text: out.join("\n") };
}
