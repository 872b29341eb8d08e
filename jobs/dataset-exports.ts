import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from "bullmq";
import { z } from "zod";
import { watchQueueErrors } from "./queue-errors.js";

export const DATASETS_QUEUE = "datasets";

const payload = z.object({ exportId: z.string().min(1).max(128) });
export type DatasetJob = z.infer<typeof payload>;

const ATTEMPTS = 5;

/**
 * Dataset exports are built by workers on any machine: one job per export (its id is the job
 * id, so queueing twice builds once). A failed attempt (storage, database) is retried with
 * backoff; after the last one the export is marked failed and can be asked for again.
 */
export function datasetsQueue(connection: ConnectionOptions, retry: { attempts?: number; backoffMs?: number } = {}) {
  const queue = watchQueueErrors(new Queue(DATASETS_QUEUE, { connection }), "datasets queue");
  return {
    queue,
    build: async (exportId: string) =>
      void (await queue.add("export", payload.parse({ exportId }), {
        jobId: `export-${exportId}`,
        attempts: retry.attempts ?? ATTEMPTS,
        backoff: { type: "exponential", delay: retry.backoffMs ?? 10_000 },
        removeOnComplete: 1_000,
        removeOnFail: 1_000,
      })),
    close: () => queue.close(),
  };
}

export interface DatasetJobHandlers {
  run(exportId: string): Promise<unknown>;
  /** Called once the last attempt failed (or the job cannot succeed). */
  giveUp(exportId: string, error: unknown): Promise<void>;
  /** Errors that retrying cannot fix: the job fails at once. */
  isPermanent?(error: unknown): boolean;
}

export function startDatasetsWorker(
  connection: ConnectionOptions,
  handlers: DatasetJobHandlers,
  options: { concurrency?: number } = {},
) {
  const worker = new Worker(
    DATASETS_QUEUE,
    async (job) => {
      const parsed = payload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`malformed dataset job ${job.id}`);
      try {
        return await handlers.run(parsed.data.exportId);
      } catch (error) {
        const permanent = handlers.isPermanent?.(error) ?? false;
        if (permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
          await handlers.giveUp(parsed.data.exportId, error);
        if (permanent) throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    { connection, concurrency: options.concurrency ?? 1 },
  );
  return watchQueueErrors(worker, "datasets worker");
}
