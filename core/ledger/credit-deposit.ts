import type { CoreDeps } from "../deps.js";
import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { LedgerAccount } from "./ledger.js";

/**
 * Credits a validated deposit to a factory's pool: 100% of it, no fee. `key` identifies the
 * payment (e.g. `deposit:<signature>`); crediting the same key twice changes nothing and
 * returns `credited: false`. Closed factories still accept deposits (the creator can
 * withdraw them), so money that arrived is never refused.
 * Errors: FACTORY_NOT_FOUND, TOKEN_MISMATCH.
 */
export async function creditDeposit(
  deps: CoreDeps,
  input: { key: string; factoryId: string; token: TokenSymbol; units: Units },
): Promise<Result<{ credited: boolean; poolBalance: bigint }, DomainError>> {
  return deps.uow.run(async (r) => {
    const factory = await r.factories.findById(input.factoryId);
    if (!factory) return fail("FACTORY_NOT_FOUND", { factoryId: input.factoryId });
    if (factory.token !== input.token) return fail("TOKEN_MISMATCH", { expected: factory.token, got: input.token });
    const pool = LedgerAccount.pool(factory.id);
    const outcome = await r.ledger.post({
      key: input.key,
      kind: "deposit",
      transfers: [{ from: LedgerAccount.external(), to: pool, token: input.token, units: input.units }],
    });
    return ok({ credited: outcome.status === "posted", poolBalance: await r.ledger.balance(pool, input.token) });
  });
}
