import type { CoreDeps } from "../deps.js";
import { ok } from "../shared/result.js";
import { requestIdFromMemo, type PaymentRequest } from "./payment.js";

/**
 * A transaction naming our requests in its memos was processed by the chain: marks those that
 * are still open as seen, once, and returns them (their messages can say "seen, confirming").
 * Only a hint for people: anyone can write any memo, so nothing is credited here; money moves
 * when the watcher validates the transfer at "confirmed".
 */
export async function markPaymentSeen(
  deps: CoreDeps,
  input: { signature: string; memos: readonly string[] },
): Promise<PaymentRequest[]> {
  const ids = [...new Set(input.memos.map(requestIdFromMemo).filter((id): id is string => id !== null))];
  if (ids.length === 0) return [];
  const result = await deps.uow.run(async (r) => {
    const seen: PaymentRequest[] = [];
    for (const id of ids.slice(0, 4)) {
      const request = await r.payments.markSeen(id, input.signature, deps.clock.now());
      if (request) seen.push(request);
    }
    return ok(seen);
  });
  return result.value;
}
