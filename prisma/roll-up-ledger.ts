// Maintenance: folds accounts' pending credits into their balance rows, so that reading a
// balance never sums an ever-growing list (the platform fee, say, is credited by every
// settlement and rarely debited). Each account is rolled up in its own short transaction.
import type { PrismaClient } from "./generated/client.js";

export async function rollUpLedger(
  prisma: PrismaClient,
  options: { minPending?: number; maxAccounts?: number } = {},
): Promise<number> {
  const candidates = await prisma.$queryRawUnsafe<Array<{ account: string; token: string }>>(
    `SELECT account, token FROM ledger_entry WHERE pending
      GROUP BY account, token HAVING count(*) >= $1 ORDER BY count(*) DESC LIMIT $2`,
    options.minPending ?? 100,
    options.maxAccounts ?? 500,
  );
  for (const { account, token } of candidates) {
    await prisma.$queryRawUnsafe(`SELECT ledger_roll_up($1, $2)::text AS units`, account, token);
  }
  return candidates.length;
}
