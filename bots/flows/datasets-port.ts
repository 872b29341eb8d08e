// What the dataset flow needs of dataset exports (app/datasets.ts), apart from the flow so that
// the bots' deps (deps.ts) can name it.
import type { DatasetOverview } from "../../core/datasets/get-dataset-export.js";
import type { ExportRequested } from "../../core/datasets/request-dataset-export.js";
import type { Actor } from "../../core/factories/actor.js";
import type { DomainError } from "../../core/shared/errors.js";
import type { Result } from "../../core/shared/result.js";

export interface DatasetsPort {
  getDatasetOverview(input: { actor: Actor; factoryId: string }): Promise<Result<DatasetOverview, DomainError>>;
  requestDatasetExport(input: { actor: Actor; factoryId: string }): Promise<Result<ExportRequested, DomainError>>;
  /** A signed download link for a ready export, or null when the server has no public URL. */
  link(exportId: string): string | null;
}
