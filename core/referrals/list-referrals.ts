import type { Account } from "../accounts/account.js";
import type { CoreDeps } from "../deps.js";
import { read } from "../shared/read.js";
import type { Payout } from "../payouts/payout.js";

export interface ReferralView {
  readonly referee: Account;
  /** Commissions this person's activity has earned the ambassador, per token (base units). */
  readonly earned: Readonly<Record<string, bigint>>;
}

/** The people an ambassador referred, newest first, with what each has earned them. */
export async function listReferrals(deps: CoreDeps, ambassadorId: string): Promise<ReferralView[]> {
  return read(deps.uow, async (r) => {
    const referees = await r.accounts.listReferees(ambassadorId);
    const commissions = (await r.payouts.listByRecipient(ambassadorId)).filter((p) => p.role === "ambassador");
    return referees.map((referee) => ({
      referee,
      earned: sumByToken(commissions.filter((p) => p.sourceId === referee.id)),
    }));
  });
}

export function sumByToken(payouts: readonly Payout[]): Record<string, bigint> {
  const sums: Record<string, bigint> = {};
  for (const p of payouts) sums[p.token] = (sums[p.token] ?? 0n) + p.units;
  return sums;
}
