// Audits the ledger's invariants straight from the tables: every token's entries sum to zero;
// no account but `external` and `platform:gas` has a negative balance (the sum of its entries); and each balance
// row equals the sum of its account's entries that are not pending (deferred credits).
import type { PrismaClient } from "./generated/client.js";

export interface LedgerAudit {
  /** Per token, the sum of all entries: must be "0". */
  readonly sums: Record<string, string>;
  readonly negative: Array<{ account: string; token: string; units: string }>;
  readonly mismatched: Array<{ account: string; token: string; balance: string | null; entries: string | null }>;
}

export async function verifyLedger(prisma: PrismaClient): Promise<LedgerAudit> {
  const sums = await prisma.$queryRawUnsafe<Array<{ token: string; total: string }>>(
    `SELECT token, sum(amount)::text AS total FROM ledger_entry GROUP BY token ORDER BY token`,
  );
  const negative = await prisma.$queryRawUnsafe<LedgerAudit["negative"]>(
    `SELECT account, token, sum(amount)::text AS units FROM ledger_entry WHERE account NOT IN ('external', 'platform:gas')
      GROUP BY account, token HAVING sum(amount) < 0`,
  );
  const mismatched = await prisma.$queryRawUnsafe<LedgerAudit["mismatched"]>(
    `SELECT coalesce(b.account, e.account) AS account, coalesce(b.token, e.token) AS token,
            b.units::text AS balance, e.total::text AS entries
       FROM ledger_balance b
       FULL JOIN (SELECT account, token, sum(amount) AS total FROM ledger_entry
                   WHERE account NOT IN ('external', 'platform:gas') AND NOT pending GROUP BY account, token) e
         ON b.account = e.account AND b.token = e.token
      WHERE coalesce(b.units, 0) <> coalesce(e.total, 0)`,
  );
  return { sums: Object.fromEntries(sums.map((s) => [s.token, s.total])), negative, mismatched };
}
