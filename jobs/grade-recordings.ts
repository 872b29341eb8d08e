import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from "bullmq";
import { z } from "zod";

export const GRADING_QUEUE = "grading";

const payload = z.object({ recordingId: z.string().min(1).max(128) });
export type GradingJob = z.infer<typeof payload> & { regrade: boolean };

/**
 * Grading runs in workers on any machine: one job per recording (its id is the job id, so
 * enqueueing twice grades once), CPU-bound, hence a small concurrency per process. A failed
 * attempt (storage or ffmpeg hiccup) is retried with backoff; the database makes a retry that
 * follows a crash settle nothing twice.
 */
export function gradingQueue(connection: ConnectionOptions) {
  const queue = new Queue(GRADING_QUEUE, { connection });
  const add = (kind: "grade" | "regrade", recordingId: string, delay = 0) =>
    queue.add(
      kind,
      { recordingId },
      {
        jobId: `${kind}-${recordingId}`,
        delay,
        // 5 s doubling over 8 attempts: about 20 minutes of storage or ffmpeg trouble is ridden out;
        // after that the stale sweep re-queues it.
        attempts: 8,
        backoff: { type: "exponential", delay: 5_000 },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      },
    );
  /** A failed job is retried; a missing one (removed, never queued) is added; others are left. */
  const requeue = async (recordingId: string) => {
    const job = await queue.getJob(`grade-${recordingId}`);
    if (!job) return void (await add("grade", recordingId));
    if (await job.isFailed()) await job.retry();
  };
  return {
    queue,
    grade: async (recordingId: string) => void (await add("grade", recordingId)),
    regrade: async (recordingId: string) => void (await add("regrade", recordingId, 2_000)),
    requeue,
    close: () => queue.close(),
  };
}

export function startGradingWorker(
  connection: ConnectionOptions,
  process: (job: GradingJob) => Promise<unknown>,
  options: { concurrency?: number } = {},
) {
  return new Worker(
    GRADING_QUEUE,
    async (job) => {
      const parsed = payload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`malformed grading job ${job.id}`);
      return process({ ...parsed.data, regrade: job.name === "regrade" });
    },
    { connection, concurrency: options.concurrency ?? 1 },
  );
}
