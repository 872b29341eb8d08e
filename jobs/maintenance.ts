import { Queue, Worker, type ConnectionOptions } from "bullmq";

export const MAINTENANCE_QUEUE = "maintenance";
const ROLL_UP_EVERY_MS = 60_000;

export interface MaintenanceTasks {
  /** Folds pending ledger credits into balance rows; returns the accounts rolled up. */
  rollUpLedger(): Promise<number>;
}

/**
 * Registers the periodic maintenance jobs (idempotently: every worker process may call it;
 * BullMQ keeps one scheduler per id) and processes them.
 */
export async function startMaintenance(connection: ConnectionOptions, tasks: MaintenanceTasks) {
  const queue = new Queue(MAINTENANCE_QUEUE, { connection });
  await queue.upsertJobScheduler(
    "ledger-roll-up",
    { every: ROLL_UP_EVERY_MS },
    { name: "ledger-roll-up", opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      if (job.name === "ledger-roll-up") return { accounts: await tasks.rollUpLedger() };
      throw new Error(`unknown maintenance job ${job.name}`);
    },
    { connection, concurrency: 1 },
  );
  return {
    queue,
    worker,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
