// The datasets worker's job: builds one export into blob storage, its progress in the table as
// it goes. The export's range was fixed when it was asked for, so a retried attempt (after a
// crash or a storage hiccup) writes the same recordings again, under the same key.
import type { DatasetExport, DatasetExportRepository } from "../../core/datasets/dataset-export.js";
import type { Pseudonym } from "../../core/datasets/dataset-row.js";
import type { UnitOfWork } from "../../core/ports/repositories.js";
import type { Clock } from "../../core/ports/runtime.js";
import type { BlobStorage } from "../../server/uploads/storage.js";
import { buildExport } from "./build-export.js";

export interface ExporterDeps {
  readonly datasets: DatasetExportRepository;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly storage: BlobStorage;
  readonly pseudonym: Pseudonym;
  readonly workDir: string;
}

/** A job that cannot succeed however often it runs (its export or factory is gone). */
export class ExportImpossible extends Error {}

/** Progress stops at 95% while the archive is zipped into storage; 100% is ready. */
const WRITING_SHARE = 95;

export function datasetExporter(deps: ExporterDeps) {
  /** Builds the export; a ready or failed one is left as it is (a duplicated or late job). */
  async function run(exportId: string): Promise<DatasetExport> {
    const found = await deps.datasets.findById(exportId);
    if (!found) throw new ExportImpossible(`dataset export ${exportId} not found`);
    if (found.status === "ready" || found.status === "failed") return found;
    const factory = await deps.uow.read((r) => r.factories.findById(found.factoryId));
    if (!factory) throw new ExportImpossible(`factory ${found.factoryId} not found`);
    await deps.datasets.setProgress(exportId, 0);
    const built = await buildExport({
      storage: deps.storage,
      export: found,
      factory,
      pseudonym: deps.pseudonym,
      workDir: deps.workDir,
      source: {
        page: (last, limit) =>
          deps.datasets.listExportable({
            factoryId: found.factoryId,
            after: last ? { at: last.paidAt, id: last.recordingId } : found.after,
            upTo: found.upTo,
            limit,
          }),
      },
      onProgress: async (fraction) => void (await deps.datasets.setProgress(exportId, fraction * WRITING_SHARE)),
    });
    await deps.datasets.finish(exportId, { ...built, at: deps.clock.now() });
    return (await deps.datasets.findById(exportId))!;
  }

  /** The last attempt failed: the export is marked failed, and its recordings go in the next one. */
  async function giveUp(exportId: string, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    await deps.datasets.fail(exportId, reason, deps.clock.now());
  }

  return { run, giveUp };
}
export type DatasetExporter = ReturnType<typeof datasetExporter>;
