import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";

/**
 * Ledger account names. Every account but `external:*` must never go negative; `external`
 * is the outside world, where deposits come from and payouts go.
 */
export const LedgerAccount = {
  external: () => "external",
  pool: (factoryId: string) => `pool:${factoryId}`,
  hold: (submissionId: string) => `hold:${submissionId}`,
  farmer: (accountId: string) => `farmer:${accountId}`,
  ambassador: (accountId: string) => `ambassador:${accountId}`,
  platformFee: () => "platform:fee",
  stake: (accountId: string) => `stake:${accountId}`,
  /** Unstaked CLONES waiting out the cooldown before the payout job sends them back. */
  unstaking: (accountId: string) => `unstaking:${accountId}`,
} as const;

export const mayGoNegative = (account: string): boolean => account === "external";

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
