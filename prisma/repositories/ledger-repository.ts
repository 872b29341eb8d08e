import { randomUUID } from "node:crypto";
import { mayGoNegative, toPostings, type JournalEntry, type PostOutcome } from "../../core/ledger/ledger.js";
import type { LedgerRepository } from "../../core/ports/repositories.js";
import { toBigInt, type Tx } from "./tx.js";

/**
 * A journal entry is posted by one statement, so a post costs one round trip:
 * - t: the journal row; skipped when its key exists, and then nothing else happens;
 * - e: its entries;
 * - u: balance rows updated only where they stay >= 0. Under concurrency the UPDATE waits
 *   for the row lock and re-checks the condition on the newest row, so two debits racing
 *   for the last funds cannot both pass;
 * - i: first credits to accounts that have no row yet.
 * `applied` < number of tracked postings means a debit was refused: the caller's unit of
 * work must then fail (and roll back). `external` has no balance row (it is the outside
 * world, may go negative and would be a hot row); its balance is summed from entries.
 * The CHECK constraint ledger_balance_non_negative stays as the last line of defence.
 *
 * The CTEs are numbered from `$n` so that other statements (the settlement's) can prepend
 * their own CTEs and post in the same round trip.
 */
export function journalCtes(first: number): string {
  const $ = (i: number) => `$${first + i}`;
  return `t AS (
  INSERT INTO ledger_transaction (id, key, kind, created_at) VALUES (${$(0)}, ${$(1)}, ${$(2)}, now())
  ON CONFLICT (key) DO NOTHING RETURNING id
), lp AS (
  SELECT * FROM unnest(${$(3)}::text[], ${$(4)}::text[], ${$(5)}::numeric[], ${$(6)}::bool[]) WITH ORDINALITY AS lp(account, token, amount, tracked, n)
), e AS (
  INSERT INTO ledger_entry (transaction_id, account, token, amount)
  SELECT t.id, lp.account, lp.token, lp.amount FROM t, lp ORDER BY lp.n
), u AS (
  UPDATE ledger_balance b SET units = b.units + lp.amount FROM lp, t
  WHERE lp.tracked AND b.account = lp.account AND b.token = lp.token AND b.units + lp.amount >= 0
  RETURNING b.account
), i AS (
  INSERT INTO ledger_balance (account, token, units)
  SELECT lp.account, lp.token, lp.amount FROM lp, t
  WHERE lp.tracked AND lp.amount > 0
    AND NOT EXISTS (SELECT 1 FROM ledger_balance b WHERE b.account = lp.account AND b.token = lp.token)
  ON CONFLICT (account, token) DO UPDATE SET units = ledger_balance.units + EXCLUDED.units
  RETURNING account
)`;
}

/** Columns to select after journalCtes: whether the entry was new, and how many balances moved. */
export const JOURNAL_RESULT = `(SELECT count(*) FROM t)::int AS inserted, ((SELECT count(*) FROM u) + (SELECT count(*) FROM i))::int AS applied`;

/** The 7 parameters journalCtes expects, in order. */
export function journalParams(entry: JournalEntry): unknown[] {
  const postings = toPostings(entry);
  return [
    randomUUID(),
    entry.key,
    entry.kind,
    postings.map((p) => p.account),
    postings.map((p) => p.token),
    postings.map((p) => p.amount.toString()),
    postings.map((p) => !mayGoNegative(p.account)),
  ];
}

export function journalOutcome(
  entry: JournalEntry,
  row: { inserted: number; applied: number } | undefined,
): PostOutcome {
  const postings = toPostings(entry);
  if (row?.inserted !== 1) return { status: "duplicate" };
  if (row.applied === postings.filter((p) => !mayGoNegative(p.account)).length) return { status: "posted" };
  const short = postings.find((p) => p.amount < 0n && !mayGoNegative(p.account)) ?? postings[0]!;
  return { status: "insufficient", account: short.account, token: short.token };
}

const POST_SQL = `WITH ${journalCtes(1)} SELECT ${JOURNAL_RESULT}`;

export const prismaLedgerRepository = (tx: Tx): LedgerRepository => ({
  async post(entry) {
    const [row] = await tx.$queryRawUnsafe<Array<{ inserted: number; applied: number }>>(
      POST_SQL,
      ...journalParams(entry),
    );
    return journalOutcome(entry, row);
  },
  async balance(account, token) {
    if (mayGoNegative(account)) {
      const sum = await tx.ledgerEntry.aggregate({ where: { account, token }, _sum: { amount: true } });
      return sum._sum.amount ? toBigInt(sum._sum.amount) : 0n;
    }
    const row = await tx.ledgerBalance.findUnique({ where: { account_token: { account, token } } });
    return row ? toBigInt(row.units) : 0n;
  },
});
