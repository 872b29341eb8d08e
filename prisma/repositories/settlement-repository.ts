import type { Account } from "../../core/accounts/account.js";
import { LedgerAccount } from "../../core/ledger/ledger.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { SettlementRepository } from "../../core/ports/repositories.js";
import { farmerLockKey } from "../../core/submissions/accept-submission.js";
import type { SubmissionStatus } from "../../core/submissions/submission.js";
import { JOURNAL_RESULT, journalCtes, journalOutcome, journalParams } from "./ledger-repository.js";
import type { Tx } from "./tx.js";

// Settling is the hottest path: it costs three statements (lock, load, write and post) instead of
// the dozen the generic repositories would need. Amounts travel as text, never as floats.

/** The lock key is built by farmerLockKey itself, with placeholders the SQL replaces. */
const LOCK_TEMPLATE = farmerLockKey("\u0001", "\u0002");
const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtextextended(replace(replace($2, chr(1), farmer_id), chr(2), factory_id), 0))
  FROM submission WHERE id = $1`;

const LOAD_SQL = `
SELECT s.id, s.factory_id, s.task_id, s.farmer_id, s.token, s.status, s.reserved::text AS reserved, s.score,
       s.gross::text AS gross, s.paid::text AS paid, s.created_at, s.settled_at,
       f.owner_id, f.reward_per_demo::text AS reward_per_demo, f.threshold,
       a.referral_code, a.referrer_id, a.referred_at, a.xp::text AS xp, a.boost_bps, a.boost_until, a.locale,
       a.created_at AS account_created_at, o.referrer_id AS owner_referrer_id,
       (SELECT coalesce(max(x.gross), 0)::text FROM submission x
         WHERE x.farmer_id = s.farmer_id AND x.factory_id = s.factory_id AND x.task_id = s.task_id
           AND x.status = 'settled' AND x.id <> s.id) AS best_gross,
       (SELECT b.units::text FROM ledger_balance b WHERE b.account = $2 || a.referrer_id AND b.token = 'CLONES') AS farmer_referrer_stake,
       (SELECT b.units::text FROM ledger_balance b WHERE b.account = $2 || o.referrer_id AND b.token = 'CLONES') AS owner_referrer_stake
  FROM submission s
  JOIN factory f ON f.id = s.factory_id
  JOIN account a ON a.id = s.farmer_id
  JOIN account o ON o.id = f.owner_id
 WHERE s.id = $1`;

const SAVE_SQL = `
WITH ${journalCtes(19)}, s AS (
  UPDATE submission SET status = $2, score = $3, gross = $4::numeric, paid = $5::numeric, settled_at = $6::timestamptz
   WHERE id = $1 RETURNING id
), p AS (
  INSERT INTO payout (id, key, recipient_id, role, token, units, submission_id, source_id, status, created_at)
  SELECT * FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::numeric[], $13::text[],
                       $14::text[], $15::text[], $16::timestamptz[])
  ON CONFLICT (key) DO NOTHING RETURNING id
), x AS (
  UPDATE account SET xp = xp + $18::bigint WHERE id = $17 AND $18::bigint > 0 RETURNING id
)
SELECT (SELECT count(*) FROM s)::int AS updated, ${JOURNAL_RESULT}`;

interface LoadRow {
  id: string;
  factory_id: string;
  task_id: string;
  farmer_id: string;
  token: string;
  status: string;
  reserved: string;
  score: number | null;
  gross: string | null;
  paid: string | null;
  created_at: Date | string;
  settled_at: Date | string | null;
  owner_id: string;
  reward_per_demo: string;
  threshold: number;
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
}

const date = (v: Date | string) => new Date(v);
const optionalDate = (v: Date | string | null) => (v === null ? null : new Date(v));
const optionalUnits = (v: string | null) => (v === null ? null : units(v));

export const prismaSettlementRepository = (tx: Tx): SettlementRepository => ({
  async load(submissionId) {
    await tx.$executeRawUnsafe(LOCK_SQL, submissionId, LOCK_TEMPLATE);
    const [row] = await tx.$queryRawUnsafe<LoadRow[]>(LOAD_SQL, submissionId, LedgerAccount.stake(""));
    if (!row) return null;
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
      submission: {
        id: row.id,
        factoryId: row.factory_id,
        taskId: row.task_id,
        farmerId: row.farmer_id,
        token,
        status: row.status as SubmissionStatus,
        reserved: units(row.reserved),
        score: row.score,
        gross: optionalUnits(row.gross),
        paid: optionalUnits(row.paid),
        createdAt: date(row.created_at),
        settledAt: optionalDate(row.settled_at),
      },
      factory: {
        id: row.factory_id,
        ownerId: row.owner_id,
        rewardPerDemo: units(row.reward_per_demo),
        threshold: row.threshold,
        token,
      },
      farmer,
      owner: { id: row.owner_id, referrerId: row.owner_referrer_id },
      bestGross: BigInt(row.best_gross),
      referrerStakes,
    };
  },
  async save({ submission: s, payouts, xp, entry }) {
    const [row] = await tx.$queryRawUnsafe<Array<{ updated: number; inserted: number; applied: number }>>(
      SAVE_SQL,
      s.id,
      s.status,
      s.score,
      s.gross?.toString() ?? null,
      s.paid?.toString() ?? null,
      s.settledAt?.toISOString() ?? null,
      payouts.map((p) => p.id),
      payouts.map((p) => p.key),
      payouts.map((p) => p.recipientId),
      payouts.map((p) => p.role),
      payouts.map((p) => p.token),
      payouts.map((p) => p.units.toString()),
      payouts.map((p) => p.submissionId),
      payouts.map((p) => p.sourceId),
      payouts.map((p) => p.status),
      payouts.map((p) => p.createdAt.toISOString()),
      s.farmerId,
      xp.toString(),
      ...journalParams(entry),
    );
    if (row?.updated !== 1) throw new Error(`submission ${s.id} vanished while settling`);
    return journalOutcome(entry, row);
  },
});
