import type { CoreDeps } from "../deps.js";
import type { Actor } from "../factories/actor.js";
import { units, type Units } from "../money/units.js";
import type { Payout } from "../submissions/payout.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { LedgerAccount } from "./ledger.js";

/**
 * Withdraws unreserved pool funds to the owner (all of it when `amount` is omitted). The
 * factory must be paused or closed first, so no new submission races for the same funds.
 * `requestId` makes a retried request harmless.
 * Errors: FACTORY_NOT_FOUND, FACTORY_NOT_OWNER, NOT_ALLOWED (still live), INSUFFICIENT_FUNDS.
 */
export async function withdrawPool(
  deps: CoreDeps,
  input: { actor: Actor; factoryId: string; requestId: string; amount?: Units },
): Promise<Result<Payout, DomainError>> {
  return deps.uow.run(async (r) => {
    await r.lock([`factory:${input.factoryId}`]);
    const factory = await r.factories.findById(input.factoryId);
    if (!factory) return fail("FACTORY_NOT_FOUND", { factoryId: input.factoryId });
    if (factory.ownerId !== input.actor.accountId) return fail("FACTORY_NOT_OWNER", { factoryId: factory.id });
    if (factory.status === "active") return fail("NOT_ALLOWED", { reason: "pause the factory before withdrawing" });
    const pool = LedgerAccount.pool(factory.id);
    const available = units(await r.ledger.balance(pool, factory.token));
    const amount = input.amount ?? available;
    if (amount === 0n || amount > available) return fail("INSUFFICIENT_FUNDS", { available: available.toString() });
    const key = `withdraw:${factory.id}:${input.requestId}`;
    const payout: Payout = {
      id: deps.ids.id(),
      key,
      recipientId: factory.ownerId,
      role: "creator",
      token: factory.token,
      units: amount,
      submissionId: null,
      sourceId: factory.id,
      status: "pending",
      dueAt: null,
      createdAt: deps.clock.now(),
    };
    const outcome = await r.ledger.post({
      key,
      kind: "withdrawal",
      transfers: [{ from: pool, to: LedgerAccount.external(), token: factory.token, units: amount }],
    });
    if (outcome.status === "insufficient") return fail("INSUFFICIENT_FUNDS", { available: available.toString() });
    await r.payouts.createMany([payout]);
    return ok(payout);
  });
}
