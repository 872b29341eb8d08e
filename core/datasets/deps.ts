import type { CoreDeps } from "../deps.js";
import type { DatasetExportRepository } from "./dataset-export.js";

/** What the dataset use cases need: the core's factories and clock, and the exports' own store. */
export type DatasetDeps = Pick<CoreDeps, "uow" | "clock" | "ids"> & { readonly datasets: DatasetExportRepository };
