import type { CoreDeps } from "../deps.js";
import { LedgerAccount, type Transfer } from "../ledger/ledger.js";
import type { TokenSymbol } from "../money/tokens.js";
import { ok, type Result } from "../shared/result.js";
import type { DomainError } from "../shared/errors.js";
import type { PayoutBatch } from "./batch.js";
import { owedAccount, payoutSource, type Payout, type PayoutSource } from "./payout.js";

export interface PlannedBatch {
  readonly batch: PayoutBatch;
  readonly payouts: readonly Payout[];
}

/**
 * Takes owed payouts into a new batch: each moves from its owed account to its own in-flight
 * account (one journal entry for the batch) and records the wallet it goes to. Payouts another
 * planner took meanwhile, or that are no longer owed, are left out; with none left, nothing is
 * planned (null).
 */
export async function planBatch(
  deps: CoreDeps,
  input: {
    token: TokenSymbol;
    source: PayoutSource;
    recipients: ReadonlyArray<{ recipientId: string; wallet: string; payoutIds: readonly string[] }>;
  },
): Promise<Result<PlannedBatch | null, DomainError>> {
  const walletOf = new Map(input.recipients.flatMap((g) => g.payoutIds.map((id) => [id, g.wallet] as const)));
  return deps.uow.run(async (r) => {
    const now = deps.clock.now();
    const claimed = (await r.payouts.claimOwed([...walletOf.keys()])).filter(
      (p) =>
        p.token === input.token &&
        payoutSource(p.role) === input.source &&
        p.heldReason === null &&
        (p.dueAt === null || p.dueAt <= now) &&
        (p.retryAt === null || p.retryAt <= now),
    );
    if (claimed.length === 0) return ok(null);
    const batch: PayoutBatch = {
      id: deps.ids.id(),
      token: input.token,
      source: input.source,
      status: "planned",
      attempt: 0,
      signature: null,
      createdAt: now,
      updatedAt: now,
      confirmedAt: null,
      error: null,
    };
    await r.batches.create(batch);
    const transfers: Transfer[] = claimed.map((p) => ({
      from: owedAccount(p.role, p.recipientId),
      to: LedgerAccount.outgoing(p.id),
      token: p.token,
      units: p.units,
    }));
    const posted = await r.ledger.post({ key: `payout-plan:${batch.id}`, kind: "payout-plan", transfers });
    if (posted.status !== "posted") throw new Error(`planning batch ${batch.id}: ledger said ${posted.status}`);
    const payouts = claimed.map((p): Payout => ({
      ...p,
      status: "in_flight",
      batchId: batch.id,
      attempts: p.attempts + 1,
      wallet: walletOf.get(p.id)!,
    }));
    for (const p of payouts) await r.payouts.update(p);
    return ok({ batch, payouts });
  });
}
