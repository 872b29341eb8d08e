// A key-value store in Postgres for chat state; structurally a grammY StorageAdapter.
import type { SqlQuery } from "./direct-sql.js";
import type { PrismaClient } from "./generated/client.js";

export interface KeyValueStore<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  /** Reads and deletes in one statement: of two racing callers, only one gets the value. */
  take(key: string): Promise<T | undefined>;
}

type Waiter = { resolve(text: string | undefined): void; reject(error: unknown): void };

/** Reads asked for in the current tick, by the `query` they will run on: key → who waits for it. */
const pendingReads = new WeakMap<SqlQuery, Map<string, Waiter[]>>();

/**
 * A value's JSON text, read together with every other read asked for on the same `query` in the
 * same tick of the event loop (any namespace): one statement for all of them. Concurrent updates
 * read their chat state at once.
 */
function readText(query: SqlQuery, key: string): Promise<string | undefined> {
  let pending = pendingReads.get(query);
  if (!pending) {
    const batch = new Map<string, Waiter[]>();
    pendingReads.set(query, (pending = batch));
    process.nextTick(() => {
      pendingReads.delete(query);
      void readAll(query, batch);
    });
  }
  const waiters = pending.get(key) ?? [];
  pending.set(key, waiters);
  return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
}

async function readAll(query: SqlQuery, batch: Map<string, Waiter[]>): Promise<void> {
  const keys = [...batch.keys()];
  try {
    const rows =
      keys.length === 1
        ? await query<{ key: string; value: string }>(
            `SELECT key, value::text AS value FROM bot_state WHERE key = $1`,
            keys,
          )
        : await query<{ key: string; value: string }>(
            `SELECT key, value::text AS value FROM bot_state WHERE key = ANY($1::text[])`,
            [keys],
          );
    const found = new Map(rows.map((r) => [r.key, r.value]));
    for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
  } catch (error) {
    for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
  }
}

/**
 * One statement per write, values as JSON text; reads made at once share one statement. Chat
 * state is read on every update: give it the driver's own `query` (direct-sql.ts) rather than
 * Prisma's where the database offers one.
 */
export function sqlKeyValueStore<T>(query: SqlQuery, namespace: string): KeyValueStore<T> {
  const id = (key: string) => `${namespace}:${key}`;
  const value = (rows: Array<{ value: string }>) => (rows[0] ? (JSON.parse(rows[0].value) as T) : undefined);
  return {
    async read(key) {
      const text = await readText(query, id(key));
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    async write(key, data) {
      await query(
        `INSERT INTO bot_state (key, value, updated_at) VALUES ($1, $2::jsonb, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [id(key), JSON.stringify(data)],
      );
    },
    async delete(key) {
      await query(`DELETE FROM bot_state WHERE key = $1`, [id(key)]);
    },
    take: async (key) =>
      value(await query(`DELETE FROM bot_state WHERE key = $1 RETURNING value::text AS value`, [id(key)])),
  };
}

/**
 * Deletes a namespace's entries last written before `before` (wizards nobody came back to);
 * returns how many.
 */
export async function purgeKeyValues(query: SqlQuery, namespace: string, before: Date): Promise<number> {
  const rows = await query<{ key: string }>(
    `DELETE FROM bot_state WHERE starts_with(key, $1) AND updated_at < $2 RETURNING key`,
    [`${namespace}:`, before],
  );
  return rows.length;
}

/** The same store through Prisma's raw statements. */
export const prismaKeyValueStore = <T>(prisma: PrismaClient, namespace: string): KeyValueStore<T> =>
  sqlKeyValueStore<T>((sql, params) => prisma.$queryRawUnsafe(sql, ...params), namespace);
