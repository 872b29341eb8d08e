import { randomUUID } from "node:crypto";
import { mayGoNegative, toPostings } from "../../core/ledger/ledger.js";
import type { LedgerRepository } from "../../core/ports/repositories.js";
import { toBigInt, type Tx } from "./tx.js";

/**
 * One statement per journal entry, so a post costs one round trip:
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
 */
const POST_SQL = `
WITH t AS (
  INSERT INTO ledger_transaction (id, key, kind, created_at) VALUES ($1, $2, $3, now())
  ON CONFLICT (key) DO NOTHING RETURNING id
), p AS (
  SELECT * FROM unnest($4::text[], $5::text[], $6::numeric[], $7::bool[]) WITH ORDINALITY AS p(account, token, amount, tracked, n)
), e AS (
  INSERT INTO ledger_entry (transaction_id, account, token, amount)
  SELECT t.id, p.account, p.token, p.amount FROM t, p ORDER BY p.n
), u AS (
  UPDATE ledger_balance b SET units = b.units + p.amount FROM p, t
  WHERE p.tracked AND b.account = p.account AND b.token = p.token AND b.units + p.amount >= 0
  RETURNING b.account
), i AS (
  INSERT INTO ledger_balance (account, token, units)
  SELECT p.account, p.token, p.amount FROM p, t
  WHERE p.tracked AND p.amount > 0
    AND NOT EXISTS (SELECT 1 FROM ledger_balance b WHERE b.account = p.account AND b.token = p.token)
  ON CONFLICT (account, token) DO UPDATE SET units = ledger_balance.units + EXCLUDED.units
  RETURNING account
)
SELECT (SELECT count(*) FROM t)::int AS inserted, ((SELECT count(*) FROM u) + (SELECT count(*) FROM i))::int AS applied`;

export const prismaLedgerRepository = (tx: Tx): LedgerRepository => ({
  async post(entry) {
    const postings = toPostings(entry);
    const tracked = postings.map((p) => !mayGoNegative(p.account));
    const [row] = await tx.$queryRawUnsafe<Array<{ inserted: number; applied: number }>>(
      POST_SQL,
      randomUUID(),
      entry.key,
      entry.kind,
      postings.map((p) => p.account),
      postings.map((p) => p.token),
      postings.map((p) => p.amount.toString()),
      tracked,
    );
    if (row?.inserted !== 1) return { status: "duplicate" };
    if (row.applied === tracked.filter(Boolean).length) return { status: "posted" };
    const short = postings.find((p) => p.amount < 0n && !mayGoNegative(p.account)) ?? postings[0]!;
    return { status: "insufficient", account: short.account, token: short.token };
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
