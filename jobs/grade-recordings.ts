import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import { z } from "zod";
import { watchQueueErrors } from "./queue-errors.js";

export const GRADING_QUEUE = "grading";

const payload = z.object({ recordingId: z.string().min(1).max(128) });
export type GradingJob = z.infer<typeof payload> & { regrade: boolean };

/** How a job failed for want of ffmpeg/ffprobe begins its failure reason (BullMQ keeps only the message). */
export const WAITS_FOR_TOOLS = "MEDIA_TOOLS_MISSING";

/**
 * This worker cannot run the video tools: retrying with backoff would only fail again for
 * 20 minutes, so the job fails at once (loudly, saying what to install) and waits, failed, for
 * `retryWaitingForTools` once the tools run again. The recording is untouched.
 */
export class GradingWaitsForTools extends UnrecoverableError {
  constructor(
    readonly recordingId: string,
    readonly missing: string,
    install: string,
  ) {
    super(
      `${WAITS_FOR_TOOLS}: ${missing} missing on this worker, ${install}; recording ${recordingId} waits ungraded and is queued again once they run`,
    );
    // What BullMQ and the job metrics look for (a subclass would be named after itself).
    this.name = "UnrecoverableError";
  }
}

const waitsForTools = (job: Job) => job.failedReason?.startsWith(WAITS_FOR_TOOLS) ?? false;

/**
 * Grading runs in workers on any machine: one job per recording (its id is the job id, so
 * enqueueing twice grades once), CPU-bound, hence a small concurrency per process. A failed
 * attempt (storage or ffmpeg hiccup) is retried with backoff; the database makes a retry that
 * follows a crash settle nothing twice. A worker without ffmpeg fails the job at once instead
 * (GradingWaitsForTools).
 */
export function gradingQueue(connection: ConnectionOptions) {
  const queue = watchQueueErrors(new Queue(GRADING_QUEUE, { connection }), "grading queue");
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
  /**
   * A failed job is retried; a missing one (removed, never queued) is added; others are left,
   * and so is one waiting for the video tools (`retryWaitingForTools` retries it when they run).
   */
  const requeue = async (recordingId: string) => {
    const job = await queue.getJob(`grade-${recordingId}`);
    if (!job) return void (await add("grade", recordingId));
    if ((await job.isFailed()) && !waitsForTools(job)) await job.retry();
  };
  /** Grades and regrades that failed for want of ffmpeg/ffprobe, queued again with all their attempts. */
  const retryWaitingForTools = async (): Promise<number> => {
    let retried = 0;
    // At most removeOnFail (5,000) failed jobs are kept: one read, no paging over a shrinking set.
    for (const job of await queue.getFailed())
      if (waitsForTools(job))
        // Another worker's sweep may have retried it first: that one counts, this one is a no-op.
        retried += await job.retry("failed", { resetAttemptsMade: true }).then(
          () => 1,
          () => 0,
        );
    return retried;
  };
  return {
    queue,
    grade: async (recordingId: string) => void (await add("grade", recordingId)),
    regrade: async (recordingId: string) => void (await add("regrade", recordingId, 2_000)),
    requeue,
    retryWaitingForTools,
    close: () => queue.close(),
  };
}

export function startGradingWorker(
  connection: ConnectionOptions,
  process: (job: GradingJob) => Promise<unknown>,
  options: { concurrency?: number } = {},
) {
  const worker = new Worker(
    GRADING_QUEUE,
    async (job) => {
      const parsed = payload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`malformed grading job ${job.id}`);
      return process({ ...parsed.data, regrade: job.name === "regrade" });
    },
    { connection, concurrency: options.concurrency ?? 1 },
  );
  return watchQueueErrors(worker, "grading worker");
}
