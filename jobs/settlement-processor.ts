import { UnrecoverableError, type Job } from "bullmq";
import type { Core } from "../core/index.js";
import { SettlementJob } from "./queues.js";

type Outcome = Awaited<ReturnType<Core["settleSubmission"]>>;

export interface BatchOptions {
  /** The most settlements one transaction takes. */
  readonly maxBatch?: number;
  /** Transactions at once: while they run, the next batch gathers. */
  readonly maxInFlight?: number;
  /** Told when a batch threw and its settlements are being tried one by one (worth a log line). */
  readonly onBatchFailed?: (error: unknown, size: number) => void;
}

/**
 * Settles what concurrent callers ask for in shared transactions (a group commit): a batch starts
 * as soon as fewer than `maxInFlight` run, with everything asked for by then, so one caller
 * alone waits for nothing and a burst shares its round trips and commits. If a batch throws
 * (nothing of it is kept), each of its settlements is tried alone, so that one that cannot be
 * settled fails only its own caller.
 */
export function settlementBatcher(core: Core, options: BatchOptions = {}) {
  const maxBatch = options.maxBatch ?? 64;
  const maxInFlight = options.maxInFlight ?? 2;
  const waiting: Array<{ input: SettlementJob; resolve(o: Outcome): void; reject(e: unknown): void }> = [];
  let running = 0;

  async function run(batch: typeof waiting): Promise<void> {
    try {
      const outcomes = await core.settleSubmissions(batch.map((w) => w.input));
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (error) {
      try {
        options.onBatchFailed?.(error, batch.length);
      } finally {
        await Promise.all(batch.map((w) => core.settleSubmission(w.input).then(w.resolve, w.reject)));
      }
    }
  }
  function pump(): void {
    while (running < maxInFlight && waiting.length > 0) {
      running++;
      void run(waiting.splice(0, maxBatch))
        .catch(() => undefined)
        .finally(() => {
          running--;
          pump();
        });
    }
  }
  return {
    settle: (input: SettlementJob) =>
      new Promise<Outcome>((resolve, reject) => {
        waiting.push({ input, resolve, reject });
        // Callers that ask in the same turn of the event loop share a batch.
        if (waiting.length === 1) setImmediate(pump);
      }),
  };
}

export type SettlementJobResult = Awaited<ReturnType<ReturnType<typeof settlementProcessor>>>;

/**
 * Settles a scored submission. A domain rejection (unknown submission, invalid score) will
 * not get better with retries: UnrecoverableError. Anything else is rethrown so BullMQ's
 * attempts and backoff apply; settling is idempotent, so a retry after a crash is safe. The
 * worker's concurrent jobs are settled in shared transactions (`settlementBatcher`): a crash
 * loses a whole batch's transaction, and its jobs, never completed, are retried.
 */
export const settlementProcessor = (core: Core, options: BatchOptions = {}) => {
  const batcher = settlementBatcher(core, options);
  return async (job: Job) => {
    const payload = SettlementJob.safeParse(job.data);
    if (!payload.success) throw new UnrecoverableError(`invalid payload: ${payload.error.message}`);
    const result = await batcher.settle(payload.data);
    if (!result.ok) throw new UnrecoverableError(`${result.error.code} ${JSON.stringify(result.error.context)}`);
    const { submission, split, payouts, replayed } = result.value;
    return {
      submissionId: submission.id,
      token: submission.token,
      paid: split.gross.toString(),
      farmerNet: split.farmerNet.toString(),
      payouts: replayed ? 0 : payouts.length,
      replayed,
    };
  };
};
