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
  const add = (kind: "grade" | "regrade", recordingId: string) =>
    queue.add(
      kind,
      { recordingId },
      {
        jobId: `${kind}-${recordingId}`,
        attempts: 4,
        backoff: { type: "exponential", delay: 2_000 },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      },
    );
  return {
    queue,
    grade: async (recordingId: string) => void (await add("grade", recordingId)),
    regrade: async (recordingId: string) => void (await add("regrade", recordingId)),
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
