import type { CoreDeps } from "../deps.js";
import type { Actor } from "../factories/actor.js";
import { units, type Units } from "../money/units.js";
import { owe } from "../payouts/owe.js";
import type { Payout } from "../payouts/payout.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { LedgerAccount } from "./ledger.js";

/**
 * Withdraws unreserved pool funds to the owner (all of it when `amount` is omitted): the
 * amount becomes owed to the creator and the payout worker sends it to their wallet. The
 * factory must be paused or closed first, so no new submission races for the same funds.
 * `requestId` makes a retried request harmless (the same payout is returned).
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
    const key = `withdraw:${factory.id}:${input.requestId}`;
    const earlier = (await r.payouts.listByRecipient(factory.ownerId)).find((p) => p.key === key);
    if (earlier) return ok(earlier);
    if (factory.status === "active") return fail("NOT_ALLOWED", { reason: "pause the factory before withdrawing" });
    const pool = LedgerAccount.pool(factory.id);
    const available = units(await r.ledger.balance(pool, factory.token));
    const amount = input.amount ?? available;
    if (amount === 0n || amount > available) return fail("INSUFFICIENT_FUNDS", { available: available.toString() });
    const { payout, transfer } = owe(deps, {
      key,
      recipientId: factory.ownerId,
      role: "creator",
      token: factory.token,
      units: amount,
      from: pool,
      sourceId: factory.id,
    });
    const outcome = await r.ledger.post({ key, kind: "withdrawal", transfers: [transfer] });
    if (outcome.status === "insufficient") return fail("INSUFFICIENT_FUNDS", { available: available.toString() });
    await r.payouts.createMany([payout]);
    return ok(payout);
  });
}
