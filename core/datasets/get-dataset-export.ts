import type { Actor } from "../factories/actor.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { SETTLE_MARGIN_MS, type DatasetExport } from "./dataset-export.js";
import type { DatasetDeps } from "./deps.js";
import { ownedFactory } from "./owned-factory.js";

/**
 * One export, for its factory's owner or an admin.
 * Errors: DATASET_EXPORT_NOT_FOUND, FACTORY_NOT_FOUND, FACTORY_NOT_OWNER.
 */
export async function getDatasetExport(
  deps: DatasetDeps,
  input: { actor: Actor; exportId: string },
): Promise<Result<DatasetExport, DomainError>> {
  const found = await deps.datasets.findById(input.exportId);
  if (!found) return fail("DATASET_EXPORT_NOT_FOUND", { exportId: input.exportId });
  const factory = await ownedFactory(deps, { actor: input.actor, factoryId: found.factoryId });
  if (!factory.ok) return factory;
  return ok(found);
}

export interface DatasetOverview {
  /** The factory's latest export, if any. */
  readonly latest: DatasetExport | null;
  /** Recordings paid since the last export that did not fail, that a new export would hold. */
  readonly newRecordings: number;
}

/** What the card's Dataset view shows. Errors: FACTORY_NOT_FOUND, FACTORY_NOT_OWNER. */
export async function getDatasetOverview(
  deps: DatasetDeps,
  input: { actor: Actor; factoryId: string },
): Promise<Result<DatasetOverview, DomainError>> {
  const factory = await ownedFactory(deps, input);
  if (!factory.ok) return factory;
  const [latest] = await deps.datasets.listByFactory(input.factoryId, 1);
  const after = await deps.datasets.lastWatermark(input.factoryId);
  const paidBefore = new Date(deps.clock.now().getTime() - SETTLE_MARGIN_MS);
  const news = await deps.datasets.summarizeExportable({ factoryId: input.factoryId, after, paidBefore });
  return ok({ latest: latest ?? null, newRecordings: news.count });
}
