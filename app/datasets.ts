// Dataset exports as the app composes them: the use cases on the database, the queue that
// builds them, the worker (worker role), the download route (server role) and signed links
// (the bots hand them out). Without DATASETS_SECRET there are no exports: farmer ids cannot be
// pseudonymised nor links signed without it.
import type { ConnectionOptions } from "bullmq";
import type { Actor } from "../core/factories/actor.js";
import type { DatasetExport } from "../core/datasets/dataset-export.js";
import { createDatasets, type Datasets } from "../core/datasets/index.js";
import { datasetsQueue, startDatasetsWorker } from "../jobs/dataset-exports.js";
import type { Database } from "../prisma/database.js";
import { prismaDatasetExportRepository } from "../prisma/repositories/dataset-export-repository.js";
import type { Tx } from "../prisma/repositories/tx.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { datasetLink } from "../server/datasets-link.js";
import { datasetDownloadRoutes } from "../server/datasets-route.js";
import type { BlobStorage } from "../server/uploads/storage.js";
import { keyedPseudonym } from "./datasets/pseudonym.js";
import { datasetExporter, ExportImpossible } from "./datasets/run-export.js";
import type { Clock } from "../core/ports/runtime.js";
import { cryptoIds, systemClock } from "./runtime.js";

/** How long a download link works after it is handed out. */
export const DATASET_LINK_TTL_MS = 24 * 3_600_000;

export interface DatasetExportsOptions {
  readonly secret: string | undefined;
  readonly publicUrl: string | undefined;
  readonly db: Database;
  readonly storage: BlobStorage;
  /** The queue's connection; without Redis exports can be looked at, not built. */
  readonly connection: ConnectionOptions | null;
  readonly workDir: string;
  readonly clock?: Clock;
}

export function buildDatasetExports(options: DatasetExportsOptions) {
  if (!options.secret) return null;
  const secret = options.secret;
  const clock = options.clock ?? systemClock;
  const repo = prismaDatasetExportRepository(options.db.prisma as unknown as Tx);
  const uow = prismaUnitOfWork(options.db.prisma, { query: options.db.query, pool: options.db.pool });
  const datasets: Datasets = createDatasets({ uow, clock, ids: cryptoIds, datasets: repo });
  const queue = options.connection ? datasetsQueue(options.connection) : null;
  return {
    ...datasets,
    /**
     * Asks for an export and has it built. Asked again while it is unfinished, its job is queued
     * again (the job id makes that a no-op while the job exists): an export whose job was lost
     * (a Redis blip at the first enqueue, Redis restarted empty) still gets built.
     */
    async requestDatasetExport(input: { actor: Actor; factoryId: string }) {
      const asked = await datasets.requestDatasetExport(input);
      const status = asked.ok ? asked.value.export.status : null;
      if (asked.ok && queue && (status === "queued" || status === "building")) await queue.build(asked.value.export.id);
      return asked;
    },
    /** A download link for a ready export, valid DATASET_LINK_TTL_MS from now; null without PUBLIC_URL. */
    link(exportId: string, now = clock.now()): string | null {
      if (!options.publicUrl) return null;
      const expiresAt = new Date(now.getTime() + DATASET_LINK_TTL_MS);
      return datasetLink({ publicUrl: options.publicUrl, secret, exportId, expiresAt });
    },
    /**
     * The worker role's datasets worker. `told` hears of each export once built (ready) or given
     * up (failed), to DM the person who asked for it.
     */
    startWorker(connection: ConnectionOptions, told?: (e: DatasetExport) => Promise<void>) {
      const exporter = datasetExporter({
        datasets: repo,
        uow,
        clock,
        storage: options.storage,
        pseudonym: keyedPseudonym(secret),
        workDir: options.workDir,
      });
      return startDatasetsWorker(connection, {
        run: async (exportId) => {
          const built = await exporter.run(exportId);
          if (built.status === "ready") await told?.(built);
          return built;
        },
        giveUp: async (exportId, error) => {
          await exporter.giveUp(exportId, error);
          const failed = await repo.findById(exportId);
          if (failed?.status === "failed") await told?.(failed);
        },
        isPermanent: (e) => e instanceof ExportImpossible,
      });
    },
    /** The server role's download route. */
    routes: () =>
      datasetDownloadRoutes({
        secret,
        storage: options.storage,
        findExport: (id) => repo.findById(id),
        now: () => clock.now(),
      }),
    close: async () => void (await queue?.close()),
  };
}
export type DatasetExports = NonNullable<ReturnType<typeof buildDatasetExports>>;
