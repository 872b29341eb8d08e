import type { Account } from "../../core/accounts/account.js";
import { LedgerAccount } from "../../core/ledger/ledger.js";
import type { TokenSymbol } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { SettlementRepository } from "../../core/ports/repositories.js";
import { farmerLockKey } from "../../core/submissions/accept-submission.js";
import type { SubmissionStatus } from "../../core/submissions/submission.js";
import { journalArgs, journalOutcome } from "./ledger-repository.js";
import type { Tx } from "./tx.js";

// Settling is the hottest path: one call to load (lock, then read on a fresh snapshot) and one
// to save, both server-side functions whose plans Postgres caches (migration
// 20261125020000_ledger_functions). Amounts travel as text, never as floats.

/** The lock key is built by farmerLockKey itself, with placeholders the function replaces. */
const LOCK_TEMPLATE = farmerLockKey("\u0001", "\u0002");

const LOAD_SQL = "SELECT * FROM settlement_load($1, $2, $3)";

const SAVE_SQL = `SELECT settlement_save($1, $2, $3, $4::numeric, $5::numeric, $6::timestamptz, $7::text[], $8::text[],
  $9::text[], $10::text[], $11::text[], $12::numeric[], $13::text[], $14::text[], $15::timestamptz[], $16, $17::bigint,
  $18, $19, $20, $21::text[], $22::text[], $23::numeric[], $24::text[]) AS outcome`;

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
  best_score: number;
}

const date = (v: Date | string) => new Date(v);
const optionalDate = (v: Date | string | null) => (v === null ? null : new Date(v));
const optionalUnits = (v: string | null) => (v === null ? null : units(v));

export const prismaSettlementRepository = (tx: Tx): SettlementRepository => ({
  async load(submissionId) {
    const [row] = await tx.$queryRawUnsafe<LoadRow[]>(LOAD_SQL, submissionId, LOCK_TEMPLATE, LedgerAccount.stake(""));
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
        rewardPerDemo: units(row.reward_per_demo),
        threshold: row.threshold,
        status: row.status as SubmissionStatus,
        reserved: units(row.reserved),
        score: row.score,
        gross: optionalUnits(row.gross),
        paid: optionalUnits(row.paid),
        createdAt: date(row.created_at),
        settledAt: optionalDate(row.settled_at),
      },
      factory: { id: row.factory_id, ownerId: row.owner_id, token },
      farmer,
      owner: { id: row.owner_id, referrerId: row.owner_referrer_id },
      bestGross: BigInt(row.best_gross),
      bestScore: row.best_score,
      referrerStakes,
    };
  },
  async save({ submission: s, payouts, xp, entry }) {
    const [row] = await tx.$queryRawUnsafe<Array<{ outcome: string }>>(
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
      payouts.map((p) => p.sourceId),
      payouts.map((p) => p.status),
      payouts.map((p) => p.createdAt.toISOString()),
      s.farmerId,
      xp.toString(),
      ...journalArgs(entry),
    );
    return journalOutcome(entry, row?.outcome);
  },
});
