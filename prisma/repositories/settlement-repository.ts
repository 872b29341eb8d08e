import type { Account } from "../../core/accounts/account.js";
import { LedgerAccount } from "../../core/ledger/ledger.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import type { SettlementContext, SettlementRecord, SettlementRepository } from "../../core/ports/repositories.js";
import { farmerLockKey } from "../../core/submissions/accept-submission.js";
import { journalArgs, journalOutcome } from "./ledger-repository.js";
import { submissionFromSql, type SubmissionSqlRow } from "./submission-repository.js";
import type { Tx } from "./tx.js";

// Settling is the hottest path: one call to load (lock, then read on a fresh snapshot) and one
// to save, both server-side functions whose plans Postgres caches (migration
// 20261125020000_ledger_functions). A batch (settleSubmissions) takes its locks in two
// statements, then loads in one and saves in one, whatever its size. Amounts travel as text,
// never as floats.

/** The lock key is built by farmerLockKey itself, with placeholders the function replaces. */
const LOCK_TEMPLATE = farmerLockKey("\u0001", "\u0002");

const LOAD_SQL = "SELECT * FROM settlement_load($1, $2, $3)";

/**
 * A batch's locks, taken before its load: the farmers' locks on their factories (as
 * settlement_load takes them, which then finds them held), then the farmers' account rows (their
 * XP is added to on save). Each kind in one byte order, the order `lock()` sorts keys in, so
 * that concurrent batches cannot deadlock.
 */
const LOCK_FARMERS_SQL = `SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
  FROM (SELECT DISTINCT replace(replace($2, chr(1), farmer_id), chr(2), factory_id) COLLATE "C" AS k
          FROM submission WHERE id = ANY($1::text[]) ORDER BY 1) AS keys`;
const LOCK_ACCOUNTS_SQL = `SELECT id FROM account WHERE id IN (SELECT farmer_id FROM submission WHERE id = ANY($1::text[]))
  ORDER BY id COLLATE "C" FOR NO KEY UPDATE`;

/**
 * settlement_load's query for a whole batch at once (its locks taken before, as above). Not
 * settlement_load once per submission: called from a function, ledger_balance_of (a SQL
 * function) is parsed and planned again on every call, which was a quarter of the server's time
 * in a batch; here it is planned once per statement, and the best earlier gross and score come
 * from one index scan, not two. That scan is of the farmer's submissions on the task (index
 * farmer_id, factory_id, task_id): the status is a filter (`status || ''`), never a search key,
 * else statistics taken while few submissions were settled (a burst) make the planner scan all
 * of the factory's settled submissions instead, per submission. The contract suite checks that
 * `load` and `loadMany` read the same context.
 */
const LOAD_MANY_SQL = `
SELECT s.id, s.factory_id, s.task_id, s.farmer_id, s.token, s.status, s.reserved::text AS reserved, s.score,
       s.gross::text AS gross, s.paid::text AS paid, s.created_at, s.settled_at,
       f.owner_id, s.reward_per_demo::text AS reward_per_demo, s.threshold,
       a.referral_code, a.referrer_id, a.referred_at, a.xp::text AS xp, a.boost_bps, a.boost_until, a.locale,
       a.created_at AS account_created_at, o.referrer_id AS owner_referrer_id, best.best_gross,
       CASE WHEN a.referrer_id IS NULL THEN NULL
            ELSE ledger_balance_of($2 || a.referrer_id, 'CLONES')::text END AS farmer_referrer_stake,
       CASE WHEN o.referrer_id IS NULL THEN NULL
            ELSE ledger_balance_of($2 || o.referrer_id, 'CLONES')::text END AS owner_referrer_stake,
       best.best_score
  FROM submission s
  JOIN factory f ON f.id = s.factory_id
  JOIN account a ON a.id = s.farmer_id
  JOIN account o ON o.id = f.owner_id
 CROSS JOIN LATERAL (
       SELECT coalesce(max(x.gross), 0)::text AS best_gross,
              coalesce(max(x.score) FILTER (WHERE x.score >= x.threshold), 0) AS best_score
         FROM submission x
        WHERE x.farmer_id = s.farmer_id AND x.factory_id = s.factory_id AND x.task_id = s.task_id
          AND x.status || '' = 'settled' AND x.id <> s.id) AS best
 WHERE s.id = ANY($1::text[])`;

/** settlement_save for each record of a JSON array (fields as in `saveFields`), in one statement. */
const SAVE_MANY_SQL = `SELECT r.n, settlement_save(r.id, r.status, r.score, r.gross, r.paid, r.settled_at, r.payout_ids,
  r.payout_keys, r.recipients, r.roles, r.payout_tokens, r.payout_units, r.sources, r.payout_statuses, r.payout_created,
  r.farmer, r.xp, r.entry_id, r.entry_key, r.entry_kind, r.accounts, r.tokens, r.amounts, r.policies) AS outcome
  FROM jsonb_to_recordset($1::jsonb) AS r(n INT, id TEXT, status TEXT, score INT, gross NUMERIC, paid NUMERIC,
    settled_at TIMESTAMPTZ, payout_ids TEXT[], payout_keys TEXT[], recipients TEXT[], roles TEXT[],
    payout_tokens TEXT[], payout_units NUMERIC[], sources TEXT[], payout_statuses TEXT[], payout_created TIMESTAMPTZ[],
    farmer TEXT, xp BIGINT, entry_id TEXT, entry_key TEXT, entry_kind TEXT, accounts TEXT[], tokens TEXT[],
    amounts NUMERIC[], policies TEXT[])`;

