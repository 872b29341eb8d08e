import type { CoreDeps } from "../deps.js";
import { LedgerAccount, type Transfer } from "../ledger/ledger.js";
import { units } from "../money/units.js";
import type { Repositories } from "../ports/repositories.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { PayoutAttempt, PayoutBatch } from "./batch.js";
import { MAX_PAYOUT_ATTEMPTS, owedAccount, PAYOUT_RETRY_BASE_MS, type Payout } from "./payout.js";

export interface ResolvedBatch {
  readonly batch: PayoutBatch;
  readonly payouts: readonly Payout[];
  /** False when this call found it resolved already (a retry): nothing changed. */
  readonly changed: boolean;
}

/** Locks the batch and its current attempt; null unless the batch is signed with `signature`. */
async function current(r: Repositories, batchId: string, signature: string) {
  const batch = await r.batches.lock(batchId);
  if (!batch) return null;
  const attempt = await r.batches.findAttempt(signature);
  if (!attempt || attempt.batchId !== batch.id) return null;
  return { batch, attempt };
}

/** The network fee (and any token-account rent) of a landed transaction, spent from the gas float. */
async function bookCost(r: Repositories, signature: string, lamports: bigint): Promise<void> {
  if (lamports <= 0n) return;
  await r.ledger.post({
    key: `network-cost:${signature}`,
    kind: "network-cost",
    transfers: [
      { from: LedgerAccount.platformGas(), to: LedgerAccount.external(), token: "SOL", units: units(lamports) },
    ],
  });
}

/**
 * The batch's current transaction is confirmed on chain: its payouts are paid (in flight →
 * external, one journal entry), and the fee and the rent of the token accounts it opened are
 * booked as network costs. Idempotent: confirming again returns the paid payouts unchanged.
 * Errors: NOT_ALLOWED (that signature is not the batch's current attempt).
 */
export async function confirmBatch(
  deps: CoreDeps,
  input: {
    batchId: string;
    signature: string;
    slot: bigint;
    feeLamports: bigint;
    /** Rent paid to open a recipient's token account, by the payout it was opened for. */
    rents?: Readonly<Record<string, bigint>>;
  },
): Promise<Result<ResolvedBatch, DomainError>> {
  return deps.uow.run(async (r) => {
    const found = await current(r, input.batchId, input.signature);
    if (!found) return fail("NOT_ALLOWED", { reason: "unknown attempt", ...input, slot: String(input.slot) });
    const { batch, attempt } = found;
    const payouts = await r.payouts.listByBatch(batch.id);
    if (batch.status === "confirmed" && batch.signature === input.signature)
      return ok({ batch, payouts, changed: false });
    if (batch.status !== "signed" || batch.signature !== input.signature)
      return fail("NOT_ALLOWED", { reason: `batch is ${batch.status}`, batchId: batch.id });
    const now = deps.clock.now();
    const inFlight = payouts.filter((p) => p.status === "in_flight");
    const transfers: Transfer[] = inFlight.map((p) => ({
      from: LedgerAccount.outgoing(p.id),
      to: LedgerAccount.external(),
      token: p.token,
      units: p.units,
    }));
    const posted = await r.ledger.post({ key: `payout:${batch.id}`, kind: "payout", transfers });
    if (posted.status === "insufficient") throw new Error(`batch ${batch.id}: in-flight balance missing`);
    const rents = input.rents ?? {};
    const paid = payouts.map((p) =>
      p.status === "in_flight"
        ? { ...p, status: "paid" as const, signature: input.signature, paidAt: now, rentLamports: rents[p.id] ?? 0n }
        : p,
    );
    for (const p of paid) if (p.status === "paid" && p.signature === input.signature) await r.payouts.update(p);
    const rentTotal = Object.values(rents).reduce((a, b) => a + b, 0n);
    await bookCost(r, input.signature, input.feeLamports + rentTotal);
    await r.batches.updateAttempt(resolved(attempt, "confirmed", now, input.slot, input.feeLamports + rentTotal, null));
    const confirmed: PayoutBatch = { ...batch, status: "confirmed", confirmedAt: now, updatedAt: now };
    await r.batches.update(confirmed);
    return ok({ batch: confirmed, payouts: paid, changed: true });
  });
}

const resolved = (
  a: PayoutAttempt,
  status: PayoutAttempt["status"],
  at: Date,
  slot: bigint | null,
  fee: bigint | null,
  error: string | null,
): PayoutAttempt => ({ ...a, status, resolvedAt: at, slot, feeLamports: fee, error });

/**
 * The batch's current transaction landed with an error (nothing moved but the fee): its
 * payouts go back to owed (in flight → owed, one journal entry) to be planned again; a payout
 * that failed MAX_PAYOUT_ATTEMPTS times is held for an admin instead. Idempotent.
 * Errors: NOT_ALLOWED (that signature is not the batch's current attempt).
 */
