// Pairing codes in their own table (pairing_code): one statement per call, so that any number of
// bot and server processes share them.
import type { SqlQuery } from "./direct-sql.js";

export interface PairingRow {
  readonly code: string;
  readonly accountId: string;
  readonly factoryId: string;
  readonly taskId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

interface Row {
  code: string;
  account_id: string;
  factory_id: string;
  task_id: string;
  issued_at: Date;
  expires_at: Date;
}

const toRow = (r: Row): PairingRow => ({
  code: r.code,
  accountId: r.account_id,
  factoryId: r.factory_id,
  taskId: r.task_id,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
});

// The person's codes for other tasks beyond the newest `keep - 1` live ones, and their expired
// ones, go in the same statement that stores this task's: disjoint rows, so no row is touched
// twice. Two processes issuing for one person in the same instant could each keep `keep - 1`
// others; the next issue trims it back. A live code for this task is kept (the same button
// pressed twice shows the same code) and its expiry moved on.
const ISSUE = `
WITH dropped AS (
  DELETE FROM pairing_code d
   WHERE d.account_id = $2 AND NOT (d.factory_id = $3 AND d.task_id = $4)
     AND (d.expires_at <= $5 OR d.code IN (
       SELECT o.code FROM pairing_code o
        WHERE o.account_id = $2 AND NOT (o.factory_id = $3 AND o.task_id = $4) AND o.expires_at > $5
        ORDER BY o.issued_at DESC, o.code OFFSET $7)))
INSERT INTO pairing_code (code, account_id, factory_id, task_id, issued_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (account_id, factory_id, task_id) DO UPDATE
   SET code = CASE WHEN pairing_code.expires_at > $5 THEN pairing_code.code ELSE EXCLUDED.code END,
       issued_at = EXCLUDED.issued_at,
       expires_at = EXCLUDED.expires_at
RETURNING code`;

/** The pairing-code store on the database's driver (see app/pairing.ts for the rules). */
export function sqlPairingStore(query: SqlQuery) {
  return {
    /**
     * Stores `row`, or keeps this person's live code for the same task; drops their expired codes
     * and all but their newest `keep` live ones. Returns the code that stands for the task.
     */
    async issue(row: PairingRow, keep: number): Promise<string> {
      const rows = await query<{ code: string }>(ISSUE, [
        row.code,
        row.accountId,
        row.factoryId,
        row.taskId,
        row.issuedAt,
        row.expiresAt,
        Math.max(0, keep - 1),
      ]);
      return rows[0]!.code;
    },
    /** Reads and deletes a code at once: of two racing redeems, one gets it. */
    async take(code: string): Promise<PairingRow | null> {
      const rows = await query<Row>(`DELETE FROM pairing_code WHERE code = $1 RETURNING *`, [code]);
      return rows[0] ? toRow(rows[0]) : null;
    },
    async delete(code: string): Promise<void> {
      await query(`DELETE FROM pairing_code WHERE code = $1`, [code]);
    },
    /** Deletes codes expired by `now`; returns how many. */
    async purgeExpired(now: Date): Promise<number> {
      const rows = await query<{ n: number }>(
        `WITH gone AS (DELETE FROM pairing_code WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
        [now],
      );
      return rows[0]?.n ?? 0;
    },
  };
}

export type PairingStore = ReturnType<typeof sqlPairingStore>;
