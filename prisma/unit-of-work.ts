import type { Repositories, UnitOfWork } from "../core/ports/repositories.js";
import type { PrismaClient } from "./generated/client.js";
import { prismaAccountRepository } from "./repositories/account-repository.js";
import { prismaFactoryRepository } from "./repositories/factory-repository.js";
import { prismaLedgerRepository } from "./repositories/ledger-repository.js";
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

export function prismaUnitOfWork(prisma: PrismaClient, options: { timeoutMs?: number } = {}): UnitOfWork {
  const timeout = options.timeoutMs ?? 15_000;
  return {
    read: (fn) => fn(repositoriesFor(prisma as unknown as Tx)),
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
