import type { CoreDeps } from "../deps.js";
import { LedgerAccount } from "../ledger/ledger.js";
import type { FactoryStats } from "../ports/repositories.js";
import { fail, type DomainError } from "../shared/errors.js";
import { read } from "../shared/read.js";
import { ok, type Result } from "../shared/result.js";
import type { Factory } from "./factory.js";

export interface FactoryOverview {
  readonly factory: Factory;
  readonly stats: FactoryStats;
  /** Unreserved funds: what new submissions can still reserve. */
  readonly available: bigint;
}

/** A factory's card: settings, submissions, spend and what is left. Errors: FACTORY_NOT_FOUND. */
export async function getFactoryOverview(
  deps: CoreDeps,
  factoryId: string,
): Promise<Result<FactoryOverview, DomainError>> {
  return read(deps.uow, async (r) => {
    const factory = await r.factories.findById(factoryId);
    if (!factory) return fail("FACTORY_NOT_FOUND", { factoryId });
    const stats = await r.submissions.factoryStats(factoryId);
    const available = await r.ledger.balance(LedgerAccount.pool(factoryId), factory.token);
    return ok({ factory, stats, available });
  });
}
