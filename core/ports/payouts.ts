import type { TokenSymbol } from "../money/tokens.js";
import type { PayoutAttempt, PayoutBatch } from "../payouts/batch.js";
import type { Payout, PayoutSource } from "../payouts/payout.js";

/** An owed payout with the wallet it would go to now (its recipient's most recently linked). */
export interface OwedPayout extends Payout {
  readonly recipientWallet: string | null;
}

export interface PayoutRepository {
  /** Inserts payouts; one whose key exists already is skipped. */
  createMany(payouts: readonly Payout[]): Promise<void>;
  findById(id: string): Promise<Payout | null>;
  /** Newest first. */
  listByRecipient(recipientId: string): Promise<Payout[]>;
  listBySubmission(submissionId: string): Promise<Payout[]>;
  listByBatch(batchId: string): Promise<Payout[]>;
  /**
   * Owed payouts due by `dueBy` and not held, oldest first, with their recipients' wallets
   * (optionally of one token, or of one recipient).
   */
  listOwed(query: { dueBy: Date; limit: number; token?: TokenSymbol; recipientId?: string }): Promise<OwedPayout[]>;
  /**
   * Locks these payouts for the unit of work and returns those still owed; payouts another
   * unit of work holds are skipped, not waited for (two planners never take the same one).
   */
  claimOwed(ids: readonly string[]): Promise<Payout[]>;
  /** Writes a payout's mutable fields (status, batch, attempts, wallet, signature...). */
  update(payout: Payout): Promise<void>;
  /** Sets notifiedAt if unset; true when this call set it (the caller tells the person). */
  claimNotice(id: string, at: Date): Promise<boolean>;
  /** Paid payouts nobody was told about, paid before `paidBefore`, oldest first. */
  listPaidUnnotified(paidBefore: Date, limit: number): Promise<Payout[]>;
}

export interface PayoutBatchRepository {
  create(batch: PayoutBatch): Promise<void>;
  findById(id: string): Promise<PayoutBatch | null>;
  /** Locks the batch's row until the unit of work ends (Postgres FOR UPDATE) and reads it. */
  lock(id: string): Promise<PayoutBatch | null>;
  update(batch: PayoutBatch): Promise<void>;
  /** Planned or signed batches, oldest first. */
  listOpen(limit: number): Promise<PayoutBatch[]>;
  createAttempt(attempt: PayoutAttempt): Promise<void>;
  updateAttempt(attempt: PayoutAttempt): Promise<void>;
  findAttempt(signature: string): Promise<PayoutAttempt | null>;
  listAttempts(batchId: string): Promise<PayoutAttempt[]>;
  /** Attempts confirmed since `since`, oldest first (for the reconciler). */
  listConfirmedSince(since: Date, limit: number): Promise<PayoutAttempt[]>;
}

/** What the payout worker says about itself, for messages that must be true. */
export type PayoutEngineState = "running" | "paused_gas";

export interface PayoutEngineStatus {
  readonly state: PayoutEngineState;
  /** When it last reported: a status older than a few minutes means no payout worker runs. */
  readonly heartbeatAt: Date;
  readonly since: Date;
  /** Lamports the next batches need and what the treasury can spend, while paused. */
  readonly neededLamports: bigint | null;
  readonly availableLamports: bigint | null;
  /** The wallets it holds keys for: the treasury, and the staking vault when configured. */
  readonly sources: readonly PayoutSource[];
}

export interface PayoutEngineRepository {
  get(): Promise<PayoutEngineStatus | null>;
  set(status: PayoutEngineStatus): Promise<void>;
}
