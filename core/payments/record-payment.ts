import type { CoreDeps } from "../deps.js";
import { LedgerAccount } from "../ledger/ledger.js";
import type { Repositories } from "../ports/repositories.js";
import { ok, type Result } from "../shared/result.js";
import type { DomainError } from "../shared/errors.js";
import type { ObservedTransfer, PaymentOutcome, PaymentRequest, RecordedPayment } from "./payment.js";

export interface PaymentResult {
  readonly payment: RecordedPayment;
  readonly request: PaymentRequest | null;
  /** False when this signature had been recorded before: nothing changed, nobody to notify. */
  readonly isNew: boolean;
  /** For an underpayment: what is still missing. */
  readonly shortfall: bigint;
}

/**
 * Records a validated on-chain transfer, exactly once per signature (the database guards it,
 * also when two watchers see it at once). Rules:
 * - no reference of ours: recorded as unattributed, for admins; nothing credited;
 * - a different token or recipient than the request's: recorded as a mismatch, not credited;
 * - otherwise credited in full as received: an underpayment (the owner is told what is
 *   missing), an overpayment, and a payment after expiry all count.
 * Funding credits the factory's pool, staking the owner's stake, a gas top-up the platform's
 * network-fee account, and a verification links the paying wallet to the owner (its tiny amount
 * is booked as platform income).
 */
export async function recordPayment(
  deps: CoreDeps,
  transfer: ObservedTransfer,
): Promise<Result<PaymentResult, DomainError>> {
  return deps.uow.run(async (r) => {
    await r.lock([`payment:${transfer.signature}`]);
    const seen = await r.payments.findPayment(transfer.signature);
    if (seen) {
      const request = seen.requestId ? await r.payments.findRequestByReference(seen.references[0] ?? "") : null;
      return ok({ payment: seen, request, isNew: false, shortfall: 0n });
    }
    const [request] = await r.payments.findRequestsByReferences(transfer.references);
    let outcome = classify(transfer, request ?? null);
    if (request?.purpose === "verify" && outcome.outcome !== "mismatch" && outcome.outcome !== "unattributed") {
      const owner = (await r.accounts.findWallet(transfer.payer))?.accountId;
      if (owner && owner !== request.ownerId)
        outcome = { outcome: "mismatch", detail: "the paying wallet belongs to another account" };
    }
    const payment: RecordedPayment = {
      ...transfer,
      references: request ? [request.reference] : transfer.references,
      requestId: request?.id ?? null,
      outcome: outcome.outcome,
      detail: outcome.detail,
      createdAt: deps.clock.now(),
      finalizedAt: null,
    };
    await r.payments.recordPayment(payment);
    if (
      request &&
      (outcome.outcome === "credited" || outcome.outcome === "underpaid" || outcome.outcome === "overpaid")
    ) {
      await credit(deps, r, request, transfer);
      await r.payments.markPaid(request.id);
    }
    const shortfall = request && transfer.units < request.units ? request.units - transfer.units : 0n;
    return ok({ payment, request: request ?? null, isNew: true, shortfall });
  });
}

function classify(
  t: ObservedTransfer,
  request: PaymentRequest | null,
): { outcome: PaymentOutcome; detail: string | null } {
  if (!request) return { outcome: "unattributed", detail: null };
  // A boost is bought by burning CLONES (recordBurn); CLONES sent to us instead are for admins.
  if (request.purpose === "boost") return { outcome: "mismatch", detail: "a boost is paid by a burn, not a transfer" };
  if (t.token !== request.token) return { outcome: "mismatch", detail: `token ${t.token}, expected ${request.token}` };
  if (t.recipient !== request.recipient) return { outcome: "mismatch", detail: `recipient ${t.recipient}` };
  if (t.units < request.units) return { outcome: "underpaid", detail: `${request.units - t.units} short` };
  if (t.units > request.units) return { outcome: "overpaid", detail: `${t.units - request.units} over` };
  return { outcome: "credited", detail: null };
}

async function credit(deps: CoreDeps, r: Repositories, request: PaymentRequest, t: ObservedTransfer): Promise<void> {
  const key = `payment:${t.signature}`;
  if (request.purpose === "fund") {
    await r.ledger.post({
      key,
      kind: "deposit",
      transfers: [
        { from: LedgerAccount.external(), to: LedgerAccount.pool(request.factoryId!), token: t.token, units: t.units },
      ],
    });
  } else if (request.purpose === "stake") {
    await r.ledger.post({
      key,
      kind: "stake",
      transfers: [
        { from: LedgerAccount.external(), to: LedgerAccount.stake(request.ownerId), token: t.token, units: t.units },
      ],
    });
  } else if (request.purpose === "gas") {
    await r.ledger.post({
      key,
      kind: "gas-top-up",
      transfers: [{ from: LedgerAccount.external(), to: LedgerAccount.platformGas(), token: t.token, units: t.units }],
    });
  } else {
    // The proof amount is kept as platform income, so the ledger accounts for every lamport in.
    await r.ledger.post({
      key,
      kind: "deposit",
      transfers: [{ from: LedgerAccount.external(), to: LedgerAccount.platformFee(), token: t.token, units: t.units }],
    });
    if (!(await r.accounts.findWallet(t.payer)))
      await r.accounts.addWallet({ address: t.payer, accountId: request.ownerId, verifiedAt: deps.clock.now() });
  }
}
