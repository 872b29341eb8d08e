import type { CoreDeps } from "../deps.js";
import type { TokenSymbol } from "../money/tokens.js";
import { ok } from "../shared/result.js";
import { read } from "../shared/read.js";
import type { PayoutAttempt, PayoutBatch } from "./batch.js";
import type { Payout } from "./payout.js";

export interface OpenBatch {
  readonly batch: PayoutBatch;
  readonly payouts: readonly Payout[];
  /** The signed transaction in flight, for a signed batch. */
  readonly attempt: PayoutAttempt | null;
}

/** Planned and signed batches with their payouts and current attempt, oldest first. */
export const listOpenBatches = (deps: CoreDeps, limit = 100): Promise<OpenBatch[]> =>
  read(deps.uow, async (r) => {
    const batches = await r.batches.listOpen(Math.min(1_000, Math.max(1, limit)));
    const open: OpenBatch[] = [];
    for (const batch of batches)
      open.push({
        batch,
        payouts: (await r.payouts.listByBatch(batch.id)).filter((p) => p.status === "in_flight"),
        attempt: batch.signature ? await r.batches.findAttempt(batch.signature) : null,
      });
    return open;
  });

/** Every transaction signed for a batch, first first (for audits and the reconciler). */
export const listBatchAttempts = (deps: CoreDeps, batchId: string): Promise<PayoutAttempt[]> =>
  read(deps.uow, (r) => r.batches.listAttempts(batchId));

/** Attempts confirmed in the last `withinMs`, oldest first (the reconciler checks them on chain). */
export const listConfirmedAttempts = (deps: CoreDeps, withinMs: number, limit = 1_000): Promise<PayoutAttempt[]> =>
  read(deps.uow, (r) => r.batches.listConfirmedSince(new Date(deps.clock.now().getTime() - withinMs), limit));

/** Landed (confirmed or failed) attempts, for the reconciler to match with the chain. */
export const findPayoutAttempt = (deps: CoreDeps, signature: string): Promise<PayoutAttempt | null> =>
  read(deps.uow, (r) => r.batches.findAttempt(signature));

/** What the ledger holds for others in a token (the treasury and vault must hold at least this). */
export const ledgerHeldTotal = (deps: CoreDeps, token: TokenSymbol): Promise<bigint> =>
  read(deps.uow, (r) => r.ledger.heldTotal(token));

/** Claims the right to tell the person a payout went out: true for exactly one caller. */
export async function claimPayoutNotice(deps: CoreDeps, payoutId: string): Promise<boolean> {
  const result = await deps.uow.run(async (r) => ok(await r.payouts.claimNotice(payoutId, deps.clock.now())));
  return result.value;
}

/** Paid payouts nobody was told about for at least `olderThanMs` (a notice lost to a crash). */
export const listPaidUnnotified = (deps: CoreDeps, olderThanMs: number, limit = 100): Promise<Payout[]> =>
  read(deps.uow, (r) =>
    r.payouts.listPaidUnnotified(new Date(deps.clock.now().getTime() - olderThanMs), Math.min(1_000, limit)),
  );

/** Claims telling the person how to link a wallet: true only the first time ever. */
export async function promptForWallet(deps: CoreDeps, accountId: string): Promise<boolean> {
  const result = await deps.uow.run(async (r) => ok(await r.accounts.claimWalletPrompt(accountId, deps.clock.now())));
  return result.value;
}

/** The payouts a batch carries or paid. */
export const listBatchPayouts = (deps: CoreDeps, batchId: string): Promise<Payout[]> =>
  read(deps.uow, (r) => r.payouts.listByBatch(batchId));

/** A payout by id. */
export const getPayout = (deps: CoreDeps, payoutId: string): Promise<Payout | null> =>
  read(deps.uow, (r) => r.payouts.findById(payoutId));

/** A submission's payouts (farmer first, then commissions). */
export const listSubmissionPayouts = (deps: CoreDeps, submissionId: string): Promise<Payout[]> =>
  read(deps.uow, (r) => r.payouts.listBySubmission(submissionId));

/** The payout minimums per token (base units), for messages about owed money. */
export const getPayoutMinimums = async (deps: CoreDeps) => deps.payoutPolicy.minimums;
