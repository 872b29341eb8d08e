import { Queue, Worker, type ConnectionOptions } from "bullmq";

export const PAYMENT_WATCH_QUEUE = "payment-watch";

/**
 * Polls the chain for payments every `everyMs` through a BullMQ job scheduler: one scheduler
 * however many worker processes register it, one job at a time per process. A failed poll
 * (an RPC outage) is retried by the next tick; the cursor only moves after success.
 */
export async function startPaymentWatch(connection: ConnectionOptions, everyMs: number, poll: () => Promise<unknown>) {
  const queue = new Queue(PAYMENT_WATCH_QUEUE, { connection });
  await queue.upsertJobScheduler(
    "poll",
    { every: everyMs },
    { name: "poll", opts: { removeOnComplete: 50, removeOnFail: 200 } },
  );
  const worker = new Worker(PAYMENT_WATCH_QUEUE, () => poll(), { connection, concurrency: 1 });
  return {
    queue,
    worker,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
