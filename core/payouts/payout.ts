import { LedgerAccount } from "../ledger/ledger.js";
import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";

export const PAYOUT_ROLES = ["farmer", "ambassador", "creator", "staker"] as const;
export type PayoutRole = (typeof PAYOUT_ROLES)[number];

/**
 * owed: in the person's owed account, waiting for a wallet, the minimum, its due date or gas;
 * in_flight: moved to its own in-flight account and carried by a batch (a signed transaction
 * may be on its way); paid: confirmed on chain, out of the ledger (to `external`).
 * See core/economics/README.md, "Money out".
 */
export const PAYOUT_STATUSES = ["owed", "in_flight", "paid"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** Which platform wallet pays it: the treasury, or the staking vault for unstaked CLONES. */
export type PayoutSource = "treasury" | "vault";

/** A batch whose transaction failed on chain puts its payouts back; after this many they are held for admins. */
export const MAX_PAYOUT_ATTEMPTS = 3;
/** A payout whose transaction failed waits this long, doubling with each failure, before it is tried again. */
export const PAYOUT_RETRY_BASE_MS = 60_000;

/** Money owed to a person, sent on chain by the payout worker: one row per reason it is owed. */
export interface Payout {
  readonly id: string;
  /** Idempotency key: one payout per (submission, role), withdrawal request or unstake request. */
  readonly key: string;
  readonly recipientId: string;
  readonly role: PayoutRole;
  readonly token: TokenSymbol;
  readonly units: Units;
  readonly submissionId: string | null;
  /** For commissions: the referred person whose activity earned it; for withdrawals: the factory. */
  readonly sourceId: string | null;
  readonly status: PayoutStatus;
  /** Not to be sent before this (an unstake's cooldown); null: at once. */
  readonly dueAt: Date | null;
  readonly createdAt: Date;
  /** The batch carrying it (in flight) or that paid it. */
  readonly batchId: string | null;
  /** How many times it was put in flight (each time has its own ledger key). */
  readonly attempts: number;
  /** The wallet it was (or is being) sent to. */
  readonly wallet: string | null;
  /** The confirmed transaction that paid it. */
  readonly signature: string | null;
  readonly paidAt: Date | null;
  /** Lamports the platform paid to open the recipient's token account for it (0 when none). */
  readonly rentLamports: bigint;
  /** Why it is held back for an admin (failed too often); null when it may be sent. */
  readonly heldReason: string | null;
  /** After a failed transaction: not planned again before this (backoff). */
  readonly retryAt: Date | null;
  /** When the person was told it was paid out. */
  readonly notifiedAt: Date | null;
}

/** Where a payout of this role waits while owed. */
export function owedAccount(role: PayoutRole, recipientId: string): string {
  switch (role) {
    case "farmer":
      return LedgerAccount.farmer(recipientId);
    case "ambassador":
      return LedgerAccount.ambassador(recipientId);
    case "creator":
      return LedgerAccount.creator(recipientId);
    case "staker":
      return LedgerAccount.unstaking(recipientId);
  }
}

export const payoutSource = (role: PayoutRole): PayoutSource => (role === "staker" ? "vault" : "treasury");
