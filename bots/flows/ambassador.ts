// Ambassadors: their invite, referrals, staking tier, commissions, and the leaderboard.
// Platform-neutral: the edge builds the invite link (a Telegram deep link, a Discord invite).
import { encodeAction } from "../views/actions.js";
import { commissionsView, inviteView, referralsView, tierView } from "../views/ambassador.js";
import { chartImage, commissionsChart } from "../views/charts.js";
import { action, plain, type View } from "../views/view.js";
import type { BotDeps, Person } from "./deps.js";
import { displayName } from "./people.js";

type Deps = Pick<BotDeps, "core" | "tokens" | "payments">;

export async function invite(deps: Deps, person: Person, links: { link: string; shareUrl: string }): Promise<View> {
  const tier = await deps.core.getStakeTier(person.account.id);
  return inviteView(person.t, { ...links, commissionBps: tier.commissionBps });
}

export async function referrals(deps: Deps, person: Person): Promise<View> {
  const list = await deps.core.listReferrals(person.account.id);
  const names = new Map<string, string>();
  for (const r of list) names.set(r.referee.id, await displayName(deps, r.referee.id, person.t));
  return referralsView({ t: person.t, tokens: deps.tokens }, list, (id) => names.get(id) ?? "?");
}

/** The tier, with Stake (when payments are set up) and Unstake (when something is staked). */
export async function tier(deps: Deps, person: Person): Promise<View> {
  const current = await deps.core.getStakeTier(person.account.id);
  const view = tierView({ t: person.t, tokens: deps.tokens }, current);
  const row = [
    ...(deps.payments ? [action(person.t("tier-stake"), encodeAction({ kind: "stake", op: "ask" }))] : []),
    ...(current.staked > 0n ? [action(person.t("tier-unstake"), encodeAction({ kind: "stake", op: "unstake" }))] : []),
  ];
  return { ...view, buttons: row.length ? [row] : [] };
}

export async function commissions(deps: Deps, person: Person): Promise<View> {
  const earnings = await deps.core.getEarnings(person.account.id);
  const list = await deps.core.listReferrals(person.account.id);
  const byReferral = [];
  for (const r of list)
    if (Object.keys(r.earned).length)
      byReferral.push({ name: await displayName(deps, r.referee.id, person.t), earned: r.earned });
  const view = commissionsView(
    { t: person.t, tokens: deps.tokens },
    { earnings, lastThirtyDays: earnings.lastThirtyDays.ambassador ?? {}, byReferral },
  );
  if (!earnings.byRole.ambassador) return view;
  const history = await deps.core.getEarningsHistory({ accountId: person.account.id, roles: ["ambassador"] });
  const spec = commissionsChart({ t: person.t, locale: person.locale, tokens: deps.tokens }, history, byReferral);
  if (!spec.panels.length) return view;
  return { ...view, image: chartImage(spec, "commissions.png", person.t("chart-alt-commissions")) };
}

export async function leaderboard(deps: Deps, person: Person): Promise<View> {
  const top = await deps.core.getLeaderboard(10);
  if (top.length === 0) return { text: person.t("leaderboard-none") };
  const lines = [];
  for (const [i, { account, level }] of top.entries())
    lines.push(
      person.t("leaderboard-line", {
        rank: i + 1,
        name: plain(await displayName(deps, account.id, person.t)),
        level,
        xp: account.xp.toString(),
      }),
    );
  return { text: [person.t("leaderboard-title"), ...lines].join("\n") };
}