interface LoadRow extends SubmissionSqlRow {
  owner_id: string;
  referral_code: string;
  referrer_id: string | null;
  referred_at: Date | string | null;
  xp: string;
  boost_bps: number;
  boost_until: Date | string | null;
  locale: string | null;
  account_created_at: Date | string;
  owner_referrer_id: string | null;
  best_gross: string;
  farmer_referrer_stake: string | null;
  owner_referrer_stake: string | null;
  best_score: number;
}

const date = (v: Date | string) => new Date(v);
const optionalDate = (v: Date | string | null) => (v === null ? null : new Date(v));

function toContext(row: LoadRow): SettlementContext {
  const token = row.token as TokenSymbol;
  const farmer: Account = {
    id: row.farmer_id,
    referralCode: row.referral_code,
    referrerId: row.referrer_id,
    referredAt: optionalDate(row.referred_at),
    xp: BigInt(row.xp),
    boostBps: row.boost_bps,
    boostUntil: optionalDate(row.boost_until),
    locale: row.locale,
    createdAt: date(row.account_created_at),
  };
  const referrerStakes: Record<string, bigint> = {};
  if (row.referrer_id) referrerStakes[row.referrer_id] = BigInt(row.farmer_referrer_stake ?? "0");
  if (row.owner_referrer_id) referrerStakes[row.owner_referrer_id] = BigInt(row.owner_referrer_stake ?? "0");
  return {
    submission: submissionFromSql(row),
    factory: { id: row.factory_id, ownerId: row.owner_id, token },
    farmer,
    owner: { id: row.owner_id, referrerId: row.owner_referrer_id },
    bestGross: BigInt(row.best_gross),
    bestScore: row.best_score,
    referrerStakes,
  };
}

async function saveMany(tx: Tx, records: readonly SettlementRecord[]) {
  if (records.length === 0) return [];
  const json = JSON.stringify(records.map(saveFields));
  const rows = await tx.$queryRawUnsafe<Array<{ n: number; outcome: string }>>(SAVE_MANY_SQL, json);
  const outcomes = new Map(rows.map((row) => [Number(row.n), row.outcome]));
  return records.map((record, n) => journalOutcome(record.entry, outcomes.get(n)));
}

/** One record's arguments of settlement_save(), named as SAVE_MANY_SQL reads them; `n` its place. */
function saveFields({ submission: s, payouts, xp, entry }: SettlementRecord, n: number) {
  const [entryId, entryKey, entryKind, accounts, tokens, amounts, policies] = journalArgs(entry);
  return {
    n,
    id: s.id,
    status: s.status,
    score: s.score,
    gross: s.gross?.toString() ?? null,
    paid: s.paid?.toString() ?? null,
    settled_at: s.settledAt?.toISOString() ?? null,
    payout_ids: payouts.map((p) => p.id),
    payout_keys: payouts.map((p) => p.key),
    recipients: payouts.map((p) => p.recipientId),
    roles: payouts.map((p) => p.role),
    payout_tokens: payouts.map((p) => p.token),
    payout_units: payouts.map((p) => p.units.toString()),
    sources: payouts.map((p) => p.sourceId),
    payout_statuses: payouts.map((p) => p.status),
    payout_created: payouts.map((p) => p.createdAt.toISOString()),
    farmer: s.farmerId,
    xp: xp.toString(),
    entry_id: entryId,
    entry_key: entryKey,
    entry_kind: entryKind,
    accounts,
    tokens,
    amounts,
    policies,
  };
}

export const prismaSettlementRepository = (tx: Tx): SettlementRepository => ({
  async load(submissionId) {
    const [row] = await tx.$queryRawUnsafe<LoadRow[]>(LOAD_SQL, submissionId, LOCK_TEMPLATE, LedgerAccount.stake(""));
    return row ? toContext(row) : null;
  },
  async loadMany(submissionIds) {
    if (submissionIds.length === 0) return [];
    await tx.$executeRawUnsafe(LOCK_FARMERS_SQL, submissionIds, LOCK_TEMPLATE);
    await tx.$executeRawUnsafe(LOCK_ACCOUNTS_SQL, submissionIds);
    const rows = await tx.$queryRawUnsafe<LoadRow[]>(LOAD_MANY_SQL, submissionIds, LedgerAccount.stake(""));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return submissionIds.map((id) => {
      const row = byId.get(id);
      return row ? toContext(row) : null;
    });
  },
  save: async (record) => (await saveMany(tx, [record]))[0]!,
  saveMany: (records) => saveMany(tx, records),
});
