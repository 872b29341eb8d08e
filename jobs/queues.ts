// Queue names and job payloads. Payloads are JSON: amounts travel as decimal strings, and
// every payload is validated with zod when a worker takes it.
import { Queue, type ConnectionOptions } from "bullmq";
import { z } from "zod";

export const QUEUES = { settlement: "settlement" } as const;

export const SettlementJob = z.object({
  submissionId: z.string().min(1).max(100),
  score: z.number().int().min(0).max(100),
});
export type SettlementJob = z.infer<typeof SettlementJob>;

export const defaultJobOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 500 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

export function createSettlementQueue(connection: ConnectionOptions): Queue<SettlementJob> {
  return new Queue<SettlementJob>(QUEUES.settlement, { connection, defaultJobOptions });
}

/**
 * Enqueues a settlement. The jobId deduplicates while the job exists; the database (the
 * submission's status and the ledger key) is what guarantees it is applied once.
 */
export async function enqueueSettlement(queue: Queue<SettlementJob>, job: SettlementJob): Promise<void> {
  await queue.add("settle", SettlementJob.parse(job), { jobId: `settle-${job.submissionId}` });
}
