import type { CoreDeps } from "../deps.js";
import { UNSTAKE_COOLDOWN_MS } from "../economics/rules.js";
import { LedgerAccount } from "../ledger/ledger.js";
import type { Units } from "../money/units.js";
import type { Payout } from "../submissions/payout.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";

/**
 * Starts unstaking: the amount leaves the stake at once (the tier drops now) and waits in
 * `unstaking` for the cooldown; a pending staker payout, due at `availableAt`, sends it back.
 * `requestId` makes a retried request harmless.
 * Errors: INVALID_INPUT, ACCOUNT_NOT_FOUND, INSUFFICIENT_FUNDS.
 */
export async function requestUnstake(
  deps: CoreDeps,
  input: { accountId: string; units: Units; requestId: string },
): Promise<Result<{ payout: Payout; availableAt: Date }, DomainError>> {
  if (input.units <= 0n) return fail("INVALID_INPUT", { issues: [{ path: "units", message: "must be positive" }] });
  return deps.uow.run(async (r) => {
    if (!(await r.accounts.findById(input.accountId))) return fail("ACCOUNT_NOT_FOUND", { accountId: input.accountId });
    const now = deps.clock.now();
    const availableAt = new Date(now.getTime() + UNSTAKE_COOLDOWN_MS);
    const key = `unstake:${input.accountId}:${input.requestId}`;
    const posted = await r.ledger.post({
      key,
      kind: "unstake",
      transfers: [
        {
          from: LedgerAccount.stake(input.accountId),
          to: LedgerAccount.unstaking(input.accountId),
          token: "CLONES",
          units: input.units,
        },
      ],
    });
    if (posted.status === "insufficient")
      return fail("INSUFFICIENT_FUNDS", {
        staked: (await r.ledger.balance(LedgerAccount.stake(input.accountId), "CLONES")).toString(),
      });
    const payout: Payout = {
      id: deps.ids.id(),
      key,
      recipientId: input.accountId,
      role: "staker",
      token: "CLONES",
      units: input.units,
      submissionId: null,
      sourceId: null,
      status: "pending",
      dueAt: availableAt,
      createdAt: now,
    };
    if (posted.status === "posted") await r.payouts.createMany([payout]);
    const stored = (await r.payouts.listByRecipient(input.accountId)).find((p) => p.key === key) ?? payout;
    return ok({ payout: stored, availableAt: stored.dueAt ?? availableAt });
  });
}
