import { watchQueueErrors } from "./queue-errors.js";
import { Queue, Worker, type ConnectionOptions, type Job, type JobSchedulerTemplateOptions } from "bullmq";

/**
 * A queue with job schedulers (upserted: every worker process may register them, BullMQ keeps
 * one per id) and a worker taking one job at a time in this process. A Redis that restarted
 * empty has forgotten the schedulers: they are registered again whenever the connection is
 * ready again.
 */
export async function startScheduled(options: {
  connection: ConnectionOptions;
  queue: string;
  job: string;
  everyMs: number;
  opts: JobSchedulerTemplateOptions;
  /** More schedules on the same queue. */
  also?: ReadonlyArray<{ job: string; everyMs: number }>;
  process: (job: Job) => Promise<unknown>;
}) {
  const { connection } = options;
  const queue = new Queue(options.queue, { connection });
  const schedules = [{ job: options.job, everyMs: options.everyMs }, ...(options.also ?? [])];
  const upsert = async () => {
    for (const s of schedules)
      await queue.upsertJobScheduler(s.job, { every: s.everyMs }, { name: s.job, opts: options.opts });
  };
  await upsert();
  const shared = connection as {
    on?: (event: string, listener: () => void) => unknown;
    off?: (event: string, listener: () => void) => unknown;
  };
  const again = () => void upsert().catch(() => undefined);
  shared.on?.("ready", again);
  const worker = new Worker(options.queue, options.process, { connection, concurrency: 1 });
  watchQueueErrors(worker, `${options.queue} worker`);
  watchQueueErrors(queue, `${options.queue} queue`);
  return {
    queue,
    worker,
    close: async () => {
      shared.off?.("ready", again);
      await worker.close();
      await queue.close();
    },
  };
}
