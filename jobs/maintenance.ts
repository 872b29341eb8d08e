import type { ConnectionOptions } from "bullmq";
import { startScheduled } from "./scheduled.js";

export const MAINTENANCE_QUEUE = "maintenance";
const ROLL_UP_EVERY_MS = 60_000;
const PURGE_EVERY_MS = 10 * 60_000;
const NOTICES_EVERY_MS = 30_000;

export interface MaintenanceTasks {
  /** Folds pending ledger credits into balance rows; returns the accounts rolled up. */
  rollUpLedger(): Promise<number>;
  /** Expires abandoned uploads and deletes their chunks; returns how many. */
  purgeUploads?(): Promise<number>;
  /** Deletes expired pairing codes (app/pairing.ts); returns how many. */
  purgePairingCodes?(): Promise<number>;
  /** Forgets chat wizards left unanswered past their expiry (bots/flows/wizard.ts); returns how many. */
  purgeWizards?(): Promise<number>;
  /** Forgets charts' upload ids kept longer than their time (prisma/repositories/chart-file-store.ts). */
  purgeChartFiles?(): Promise<number>;
  /** Re-queues recordings whose grading stalled or failed for good; returns how many. */
  requeueStaleGrading?(): Promise<number>;
  /** Tells people what a crash kept from them (paid payouts, grades); returns how many. */
  sweepNotices?(): Promise<number>;
}

/**
 * Registers the periodic maintenance jobs and processes them.
 */
export async function startMaintenance(connection: ConnectionOptions, tasks: MaintenanceTasks) {
  const started = await startScheduled({
    connection,
    queue: MAINTENANCE_QUEUE,
    job: "ledger-roll-up",
    everyMs: ROLL_UP_EVERY_MS,
    opts: { removeOnComplete: 100, removeOnFail: 100 },
    also: [
      ...(tasks.purgeUploads || tasks.purgePairingCodes || tasks.purgeWizards || tasks.purgeChartFiles
        ? [{ job: "upload-purge", everyMs: PURGE_EVERY_MS }]
        : []),
      ...(tasks.sweepNotices ? [{ job: "notice-sweep", everyMs: NOTICES_EVERY_MS }] : []),
    ],
    process: async (job) => {
      if (job.name === "ledger-roll-up") return { accounts: await tasks.rollUpLedger() };
      if (job.name === "upload-purge")
        return {
          uploads: (await tasks.purgeUploads?.()) ?? 0,
          pairingCodes: (await tasks.purgePairingCodes?.()) ?? 0,
          wizards: (await tasks.purgeWizards?.()) ?? 0,
          chartFiles: (await tasks.purgeChartFiles?.()) ?? 0,
          requeued: (await tasks.requeueStaleGrading?.()) ?? 0,
        };
      if (job.name === "notice-sweep") return { told: (await tasks.sweepNotices?.()) ?? 0 };
      throw new Error(`unknown maintenance job ${job.name}`);
    },
  });
  return started;
}
