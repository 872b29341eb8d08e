import type { TokenSymbol } from "../money/tokens.js";
import type { PayoutSource } from "./payout.js";

/**
 * A batch's durable state machine (one row, changed only by conditional updates, so several
 * payout workers can share it):
 *   planned → signed (a signed transaction is stored, then sent) → confirmed
 *                    ↘ failed (it landed with an error: its payouts are owed again)
 *   signed → planned again when its attempt expired: the block height passed its last valid
 *   block height and the signature is not on chain, so it can never land.
 */
export const BATCH_STATUSES = ["planned", "signed", "confirmed", "failed"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export interface PayoutBatch {
  readonly id: string;
  readonly token: TokenSymbol;
  readonly source: PayoutSource;
  readonly status: BatchStatus;
  /** How many transactions were signed for it (the current one is number `attempt`). */
  readonly attempt: number;
  /** The current attempt's signature (signed, confirmed or failed). */
  readonly signature: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly confirmedAt: Date | null;
  readonly error: string | null;
}

export const ATTEMPT_STATUSES = ["signed", "confirmed", "failed", "expired"] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** One signed transaction of a batch, stored before it is sent. */
export interface PayoutAttempt {
  readonly signature: string;
  readonly batchId: string;
  readonly attempt: number;
  readonly blockhash: string;
  readonly lastValidBlockHeight: bigint;
  /** The signed transaction (base64 wire bytes): sent again as is until it lands or expires. */
  readonly wire: string;
  readonly status: AttemptStatus;
  readonly createdAt: Date;
  readonly resolvedAt: Date | null;
  readonly slot: bigint | null;
  /** Lamports charged: network fee, plus token-account rent paid, once resolved. */
  readonly feeLamports: bigint | null;
  readonly error: string | null;
}
