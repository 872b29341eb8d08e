import type { CoreDeps } from "../deps.js";
import { LedgerAccount } from "../ledger/ledger.js";
import type { Units } from "../money/units.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";

/**
 * Records a validated CLONES deposit into the staking vault for an account, once per `key`.
 * Errors: ACCOUNT_NOT_FOUND.
 */
export async function recordStake(
  deps: CoreDeps,
  input: { key: string; accountId: string; units: Units },
): Promise<Result<{ credited: boolean; staked: bigint }, DomainError>> {
  return deps.uow.run(async (r) => {
    if (!(await r.accounts.findById(input.accountId))) return fail("ACCOUNT_NOT_FOUND", { accountId: input.accountId });
    const account = LedgerAccount.stake(input.accountId);
    const outcome = await r.ledger.post({
      key: input.key,
      kind: "stake",
      transfers: [{ from: LedgerAccount.external(), to: account, token: "CLONES", units: input.units }],
    });
    return ok({ credited: outcome.status === "posted", staked: await r.ledger.balance(account, "CLONES") });
  });
}
