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
  /** Connection trouble (Redis away): reported at most once every 30 s, not once per retry. */
  onError?: (error: Error) => void;
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
  const report = throttled(options.onError ?? (() => undefined));
  worker.on("error", report);
  queue.on("error", report);
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

/** Calls `fn` with the first error of every 30 s window: a Redis outage is one line, not hundreds. */
export function throttled(fn: (error: Error) => void, windowMs = 30_000): (error: Error) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < windowMs) return;
    last = now;
    fn(error);
  };
}
