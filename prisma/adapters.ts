// Driver adapters: embedded PGlite by default, a Postgres server when a URL is given.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";

const PG_TYPE_NAME = 19;
const PG_TYPE_TEXT = 25;

/**
 * adapter-pg 6.19 cannot map catalog columns of type `name` (oid 19), which `prisma migrate`
 * reads; reporting them as text is exact, since `name` is text limited to 63 bytes.
 */
function reportNameColumnsAsText(result: unknown): void {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as Array<{ fields?: Array<{ dataTypeID: number }> }>) {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === PG_TYPE_NAME) field.dataTypeID = PG_TYPE_TEXT;
    }
  }
}

function patchClient(client: pg.PoolClient): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const callback = last as (err: unknown, res: unknown) => void;
      return original(...args.slice(0, -1), (err: unknown, res: unknown) => {
        if (!err) reportNameColumnsAsText(res);
        callback(err, res);
      });
    }
    const out = original(...args);
    if (out && typeof (out as Promise<unknown>).then === "function") {
      return (out as Promise<unknown>).then((res) => {
        reportNameColumnsAsText(res);
        return res;
      });
    }
    return out;
  };
}

export function createPgPool(url: string, max = 10, onIdleError: (error: Error) => void = () => undefined): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on("connect", patchClient);
  // An idle connection dropped by the server (a restart, a failover) must not take the process
  // down: the pool discards it and the next query opens a new one. Worth a (throttled) log line.
  pool.on("error", onIdleError);
  return pool;
}

export function openPGlite(dataDir: string | undefined): PGlite {
  if (!dataDir) return new PGlite();
  const dir = join(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  return new PGlite(dir);
}

/**
 * A PGlite folder must be opened by one process at a time (two would corrupt it). The lock
 * file holds the owner's pid; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "pglite.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: "wx" });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(path, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner))
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner}. Stop it, use another DATA_DIR, or set DATABASE_URL to share a Postgres server between processes.`,
        );
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * pglite-prisma-adapter 0.6 declares an older @prisma/driver-adapter-utils; its runtime
 * shape matches 6.19's (same argTypes), so it is typed as the pg adapter's factory.
 */
export const pgliteAdapter = (db: PGlite): PrismaPg => new PrismaPGlite(db) as unknown as PrismaPg;

/** The adapter the Prisma CLI uses (prisma.config.ts). */
export function openDriverAdapter(url: string | undefined, dataDir: string): PrismaPg {
  return url ? new PrismaPg(createPgPool(url)) : pgliteAdapter(openPGlite(dataDir));
}
