import { createHash } from "node:crypto";
import type { AccountLinkRepository } from "../../core/ports/links.js";
import { farmerLockKey } from "../../core/submissions/accept-submission.js";
import type { Tx } from "./tx.js";

/** Link codes are stored as their sha256 only: a database dump gives nobody a way into an account. */
export const hashLinkCode = (code: string): string => createHash("sha256").update(code).digest("hex");

// The locks a merge takes, in the order settling takes them (settlement-repository.ts): the
// farmers' advisory locks on the factories where they have work being graded, then the account
// rows, then their payouts not yet paid (a payout planner skips those; one it already took is in
// flight, and the merge then refuses), then their open payment requests.
const LOCK_FARMERS_SQL = `SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
  FROM (SELECT DISTINCT replace(replace($2, chr(1), farmer_id), chr(2), factory_id) COLLATE "C" AS k
          FROM submission WHERE farmer_id = ANY($1::text[]) AND status = 'reserved' ORDER BY 1) AS keys`;
const LOCK_ACCOUNTS_SQL = `SELECT id FROM account WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR UPDATE`;
const LOCK_PAYOUTS_SQL = `SELECT id FROM payout WHERE recipient_id = ANY($1::text[]) AND status <> 'paid'
  ORDER BY id FOR UPDATE`;
/** Their open payment requests: a stake paid now must land on the account the request names after the merge. */
const LOCK_REQUESTS_SQL = `SELECT id FROM payment_request WHERE owner_id = ANY($1::text[]) AND status = 'open'
  ORDER BY id FOR UPDATE`;

/** Every table that names an account, moved from $1 to $2 (the account rows last: see `absorb`). */
const MOVES = [
  `UPDATE identity SET account_id = $2 WHERE account_id = $1`,
  `UPDATE wallet SET account_id = $2 WHERE account_id = $1`,
  `UPDATE factory SET owner_id = $2 WHERE owner_id = $1`,
  `UPDATE submission SET farmer_id = $2 WHERE farmer_id = $1`,
  `UPDATE recording SET account_id = $2 WHERE account_id = $1`,
  `UPDATE recording_fingerprint SET account_id = $2 WHERE account_id = $1`,
  `UPDATE payout SET recipient_id = $2 WHERE recipient_id = $1`,
  `UPDATE payout SET source_id = $2 WHERE source_id = $1 AND role = 'ambassador'`,
  `UPDATE payment_request SET owner_id = $2 WHERE owner_id = $1`,
  `UPDATE recorder_device SET account_id = $2 WHERE account_id = $1`,
  `UPDATE upload SET account_id = $2 WHERE account_id = $1`,
  // One code per person and task: where both had one, the survivor's stays.
  `UPDATE pairing_code p SET account_id = $2 WHERE p.account_id = $1 AND NOT EXISTS (
     SELECT 1 FROM pairing_code q WHERE q.account_id = $2 AND q.factory_id = p.factory_id AND q.task_id = p.task_id)`,
  `DELETE FROM pairing_code WHERE account_id = $1`,
  `DELETE FROM link_code WHERE account_id = $1 AND used_at IS NULL`,
  `UPDATE link_code SET account_id = $2 WHERE account_id = $1`,
  `UPDATE link_code SET used_by = $2 WHERE used_by = $1`,
  `UPDATE link_failure SET account_id = $2 WHERE account_id = $1`,
  `UPDATE notification SET account_id = $2 WHERE account_id = $1`,
  `UPDATE account SET referrer_id = $2 WHERE referrer_id = $1 AND id <> $2`,
  `UPDATE account_alias SET account_id = $2 WHERE account_id = $1`,
] as const;

const WRITE_SURVIVOR_SQL = `UPDATE account SET referrer_id = $2, referred_at = $3, xp = $4::bigint, boost_bps = $5,
  boost_until = $6, locale = $7,
  wallet_prompted_at = least(wallet_prompted_at, (SELECT a.wallet_prompted_at FROM account a WHERE a.id = $1))
  WHERE id = $8`;

export const prismaLinkRepository = (tx: Tx): AccountLinkRepository => ({
  async saveCode({ code, accountId, issuedAt, expiresAt }) {
    await tx.$executeRawUnsafe(
      `INSERT INTO link_code (code_hash, account_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)`,
      hashLinkCode(code),
      accountId,
      issuedAt,
      expiresAt,
    );
  },
  async countCodesSince(accountId, since) {
    const [row] = await tx.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM link_code WHERE account_id = $1 AND issued_at > $2`,
      accountId,
      since,
    );
    return row?.n ?? 0;
  },
  async lockCode(code) {
    const [row] = await tx.$queryRawUnsafe<
      Array<{ account_id: string; issued_at: Date; expires_at: Date; used_at: Date | null }>
    >(
      `SELECT account_id, issued_at, expires_at, used_at FROM link_code WHERE code_hash = $1 FOR UPDATE`,
      hashLinkCode(code),
    );
    if (!row) return null;
    const at = (d: Date | string) => new Date(d);
    return {
      accountId: row.account_id,
      issuedAt: at(row.issued_at),
      expiresAt: at(row.expires_at),
      usedAt: row.used_at === null ? null : at(row.used_at),
    };
  },
  async markUsed(code, usedBy, at) {
    await tx.$executeRawUnsafe(
      `UPDATE link_code SET used_at = $2, used_by = $3 WHERE code_hash = $1`,
      hashLinkCode(code),
      at,
      usedBy,
    );
  },
  async recordFailure(accountId, at) {
    await tx.$executeRawUnsafe(`INSERT INTO link_failure (account_id, at) VALUES ($1, $2)`, accountId, at);
  },
  async countFailuresSince(accountId, since) {
    const [row] = await tx.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM link_failure WHERE account_id = $1 AND at > $2`,
      accountId,
      since,
    );
    return row?.n ?? 0;
  },
  async lockAccounts(accountIds) {
    const ids = [...accountIds];
    await tx.$executeRawUnsafe(LOCK_FARMERS_SQL, ids, farmerLockKey("\u0001", "\u0002"));
    await tx.$executeRawUnsafe(LOCK_ACCOUNTS_SQL, ids);
    await tx.$executeRawUnsafe(LOCK_PAYOUTS_SQL, ids);
    await tx.$executeRawUnsafe(LOCK_REQUESTS_SQL, ids);
  },
  async countPayoutsInFlight(accountIds) {
    const [row] = await tx.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM payout WHERE recipient_id = ANY($1::text[]) AND status = 'in_flight'`,
      [...accountIds],
    );
    return row?.n ?? 0;
  },
  async absorb({ absorbed, survivor, at }) {
    for (const sql of MOVES)
      await tx.$executeRawUnsafe(sql, ...(sql.includes("$2") ? [absorbed.id, survivor.id] : [absorbed.id]));
    await tx.$executeRawUnsafe(
      WRITE_SURVIVOR_SQL,
      absorbed.id,
      survivor.referrerId,
      survivor.referredAt,
      survivor.xp.toString(),
      survivor.boostBps,
      survivor.boostUntil,
      survivor.locale,
      survivor.id,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO account_alias (id, account_id, referral_code, merged_at) VALUES ($1, $2, $3, $4)`,
      absorbed.id,
      survivor.id,
      absorbed.referralCode,
      at,
    );
    await tx.$executeRawUnsafe(`DELETE FROM account WHERE id = $1`, absorbed.id);
  },
});
