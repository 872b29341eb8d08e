import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";

export type PayoutRole = "farmer" | "ambassador" | "creator" | "staker";
export type PayoutStatus = "pending" | "sent" | "confirmed" | "failed";

/** Money owed to a person, to be sent on-chain by the payout worker (its own issue). */
export interface Payout {
  readonly id: string;
  /** Idempotency key: one payout per (submission, role, recipient). */
  readonly key: string;
  readonly recipientId: string;
  readonly role: PayoutRole;
  readonly token: TokenSymbol;
  readonly units: Units;
  readonly submissionId: string | null;
  /** For commissions: the referred person whose activity earned it. */
  readonly sourceId: string | null;
  readonly status: PayoutStatus;
  /** Not to be sent before this (an unstake's cooldown); null: at once. */
  readonly dueAt: Date | null;
  readonly createdAt: Date;
}
