import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { PayoutAttempt, PayoutBatch } from "./batch.js";
import type { Payout } from "./payout.js";

/**
 * Stores a planned batch's signed transaction before anyone sends it: planned → signed. Only
 * one attempt can win (the batch row is locked and must still be planned), so two workers that
 * signed the same batch at once never both send. `payouts` are what the transaction pays (id,
 * wallet, units): they must be exactly the batch's payouts in flight now, or a transaction built
 * from a stale list (another worker took a payout out meanwhile) would pay it a second time.
 * Errors: NOT_ALLOWED (the batch is not planned any more, or its payouts changed).
 */
export async function recordSignedAttempt(
  deps: CoreDeps,
  input: {
    batchId: string;
    signature: string;
    blockhash: string;
    lastValidBlockHeight: bigint;
    wire: string;
    payouts: ReadonlyArray<Pick<Payout, "id" | "wallet" | "units">>;
  },
): Promise<Result<{ batch: PayoutBatch; attempt: PayoutAttempt }, DomainError>> {
  return deps.uow.run(async (r) => {
    const batch = await r.batches.lock(input.batchId);
    if (!batch || batch.status !== "planned")
      return fail("NOT_ALLOWED", { reason: "batch not planned", batchId: input.batchId, status: batch?.status });
    const key = (p: Pick<Payout, "id" | "wallet" | "units">) => `${p.id}:${p.wallet}:${p.units}`;
    const inFlight = (await r.payouts.listByBatch(batch.id)).filter((p) => p.status === "in_flight");
    const current = inFlight.map(key).sort();
    const signedFor = input.payouts.map(key).sort();
    if (current.length !== signedFor.length || current.some((k, i) => k !== signedFor[i]))
      return fail("NOT_ALLOWED", { reason: "the batch's payouts changed since it was built", batchId: batch.id });
    const now = deps.clock.now();
    const attempt: PayoutAttempt = {
      signature: input.signature,
      batchId: batch.id,
      attempt: batch.attempt + 1,
      blockhash: input.blockhash,
      lastValidBlockHeight: input.lastValidBlockHeight,
      wire: input.wire,
      status: "signed",
      createdAt: now,
      resolvedAt: null,
      slot: null,
      feeLamports: null,
      error: null,
    };
    await r.batches.createAttempt(attempt);
    const signed: PayoutBatch = {
      ...batch,
      status: "signed",
      attempt: attempt.attempt,
      signature: attempt.signature,
      updatedAt: now,
    };
    await r.batches.update(signed);
    return ok({ batch: signed, attempt });
  });
}
