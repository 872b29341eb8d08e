import type { Repositories, UnitOfWork } from "../core/ports/repositories.js";
import type { SqlQuery } from "./direct-sql.js";
import type { PrismaClient } from "./generated/client.js";
import { prismaAccountRepository } from "./repositories/account-repository.js";
import { prismaFactoryRepository } from "./repositories/factory-repository.js";
import { prismaLedgerRepository } from "./repositories/ledger-repository.js";
import { prismaLinkRepository } from "./repositories/link-repository.js";
import { prismaPaymentRepository } from "./repositories/payment-repository.js";
import {
  prismaPayoutBatchRepository,
  prismaPayoutEngineRepository,
  prismaPayoutRepository,
} from "./repositories/payout-repository.js";
import { prismaRecordingRepository } from "./repositories/recording-repository.js";
import { prismaSettlementRepository } from "./repositories/settlement-repository.js";
import { prismaSubmissionRepository } from "./repositories/submission-repository.js";
import type { Tx } from "./repositories/tx.js";

/** Carries an expected failure out of `$transaction` so that Prisma rolls back. */
class Rollback {
  constructor(readonly value: unknown) {}
}

export function repositoriesFor(tx: Tx): Repositories {
  return {
    accounts: prismaAccountRepository(tx),
    factories: prismaFactoryRepository(tx),
    ledger: prismaLedgerRepository(tx),
    submissions: prismaSubmissionRepository(tx),
    payouts: prismaPayoutRepository(tx),
    batches: prismaPayoutBatchRepository(tx),
    payoutEngine: prismaPayoutEngineRepository(tx),
    settlements: prismaSettlementRepository(tx),
    payments: prismaPaymentRepository(tx),
    recordings: prismaRecordingRepository(tx),
    links: prismaLinkRepository(tx),
    async lock(keys) {
      // Transaction-scoped advisory locks, taken in sorted order so that two units of work
      // locking overlapping keys cannot deadlock.
      for (const key of [...new Set(keys)].sort()) {
        await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", key);
      }
    },
  };
}

/** Deadlock or serialization failure: Postgres aborted the transaction; running it again is safe. */
const RETRYABLE = /40P01|40001|deadlock detected|could not serialize/;
const MAX_ATTEMPTS = 5;

/**
 * Outside a transaction, the repositories' raw statements go to `query` (the driver itself, see
 * direct-sql.ts) and their model calls to Prisma.
 */
function directReads(prisma: PrismaClient, query: SqlQuery): Tx {
  const $queryRawUnsafe = (sql: string, ...params: unknown[]) => query(sql, params);
  return new Proxy(prisma, {
    get(target, key) {
      if (key === "$queryRawUnsafe") return $queryRawUnsafe;
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as unknown as Tx;
}

/**
 * Units of work on Prisma. `query`: the database's driver, for reads (`read`) to run their raw
 * statements on without Prisma's per-statement cost; without it, reads go through Prisma too.
 */
export function prismaUnitOfWork(
  prisma: PrismaClient,
  options: { timeoutMs?: number; query?: SqlQuery } = {},
): UnitOfWork {
  const timeout = options.timeoutMs ?? 15_000;
  const reader = options.query ? directReads(prisma, options.query) : (prisma as unknown as Tx);
  return {
    read: (fn) => fn(repositoriesFor(reader)),
    async run(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await prisma.$transaction(
            async (tx) => {
              const result = await fn(repositoriesFor(tx));
              if (!result.ok) throw new Rollback(result);
              return result;
            },
            { timeout, maxWait: timeout },
          );
        } catch (error) {
          if (error instanceof Rollback) return error.value as never;
          if (attempt >= MAX_ATTEMPTS || !RETRYABLE.test(String((error as Error)?.message ?? error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
        }
      }
    },
  };
}
