// The stores a contract suite runs against: in-memory, PGlite, and (where available) a
// fresh database on the Postgres server from global setup.
import { inject } from "vitest";
import type { UnitOfWork } from "../../core/ports/repositories.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { MemoryStore } from "./memory-store.js";
import { createTestDatabase } from "./postgres-server.js";

export { createTestDatabase };

export interface StoreUnderTest {
  readonly uow: UnitOfWork;
  readonly db: Database | null;
  close(): Promise<void>;
}

export type StoreKind = "memory" | "pglite" | "postgres";

export const postgresUrl = (): string => inject("postgresUrl");

export async function openStore(kind: StoreKind, options: { poolSize?: number } = {}): Promise<StoreUnderTest> {
  if (kind === "memory") return { uow: new MemoryStore(), db: null, close: async () => undefined };
  const db =
    kind === "pglite"
      ? await openDatabase({ kind: "pglite" })
      : await openDatabase({
          kind: "postgres",
          url: await createTestDatabase(postgresUrl()),
          poolSize: options.poolSize,
        });
  return { uow: prismaUnitOfWork(db.prisma, { query: db.query, pool: db.pool }), db, close: () => db.close() };
}

/** The kinds to run here: Postgres only where a server is available. */
export const storeKinds = (): StoreKind[] => (postgresUrl() ? ["memory", "pglite", "postgres"] : ["memory", "pglite"]);
