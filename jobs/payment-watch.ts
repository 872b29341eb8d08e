import type { ConnectionOptions } from "bullmq";
import { startScheduled } from "./scheduled.js";

export const PAYMENT_WATCH_QUEUE = "payment-watch";

/**
 * Polls the chain for payments every `everyMs` through a BullMQ job scheduler: one scheduler
 * however many worker processes register it, one job at a time per process. A failed poll
 * (an RPC outage) is retried with exponential backoff; the cursor only moves after success.
 */
export function startPaymentWatch(connection: ConnectionOptions, everyMs: number, poll: () => Promise<unknown>) {
  return startScheduled({
    connection,
    queue: PAYMENT_WATCH_QUEUE,
    job: "poll",
    everyMs,
    opts: { removeOnComplete: 50, removeOnFail: 200, attempts: 6, backoff: { type: "exponential", delay: 1_000 } },
    process: () => poll(),
  });
}
