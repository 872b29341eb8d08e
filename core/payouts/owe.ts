import type { CoreDeps } from "../deps.js";
import type { Transfer } from "../ledger/ledger.js";
import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";
import { owedAccount, type Payout, type PayoutRole } from "./payout.js";

export interface OweInput {
  /** Idempotency key of the payout (and of nothing else). */
  readonly key: string;
  readonly recipientId: string;
  readonly role: PayoutRole;
  readonly token: TokenSymbol;
  readonly units: Units;
  /** The ledger account the money comes from (a hold, a pool, a stake). */
  readonly from: string;
  readonly submissionId?: string | null;
  readonly sourceId?: string | null;
  readonly dueAt?: Date | null;
}

/**
 * The one way money becomes owed to a person: a payout row and the ledger transfer that
 * credits the person's owed account for it, to be written in the same unit of work. Settling,
 * withdrawing and unstaking all go through here; the payout worker takes it from there.
 */
export function owe(deps: Pick<CoreDeps, "ids" | "clock">, input: OweInput): { payout: Payout; transfer: Transfer } {
  const payout: Payout = {
    id: deps.ids.id(),
    key: input.key,
    recipientId: input.recipientId,
    role: input.role,
    token: input.token,
    units: input.units,
    submissionId: input.submissionId ?? null,
    sourceId: input.sourceId ?? null,
    status: "owed",
    dueAt: input.dueAt ?? null,
    createdAt: deps.clock.now(),
    batchId: null,
    attempts: 0,
    wallet: null,
    signature: null,
    paidAt: null,
    rentLamports: 0n,
    heldReason: null,
    retryAt: null,
    notifiedAt: null,
  };
  const transfer: Transfer = {
    from: input.from,
    to: owedAccount(input.role, input.recipientId),
    token: input.token,
    units: input.units,
  };
  return { payout, transfer };
}
