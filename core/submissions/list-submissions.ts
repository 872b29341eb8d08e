import type { CoreDeps } from "../deps.js";
import type { Page } from "../ports/repositories.js";
import { read } from "../shared/read.js";
import { sumByToken } from "../referrals/list-referrals.js";
import type { Payout, PayoutRole } from "./payout.js";
import type { Submission } from "./submission.js";

/** A farmer's submissions, newest first. */
export const listSubmissions = (deps: CoreDeps, farmerId: string, page: Page): Promise<Submission[]> =>
  read(deps.uow, (r) =>
    r.submissions.listByFarmer(farmerId, {
      offset: Math.max(0, page.offset),
      limit: Math.min(50, Math.max(1, page.limit)),
    }),
  );

export interface Earnings {
  /** Per role, per token: the base units owed or paid to this account. */
  readonly byRole: Readonly<Partial<Record<PayoutRole, Record<string, bigint>>>>;
  /** The same for the last 30 days. */
  readonly lastThirtyDays: Readonly<Partial<Record<PayoutRole, Record<string, bigint>>>>;
  readonly recent: readonly Payout[];
}

const THIRTY_DAYS_MS = 30 * 24 * 3600_000;

function byRole(payouts: readonly Payout[]): Partial<Record<PayoutRole, Record<string, bigint>>> {
  const sums: Partial<Record<PayoutRole, Record<string, bigint>>> = {};
  for (const role of ["farmer", "ambassador", "creator", "staker"] as const) {
    const mine = payouts.filter((p) => p.role === role);
    if (mine.length) sums[role] = sumByToken(mine);
  }
  return sums;
}

/** What an account has earned as farmer, ambassador... with the most recent payouts. */
export const getEarnings = (deps: CoreDeps, accountId: string): Promise<Earnings> =>
  read(deps.uow, async (r) => {
    const payouts = await r.payouts.listByRecipient(accountId);
    const since = deps.clock.now().getTime() - THIRTY_DAYS_MS;
    return {
      byRole: byRole(payouts),
      lastThirtyDays: byRole(payouts.filter((p) => p.createdAt.getTime() >= since)),
      recent: payouts.slice(0, 10),
    };
  });
