import { Queue, Worker, type ConnectionOptions, type Job, type JobSchedulerTemplateOptions } from "bullmq";

/**
 * A queue with one job scheduler (upserted: every worker process may register it, BullMQ keeps
 * one per id) and a worker taking one job at a time in this process.
 */
export async function startScheduled(options: {
  connection: ConnectionOptions;
  queue: string;
  job: string;
  everyMs: number;
  opts: JobSchedulerTemplateOptions;
  process: (job: Job) => Promise<unknown>;
}) {
  const { connection } = options;
  const queue = new Queue(options.queue, { connection });
  await queue.upsertJobScheduler(options.job, { every: options.everyMs }, { name: options.job, opts: options.opts });
  const worker = new Worker(options.queue, options.process, { connection, concurrency: 1 });
  return {
    queue,
    worker,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
