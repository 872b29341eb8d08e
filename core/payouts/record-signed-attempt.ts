import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { PayoutAttempt, PayoutBatch } from "./batch.js";

/**
 * Stores a planned batch's signed transaction before anyone sends it: planned → signed. Only
 * one attempt can win (the batch row is locked and must still be planned), so two workers that
 * signed the same batch at once never both send.
 * Errors: NOT_ALLOWED (the batch is not planned any more: another worker signed it).
 */
export async function recordSignedAttempt(
  deps: CoreDeps,
  input: { batchId: string; signature: string; blockhash: string; lastValidBlockHeight: bigint; wire: string },
): Promise<Result<{ batch: PayoutBatch; attempt: PayoutAttempt }, DomainError>> {
  return deps.uow.run(async (r) => {
    const batch = await r.batches.lock(input.batchId);
    if (!batch || batch.status !== "planned")
      return fail("NOT_ALLOWED", { reason: "batch not planned", batchId: input.batchId, status: batch?.status });
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
