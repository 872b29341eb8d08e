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

/**
 * One statement per call, values as JSON text. Chat state is read on every update: give it the
 * driver's own `query` (direct-sql.ts) rather than Prisma's where the database offers one.
 */
export function sqlKeyValueStore<T>(query: SqlQuery, namespace: string): KeyValueStore<T> {
  const id = (key: string) => `${namespace}:${key}`;
  const value = (rows: Array<{ value: string }>) => (rows[0] ? (JSON.parse(rows[0].value) as T) : undefined);
  return {
    read: async (key) => value(await query(`SELECT value::text AS value FROM bot_state WHERE key = $1`, [id(key)])),
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

/** The same store through Prisma's raw statements. */
export const prismaKeyValueStore = <T>(prisma: PrismaClient, namespace: string): KeyValueStore<T> =>
  sqlKeyValueStore<T>((sql, params) => prisma.$queryRawUnsafe(sql, ...params), namespace);
