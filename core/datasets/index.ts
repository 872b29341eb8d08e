/**
 * Dataset exports: a creator gets the data their factory paid for. Bound like the core's use
 * cases, on their own deps (the exports' store is not one of the core's repositories).
 */
import type { DatasetDeps } from "./deps.js";
import { getDatasetExport, getDatasetOverview } from "./get-dataset-export.js";
import { requestDatasetExport } from "./request-dataset-export.js";

export function createDatasets(deps: DatasetDeps) {
  return {
    requestDatasetExport: (input: Parameters<typeof requestDatasetExport>[1]) => requestDatasetExport(deps, input),
    getDatasetExport: (input: Parameters<typeof getDatasetExport>[1]) => getDatasetExport(deps, input),
    getDatasetOverview: (input: Parameters<typeof getDatasetOverview>[1]) => getDatasetOverview(deps, input),
  };
}
export type Datasets = ReturnType<typeof createDatasets>;
export type { DatasetDeps } from "./deps.js";
