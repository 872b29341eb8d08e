import type { Account } from "../accounts/account.js";

/** A link code as stored (the store keeps only its hash; the plain code is never read back). */
export interface LinkCodeRecord {
  readonly accountId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

/** What merging writes on the surviving account (everything else it keeps). */
export type MergedAccount = Pick<
  Account,
  "id" | "referrerId" | "referredAt" | "xp" | "boostBps" | "boostUntil" | "locale"
>;

/** One-time link codes and account merges (core/accounts/redeem-link-code.ts). */
export interface AccountLinkRepository {
  /** Stores a new code for `accountId`. */
  saveCode(input: { code: string; accountId: string; issuedAt: Date; expiresAt: Date }): Promise<void>;
  countCodesSince(accountId: string, since: Date): Promise<number>;
  /** The code's record, locked until the unit of work ends (a second redeemer waits); null when unknown. */
  lockCode(code: string): Promise<LinkCodeRecord | null>;
  markUsed(code: string, usedBy: string, at: Date): Promise<void>;
  /** Wrong codes an account tried (recorded in a unit of work of their own). */
  recordFailure(accountId: string, at: Date): Promise<void>;
  countFailuresSince(accountId: string, since: Date): Promise<number>;
  /**
   * Locks both accounts for the merge, so that nothing writes for either meanwhile: first the
   * locks settling takes for each factory either one has work in, then the account rows.
   */
  lockAccounts(accountIds: readonly string[]): Promise<void>;
  /** Payouts of these accounts in flight (taken into a batch, maybe on chain right now). */
  countPayoutsInFlight(accountIds: readonly string[]): Promise<number>;
  /**
   * Moves every row that names `absorbedId` (identities, wallets, factories, submissions,
   * recordings, payouts and commissions earned from it, payment requests, recorders, uploads,
   * pairing and link codes, notifications, referees) to the survivor, writes `survivor`, deletes
   * the absorbed account and keeps its id and referral code as aliases of the survivor.
   * Ledger balances are not touched here: they move by journal entries.
   */
  absorb(input: { absorbed: Account; survivor: MergedAccount; at: Date }): Promise<void>;
}
