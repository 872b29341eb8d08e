import type { CoreDeps } from "../deps.js";
import { ok } from "../shared/result.js";
import { read } from "../shared/read.js";
import type { PaymentRequest, RecordedPayment } from "./payment.js";

const CREDITED = new Set(["credited", "underpaid", "overpaid"]);

/** Credited payments the chain has not been seen to finalize yet (the watcher asks about them). */
export const listUnfinalizedPayments = (deps: CoreDeps, limit = 256): Promise<RecordedPayment[]> =>
  read(deps.uow, (r) => r.payments.listUnfinalized(Math.min(256, Math.max(1, limit))));

/**
 * Marks payments finalized and returns them with their requests, so that the messages showing
 * those requests can say so. Money moved already at "confirmed": nothing is credited here.
 */
export async function finalizePayments(
  deps: CoreDeps,
  signatures: readonly string[],
): Promise<Array<{ payment: RecordedPayment; request: PaymentRequest | null }>> {
  const result = await deps.uow.run(async (r) => {
    const now = deps.clock.now();
    const done: Array<{ payment: RecordedPayment; request: PaymentRequest | null }> = [];
    for (const signature of signatures) {
      const payment = await r.payments.findPayment(signature);
      if (!payment || payment.finalizedAt || !CREDITED.has(payment.outcome)) continue;
      done.push({
        payment: { ...payment, finalizedAt: now },
        request: await r.payments.findRequestByReference(payment.references[0] ?? ""),
      });
    }
    await r.payments.markFinalized(
      done.map((d) => d.payment.signature),
      now,
    );
    return ok(done);
  });
  return result.value;
}
