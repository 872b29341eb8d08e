import type pg from "pg";
import type { Repositories, UnitOfWork } from "../core/ports/repositories.js";
import type { SqlQuery } from "./direct-sql.js";
import { directTransaction } from "./direct-transaction.js";
import type { PrismaClient } from "./generated/client.js";
import { prismaAccountRepository } from "./repositories/account-repository.js";
import { prismaFactoryRepository } from "./repositories/factory-repository.js";
import { prismaInsightsRepository } from "./repositories/insights-repository.js";
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
    insights: prismaInsightsRepository(tx),
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

/** A direct unit of work met a Prisma model call: it is rolled back and run again on Prisma. */
class NeedsPrisma extends Error {
  constructor() {
    super("this unit of work needs Prisma");
  }
}

type Outcome = { ok: boolean };

/**
 * One attempt at a unit of work that picks its transaction at its first repository call: on the
 * driver (direct-transaction.ts) when that call is to the settlement repository, whose
 * statements are all raw SQL, as are those of the units of work that start with it (settling);
 * else Prisma's interactive transaction, started then and kept open until the function returns.
 * A Prisma model call in a direct unit (rare: a replay reads its payouts through Prisma) poisons
 * it: it is rolled back and the caller runs the function again on Prisma (`prismaOnly`).
 */
function lazyUnit(prisma: PrismaClient, pool: pg.Pool, timeout: number, prismaOnly: boolean) {
  let mode: "open" | "direct" | "prisma" = prismaOnly ? "prisma" : "open";
  let poisoned = false;
  const direct = directTransaction(pool);
  let tx: Promise<Tx> | undefined;
  let outcome: Promise<unknown> | undefined;
  let end: ((e: { result: Outcome } | { error: unknown }) => void) | undefined;
  const prismaTx = () =>
    (tx ??= new Promise<Tx>((resolve, reject) => {
      outcome = prisma.$transaction(
        async (t) => {
          const ended = new Promise<{ result: Outcome } | { error: unknown }>((r) => (end = r));
          resolve(t as unknown as Tx);
          const e = await ended;
          if ("error" in e) throw e.error;
          if (!e.result.ok) throw new Rollback(e.result);
          return e.result;
        },
        { timeout, maxWait: timeout },
      );
      outcome.catch(reject);
    }));
  const raw =
    (kind: "$queryRawUnsafe" | "$executeRawUnsafe") =>
    async (sql: string, ...params: unknown[]): Promise<unknown> => {
      if (mode === "open") mode = "prisma";
      if (poisoned) throw new NeedsPrisma();
      if (mode === "direct") {
        const result = await direct.query(sql, params);
        return kind === "$queryRawUnsafe" ? result.rows : result.rowCount;
      }
      return ((await prismaTx())[kind] as (sql: string, ...params: unknown[]) => Promise<unknown>)(sql, ...params);
    };
  const handle = new Proxy(
    {},
    {
      get(_, key) {
        if (key === "$queryRawUnsafe" || key === "$executeRawUnsafe") return raw(key);
        if (mode === "open") mode = "prisma";
        if (mode === "direct") {
          poisoned = true;
          throw new NeedsPrisma();
        }
        // A model delegate (tx.payout, …): its calls wait for the transaction to start.
        return new Proxy(
          {},
          {
            get:
              (__, method) =>
              async (...args: unknown[]) =>
                (
                  (await prismaTx()) as unknown as Record<
                    PropertyKey,
                    Record<PropertyKey, (...a: unknown[]) => unknown>
                  >
                )[key]![method]!(...args),
          },
        );
      },
    },
  ) as Tx;
  const base = repositoriesFor(handle);
  // The first call to the settlement repository (all raw SQL) makes an open unit direct.
  const settlements = new Proxy(base.settlements, {
    get(target, key) {
      if (mode === "open") mode = "direct";
      return Reflect.get(target, key) as unknown;
    },
  });
  const repositories: Repositories = { ...base, settlements };
  return {
    repositories,
    get poisoned() {
      return poisoned;
    },
    /** Commits a success, rolls back a failure; returns the function's result. */
    async finish<T extends Outcome>(result: T): Promise<T> {
      if (poisoned) throw new NeedsPrisma();
      if (mode === "direct") {
        if (result.ok) await direct.commit();
        else await direct.rollback();
        return result;
      }
      if (!tx) return result;
      await tx;
      end!({ result });
      try {
        return (await outcome) as T;
      } catch (error) {
        if (error instanceof Rollback) return error.value as T;
        throw error;
      }
    },
    /** Rolls back whatever was begun, after a throw. */
    async abort(error: unknown): Promise<void> {
      await direct.rollback();
      if (!tx) return;
      await tx.catch(() => undefined);
      end?.({ error });
      await outcome?.catch(() => undefined);
    },
  };
}

/**
 * Units of work on Prisma. `query`: the database's driver, for reads (`read`) to run their raw
 * statements on without Prisma's per-statement cost; without it, reads go through Prisma too.
 * `pool`: the driver's pool Prisma runs on; with it, a unit of work that starts with the
 * settlement repository (all raw SQL) runs its transaction on the driver (`lazyUnit`).
 */
export function prismaUnitOfWork(
  prisma: PrismaClient,
  options: { timeoutMs?: number; query?: SqlQuery; pool?: pg.Pool } = {},
): UnitOfWork {
  const timeout = options.timeoutMs ?? 15_000;
  const reader = options.query ? directReads(prisma, options.query) : (prisma as unknown as Tx);
  const pool = options.pool;
  const retry = async (error: unknown, attempt: number) => {
    if (attempt >= MAX_ATTEMPTS || !RETRYABLE.test(String((error as Error)?.message ?? error))) throw error;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
  };
  return {
    read: (fn) => fn(repositoriesFor(reader)),
    async run(fn) {
      if (pool) {
        let prismaOnly = false;
        for (let attempt = 1; ; attempt++) {
          const unit = lazyUnit(prisma, pool, timeout, prismaOnly);
          try {
            return await unit.finish(await fn(unit.repositories));
          } catch (error) {
            await unit.abort(error);
            if (error instanceof NeedsPrisma || unit.poisoned) {
              prismaOnly = true;
              attempt--;
              continue;
            }
            await retry(error, attempt);
          }
        }
      }
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
          await retry(error, attempt);
        }
      }
    },
  };
}
