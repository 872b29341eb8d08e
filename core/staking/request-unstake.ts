import type { CoreDeps } from "../deps.js";
import { UNSTAKE_COOLDOWN_MS } from "../economics/rules.js";
import { LedgerAccount } from "../ledger/ledger.js";
import type { Units } from "../money/units.js";
import { owe } from "../payouts/owe.js";
import type { Payout } from "../payouts/payout.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";

/**
 * Starts unstaking: the amount leaves the stake at once (the tier drops now) and becomes owed
 * back to the staker, due when the cooldown ends; the payout worker then sends it from the
 * staking vault. `requestId` makes a retried request harmless.
 * Errors: INVALID_INPUT, ACCOUNT_NOT_FOUND, INSUFFICIENT_FUNDS.
 */
export async function requestUnstake(
  deps: CoreDeps,
  input: { accountId: string; units: Units; requestId: string },
): Promise<Result<{ payout: Payout; availableAt: Date }, DomainError>> {
  if (input.units <= 0n) return fail("INVALID_INPUT", { issues: [{ path: "units", message: "must be positive" }] });
  return deps.uow.run(async (r) => {
    if (!(await r.accounts.findById(input.accountId))) return fail("ACCOUNT_NOT_FOUND", { accountId: input.accountId });
    const key = `unstake:${input.accountId}:${input.requestId}`;
    const earlier = (await r.payouts.listByRecipient(input.accountId)).find((p) => p.key === key);
    if (earlier) return ok({ payout: earlier, availableAt: earlier.dueAt! });
    const availableAt = new Date(deps.clock.now().getTime() + UNSTAKE_COOLDOWN_MS);
    const { payout, transfer } = owe(deps, {
      key,
      recipientId: input.accountId,
      role: "staker",
      token: "CLONES",
      units: input.units,
      from: LedgerAccount.stake(input.accountId),
      dueAt: availableAt,
    });
    const posted = await r.ledger.post({ key, kind: "unstake", transfers: [transfer] });
    if (posted.status === "insufficient")
      return fail("INSUFFICIENT_FUNDS", {
        staked: (await r.ledger.balance(LedgerAccount.stake(input.accountId), "CLONES")).toString(),
      });
    await r.payouts.createMany([payout]);
    return ok({ payout, availableAt });
  });
}
