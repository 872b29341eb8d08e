import type { ConnectionOptions } from "bullmq";
import { startScheduled } from "./scheduled.js";

export const MAINTENANCE_QUEUE = "maintenance";
const ROLL_UP_EVERY_MS = 60_000;

export interface MaintenanceTasks {
  /** Folds pending ledger credits into balance rows; returns the accounts rolled up. */
  rollUpLedger(): Promise<number>;
}

/**
 * Registers the periodic maintenance jobs and processes them.
 */
export function startMaintenance(connection: ConnectionOptions, tasks: MaintenanceTasks) {
  return startScheduled({
    connection,
    queue: MAINTENANCE_QUEUE,
    job: "ledger-roll-up",
    everyMs: ROLL_UP_EVERY_MS,
    opts: { removeOnComplete: 100, removeOnFail: 100 },
    process: async (job) => {
      if (job.name === "ledger-roll-up") return { accounts: await tasks.rollUpLedger() };
      throw new Error(`unknown maintenance job ${job.name}`);
    },
  });
}
