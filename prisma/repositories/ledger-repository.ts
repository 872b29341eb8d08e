import { randomUUID } from "node:crypto";
import { mayGoNegative, toPostings, type JournalEntry, type PostOutcome } from "../../core/ledger/ledger.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import type { LedgerRepository } from "../../core/ports/repositories.js";
import type { Tx } from "./tx.js";

/**
 * How the database keeps an account's balance (see migration 20261125020000_ledger_functions):
 * - none: no balance row; the outside world, which may go negative;
 * - row: every entry applied to the row at once (holds: one credit, one debit, never shared);
 * - deferred: credits appended as pending entries, rolled into the row by the next debit, so
 *   popular accounts (pools, ambassadors, the platform fee) never serialize settlements.
 */
export type BalancePolicy = "none" | "row" | "deferred";

export const balancePolicy = (account: string): BalancePolicy =>
  mayGoNegative(account) ? "none" : account.startsWith("hold:") || account.startsWith("payout:") ? "row" : "deferred";

/** The seven arguments of ledger_post(), in order. */
export function journalArgs(entry: JournalEntry): unknown[] {
  const postings = toPostings(entry);
  return [
    randomUUID(),
    entry.key,
    entry.kind,
    postings.map((p) => p.account),
    postings.map((p) => p.token),
    postings.map((p) => p.amount.toString()),
    postings.map((p) => balancePolicy(p.account)),
  ];
}

/** Reads ledger_post()'s answer: posted, duplicate or insufficient:<account>. */
export function journalOutcome(entry: JournalEntry, outcome: string | undefined): PostOutcome {
  if (outcome === "posted" || outcome === "duplicate") return { status: outcome };
  if (outcome?.startsWith("insufficient:")) {
    const account = outcome.slice("insufficient:".length);
    const token =
      toPostings(entry).find((p) => p.account === account)?.token ?? (entry.transfers[0]?.token as TokenSymbol);
    return { status: "insufficient", account, token };
  }
  throw new Error(`unexpected ledger_post outcome: ${outcome}`);
}

const POST_SQL = "SELECT ledger_post($1, $2, $3, $4::text[], $5::text[], $6::numeric[], $7::text[]) AS outcome";

/** The one way to read a balance (row plus pending credits), shared with settlement_load. */
const BALANCE_SQL = "SELECT ledger_balance_of($1, $2)::text AS units";

/** BALANCE_SQL for many accounts in one statement, in the order given. */
const BALANCES_SQL = `SELECT ledger_balance_of(x.account, x.token)::text AS units
  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(account, token, n) ORDER BY x.n`;

const EXTERNAL_BALANCE_SQL = `SELECT coalesce(sum(amount), 0)::text AS units FROM ledger_entry WHERE account = $1 AND token = $2`;

const HELD_TOTAL_SQL = `
SELECT ((SELECT coalesce(sum(units), 0) FROM ledger_balance WHERE token = $1 AND account NOT IN ('external', 'platform:gas'))
      + (SELECT coalesce(sum(amount), 0) FROM ledger_entry
          WHERE token = $1 AND pending AND account NOT IN ('external', 'platform:gas')))::text AS units`;

export const prismaLedgerRepository = (tx: Tx): LedgerRepository => ({
  async post(entry) {
    const [row] = await tx.$queryRawUnsafe<Array<{ outcome: string }>>(POST_SQL, ...journalArgs(entry));
    return journalOutcome(entry, row?.outcome);
  },
  async balance(account, token) {
    const sql = balancePolicy(account) === "none" ? EXTERNAL_BALANCE_SQL : BALANCE_SQL;
    const [row] = await tx.$queryRawUnsafe<Array<{ units: string }>>(sql, account, token);
    return BigInt(row?.units ?? "0");
  },
  async balances(of) {
    if (of.some((o) => balancePolicy(o.account) === "none"))
      return Promise.all(of.map((o) => this.balance(o.account, o.token)));
    if (of.length === 0) return [];
    const rows = await tx.$queryRawUnsafe<Array<{ units: string }>>(
      BALANCES_SQL,
      of.map((o) => o.account),
      of.map((o) => o.token),
    );
    return rows.map((r) => BigInt(r.units));
  },
  async heldTotal(token) {
    const [row] = await tx.$queryRawUnsafe<Array<{ units: string }>>(HELD_TOTAL_SQL, token);
    return BigInt(row?.units ?? "0");
  },
});
