import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";

export const PAYMENT_PURPOSES = ["fund", "stake", "verify", "gas", "boost"] as const;
/**
 * fund: a factory's pool; stake: the staking vault; verify: proves the payer owns a wallet;
 * gas: SOL an admin sends the treasury for payouts' network fees and rent; boost: CLONES the
 * owner burns (a Solana Pay transaction request) for an XP boost.
 */
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/** What we asked someone to pay: shown as a Solana Pay URL keyed by its unique reference. */
export interface PaymentRequest {
  readonly id: string;
  readonly reference: string;
  readonly purpose: PaymentPurpose;
  readonly ownerId: string;
  readonly factoryId: string | null;
  readonly token: TokenSymbol;
  readonly units: Units;
  /** The wallet that receives: the treasury, or the staking vault. */
  readonly recipient: string;
  /** open until a payment is seen; paid when one was credited (also after expiry). */
  readonly status: "open" | "paid";
  readonly expiresAt: Date;
  readonly createdAt: Date;
  /** Where the request was shown (opaque to the core: a chat message to update when paid). */
  readonly messageRef: string | null;
  /** When a transaction carrying its memo was first processed, before it was confirmed. */
  readonly seenAt: Date | null;
}

const MEMO = /^forge:(fund|stake|verify|gas|boost):([A-Za-z0-9_-]{6,64})$/;

/** The memo a request's Solana Pay URL carries: names the request, never anything secret. */
export const paymentMemo = (request: Pick<PaymentRequest, "purpose" | "id">): string =>
  `forge:${request.purpose}:${request.id}`;

/** The request id a memo names, or null for anybody else's memo. */
export function requestIdFromMemo(memo: string): string | null {
  return MEMO.exec(memo.trim())?.[2] ?? null;
}

/** A transfer seen on chain, already decoded and checked to have succeeded. */
export interface ObservedTransfer {
  readonly signature: string;
  /** Reference keys of the transaction that match no other use (any may be ours). */
  readonly references: readonly string[];
  readonly payer: string;
  readonly recipient: string;
  readonly token: TokenSymbol;
  readonly units: Units;
  readonly slot: bigint;
}

export const PAYMENT_OUTCOMES = ["credited", "underpaid", "overpaid", "unattributed", "mismatch"] as const;
export type PaymentOutcome = (typeof PAYMENT_OUTCOMES)[number];

export interface RecordedPayment extends ObservedTransfer {
  readonly requestId: string | null;
  readonly outcome: PaymentOutcome;
  readonly detail: string | null;
  readonly createdAt: Date;
  /** When the chain finalized it (credited already at "confirmed"); null until then. */
  readonly finalizedAt: Date | null;
}
