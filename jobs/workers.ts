import { Worker, type ConnectionOptions } from "bullmq";
import type { Core } from "../core/index.js";
import { watchQueueErrors } from "./queue-errors.js";
import { QUEUES } from "./queues.js";
import { settlementProcessor } from "./settlement-processor.js";

export interface WorkerEvents {
  completed(queue: string, result: unknown): void;
  failed(queue: string, jobId: string | undefined, error: Error, final: boolean): void;
  /** A shared settlement transaction threw; its jobs are being settled one by one. */
  batchFailed?(queue: string, error: unknown, size: number): void;
}

/** Starts this process's BullMQ workers; any number of processes may run them at once. */
export function startWorkers(options: {
  connection: ConnectionOptions;
  core: Core;
  concurrency: number;
  events: WorkerEvents;
}) {
  const workers = [
    new Worker(
      QUEUES.settlement,
      settlementProcessor(options.core, {
        onBatchFailed: (error, size) => options.events.batchFailed?.(QUEUES.settlement, error, size),
      }),
      {
        connection: options.connection,
        concurrency: options.concurrency,
      },
    ),
  ];
  for (const worker of workers) {
    worker.on("completed", (job) => options.events.completed(worker.name, job.returnvalue));
    worker.on("failed", (job, error) => {
      const final = !job || error.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
      options.events.failed(worker.name, job?.id, error, final);
    });
    watchQueueErrors(worker, `${worker.name} worker`);
  }
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
