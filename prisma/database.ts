// Opens the database: embedded PGlite (a data folder, or memory) unless a Postgres URL is
// given; applies migrations first; returns a Prisma client on the same connection(s).
import { pgliteQuery, poolQuery, type SqlQuery } from "./direct-sql.js";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { createPgPool, lockDataDir, openPGlite, pgliteAdapter } from "./adapters.js";
import { PrismaClient } from "./generated/client.js";
import { migrate, type SqlSession } from "./migrate.js";

export type DatabaseOptions =
  | {
      readonly kind: "postgres";
      readonly url: string;
      readonly poolSize?: number;
      /** An idle connection failed (the server restarted, say); the pool has already replaced it. */
      readonly onConnectionError?: (error: Error) => void;
    }
  | { readonly kind: "pglite"; /** A folder, or undefined for an in-memory database. */ readonly dataDir?: string };

export interface Database {
  readonly kind: DatabaseOptions["kind"];
  readonly prisma: PrismaClient;
  /** The driver itself, for reads and chat state without Prisma's per-statement cost (direct-sql.ts). */
  readonly query: SqlQuery;
  /** The driver's pool Prisma runs on (Postgres only): settling transactions run on it directly. */
  readonly pool?: pg.Pool;
  /** Migrations applied by this open. */
  readonly migrated: readonly string[];
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === "postgres"
    ? openPostgres(options.url, options.poolSize, options.onConnectionError)
    : openEmbedded(options.dataDir);
}

async function openPostgres(url: string, poolSize = 10, onConnectionError?: (error: Error) => void): Promise<Database> {
  const pool = createPgPool(url, poolSize, onConnectionError);
  try {
    const client = await pool.connect();
    let migrated: string[];
    try {
      migrated = await migrate(pgSession(client));
    } finally {
      client.release();
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      kind: "postgres",
      prisma,
      query: poolQuery(pool),
      pool,
      migrated,
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

async function openEmbedded(dataDir: string | undefined): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  const db = openPGlite(dataDir);
  let migrated: string[];
  try {
    await db.waitReady;
    migrated = await migrate(pgliteSession(db));
  } catch (error) {
    await db.close().catch(() => undefined);
    unlock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: pgliteAdapter(db) });
  return {
    kind: "pglite",
    prisma,
    query: pgliteQuery(db),
    migrated,
    close: async () => {
      await prisma.$disconnect();
      await db.close();
      unlock();
    },
  };
}

const pgSession = (client: pg.PoolClient): SqlSession => ({
  exec: async (sql) => {
    await client.query(sql);
  },
  query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
});

const pgliteSession = (db: PGlite): SqlSession => ({
  exec: async (sql) => {
    await db.exec(sql);
  },
  query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
});
