import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";

/**
 * Ledger account names. `external` is the outside world, where deposits come from and payouts
 * go; `platform:gas` is the platform's spending on network fees and token-account rent (see
 * core/economics/README.md). Those two may go negative; every other account never does.
 */
export const LedgerAccount = {
  external: () => "external",
  pool: (factoryId: string) => `pool:${factoryId}`,
  hold: (submissionId: string) => `hold:${submissionId}`,
  /** Owed to a farmer (net of the fee), until a payout takes it in flight. */
  farmer: (accountId: string) => `farmer:${accountId}`,
  /** Owed to an ambassador (commissions). */
  ambassador: (accountId: string) => `ambassador:${accountId}`,
  /** Owed to a creator: what they withdrew from a paused or closed factory's pool. */
  creator: (accountId: string) => `creator:${accountId}`,
  platformFee: () => "platform:fee",
  /** SOL the treasury spends on network fees and on opening recipients' token accounts. */
  platformGas: () => "platform:gas",
  stake: (accountId: string) => `stake:${accountId}`,
  /** Unstaked CLONES: owed back to the staker once the cooldown (the payout's due date) ends. */
  unstaking: (accountId: string) => `unstaking:${accountId}`,
  /** One payout in flight: credited when planned, emptied when confirmed (or put back). */
  outgoing: (payoutId: string) => `payout:${payoutId}`,
} as const;

/** The outside world, and the platform's network spending (funded by top-ups, paid from its float). */
export const mayGoNegative = (account: string): boolean => account === "external" || account === "platform:gas";

/** One movement of `units` from one account to another, in one token. */
export interface Transfer {
  readonly from: string;
  readonly to: string;
  readonly token: TokenSymbol;
  readonly units: Units;
}

export const LEDGER_KINDS = [
  "deposit",
  "withdrawal",
  "reserve",
  "settle",
  "release",
  "payout",
  "stake",
  "unstake",
  /** owed → in flight: a payout taken into a batch. */
  "payout-plan",
  /** in flight → owed: its transaction failed on chain. */
  "payout-revert",
  /** Network fees and token-account rent the treasury paid for a payout transaction. */
  "network-cost",
  /** SOL sent to the treasury to pay network costs. */
  "gas-top-up",
  /** An absorbed account's balances moved to the account it merged into (core/accounts/redeem-link-code.ts). */
  "account-merge",
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** A journal transaction: balanced by construction (each transfer debits and credits equally). */
export interface JournalEntry {
  /** Applied at most once: a second post with the same key changes nothing. */
  readonly key: string;
  readonly kind: LedgerKind;
  readonly transfers: readonly Transfer[];
}

/** A signed change to one account's balance. */
export interface Posting {
  readonly account: string;
  readonly token: TokenSymbol;
  readonly amount: bigint;
}

/** Net postings of a journal entry, merged per account and token, sorted for lock order. */
export function toPostings(entry: JournalEntry): Posting[] {
  const net = new Map<string, Posting>();
  const add = (account: string, token: TokenSymbol, amount: bigint) => {
    const id = `${token}\u0000${account}`;
    const prev = net.get(id);
    net.set(id, { account, token, amount: (prev?.amount ?? 0n) + amount });
  };
  for (const t of entry.transfers) {
    if (t.units === 0n) continue;
    add(t.from, t.token, -t.units);
    add(t.to, t.token, t.units);
  }
  return [...net.values()]
    .filter((p) => p.amount !== 0n)
    .sort((a, b) => (a.token + a.account < b.token + b.account ? -1 : 1));
}

export type PostOutcome =
  | { readonly status: "posted" }
  | { readonly status: "duplicate" }
  | { readonly status: "insufficient"; readonly account: string; readonly token: TokenSymbol };
