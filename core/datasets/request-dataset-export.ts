import type { Actor } from "../factories/actor.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { SETTLE_MARGIN_MS, type DatasetExport } from "./dataset-export.js";
import type { DatasetDeps } from "./deps.js";
import { ownedFactory } from "./owned-factory.js";

export interface ExportRequested {
  readonly export: DatasetExport;
  /** False when an export of this factory was already queued or building: that one is returned. */
  readonly created: boolean;
}

/**
 * Asks for an export of the factory's recordings paid since its last export (the worker builds
 * it: the caller queues `export.id` when `created`). One at a time per factory: asking again
 * while one is queued or building returns that one. The range is fixed now, so a retried build
 * writes the same recordings.
 * Errors: FACTORY_NOT_FOUND, FACTORY_NOT_OWNER (owner or admin only), DATASET_NOTHING_NEW.
 */
export async function requestDatasetExport(
  deps: DatasetDeps,
  input: { actor: Actor; factoryId: string },
): Promise<Result<ExportRequested, DomainError>> {
  const factory = await ownedFactory(deps, input);
  if (!factory.ok) return factory;
  const [latest] = await deps.datasets.listByFactory(input.factoryId, 1);
  if (latest && (latest.status === "queued" || latest.status === "building"))
    return ok({ export: latest, created: false });
  const now = deps.clock.now();
  const after = await deps.datasets.lastWatermark(input.factoryId);
  const paidBefore = new Date(now.getTime() - SETTLE_MARGIN_MS);
  const news = await deps.datasets.summarizeExportable({ factoryId: input.factoryId, after, paidBefore });
  if (news.count === 0 || !news.last) return fail("DATASET_NOTHING_NEW", { factoryId: input.factoryId });
  const created = await deps.datasets.createUnlessActive({
    id: deps.ids.id(),
    factoryId: input.factoryId,
    sequence: (latest?.sequence ?? 0) + 1,
    requestedBy: input.actor.accountId,
    status: "queued",
    progress: 0,
    after,
    upTo: news.last,
    recordings: news.count,
    steps: null,
    storageKey: null,
    sizeBytes: null,
    error: null,
    createdAt: now,
    finishedAt: null,
  });
  return ok(created);
}