export async function failBatch(
  deps: CoreDeps,
  input: { batchId: string; signature: string; slot: bigint | null; feeLamports: bigint; error: string },
): Promise<Result<ResolvedBatch, DomainError>> {
  return deps.uow.run(async (r) => {
    const found = await current(r, input.batchId, input.signature);
    if (!found) return fail("NOT_ALLOWED", { reason: "unknown attempt", batchId: input.batchId });
    const { batch, attempt } = found;
    const payouts = await r.payouts.listByBatch(batch.id);
    if (batch.status === "failed" && batch.signature === input.signature) return ok({ batch, payouts, changed: false });
    if (batch.status !== "signed" || batch.signature !== input.signature)
      return fail("NOT_ALLOWED", { reason: `batch is ${batch.status}`, batchId: batch.id });
    const now = deps.clock.now();
    const back = await putBack(r, `payout-revert:${batch.id}`, payouts, input.error, now);
    await bookCost(r, input.signature, input.feeLamports);
    await r.batches.updateAttempt(resolved(attempt, "failed", now, input.slot, input.feeLamports, input.error));
    const failed: PayoutBatch = { ...batch, status: "failed", error: input.error, updatedAt: now };
    await r.batches.update(failed);
    return ok({ batch: failed, payouts: back, changed: true });
  });
}

/**
 * In flight → owed for these payouts (one journal entry under `key`), to be tried again after a
 * backoff (`now` + base × 2^(attempts−1)); held for an admin after too many tries.
 */
async function putBack(
  r: Repositories,
  key: string,
  payouts: readonly Payout[],
  reason: string,
  now: Date,
): Promise<Payout[]> {
  const inFlight = payouts.filter((p) => p.status === "in_flight");
  if (inFlight.length === 0) return [];
  const posted = await r.ledger.post({
    key,
    kind: "payout-revert",
    transfers: inFlight.map((p) => ({
      from: LedgerAccount.outgoing(p.id),
      to: owedAccount(p.role, p.recipientId),
      token: p.token,
      units: p.units,
    })),
  });
  if (posted.status === "insufficient") throw new Error(`${key}: in-flight balance missing`);
  const back = inFlight.map((p): Payout => ({
    ...p,
    status: "owed",
    batchId: null,
    wallet: null,
    heldReason: p.attempts >= MAX_PAYOUT_ATTEMPTS ? reason.slice(0, 500) : null,
    retryAt: new Date(now.getTime() + PAYOUT_RETRY_BASE_MS * 2 ** Math.max(0, p.attempts - 1)),
  }));
  for (const p of back) await r.payouts.update(p);
  return back;
}

/**
 * The batch's current transaction can never land: the chain's finalized block height passed
 * its last valid block height and the signature is not on chain. The batch is planned again
 * (its payouts stay in flight) and will be signed with a new blockhash. Idempotent.
 * Errors: NOT_ALLOWED (that signature is not the batch's current signed attempt).
 */
export async function expireAttempt(
  deps: CoreDeps,
  input: { batchId: string; signature: string },
): Promise<Result<PayoutBatch, DomainError>> {
  return deps.uow.run(async (r) => {
    const found = await current(r, input.batchId, input.signature);
    if (!found) return fail("NOT_ALLOWED", { reason: "unknown attempt", batchId: input.batchId });
    const { batch, attempt } = found;
    if (attempt.status === "expired") return ok(batch);
    if (batch.status !== "signed" || batch.signature !== input.signature)
      return fail("NOT_ALLOWED", { reason: `batch is ${batch.status}`, batchId: batch.id });
    const now = deps.clock.now();
    await r.batches.updateAttempt(resolved(attempt, "expired", now, null, null, null));
    const planned: PayoutBatch = { ...batch, status: "planned", signature: null, updatedAt: now };
    await r.batches.update(planned);
    return ok(planned);
  });
}

/**
 * Takes payouts out of a planned batch (no valid signed transaction carries them), back to
 * owed: e.g. its transaction no longer fits once rebuilt. An empty batch is marked failed.
 * Errors: NOT_ALLOWED (the batch is not planned).
 */
export async function releasePayouts(
  deps: CoreDeps,
  input: { batchId: string; payoutIds: readonly string[]; reason: string },
): Promise<Result<readonly Payout[], DomainError>> {
  return deps.uow.run(async (r) => {
    const batch = await r.batches.lock(input.batchId);
    if (!batch || batch.status !== "planned") return fail("NOT_ALLOWED", { reason: "batch not planned" });
    const payouts = (await r.payouts.listByBatch(batch.id)).filter((p) => input.payoutIds.includes(p.id));
    const back = await putBack(
      r,
      `payout-release:${batch.id}:${deps.ids.id()}`,
      payouts,
      input.reason,
      deps.clock.now(),
    );
    const left = (await r.payouts.listByBatch(batch.id)).filter((p) => p.status === "in_flight");
    if (left.length === 0)
      await r.batches.update({ ...batch, status: "failed", error: input.reason, updatedAt: deps.clock.now() });
    return ok(back);
  });
}
