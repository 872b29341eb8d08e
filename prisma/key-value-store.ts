// A key-value store in Postgres for chat state; structurally a grammY StorageAdapter.
import type { PrismaClient } from "./generated/client.js";

export interface KeyValueStore<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  /** Reads and deletes in one statement: of two racing callers, only one gets the value. */
  take(key: string): Promise<T | undefined>;
}

/** One statement per call (raw SQL: chat state is read on every update). */
export function prismaKeyValueStore<T>(prisma: PrismaClient, namespace: string): KeyValueStore<T> {
  const id = (key: string) => `${namespace}:${key}`;
  return {
    async read(key) {
      const rows = await prisma.$queryRawUnsafe<Array<{ value: string }>>(
        `SELECT value::text AS value FROM bot_state WHERE key = $1`,
        id(key),
      );
      return rows[0] ? (JSON.parse(rows[0].value) as T) : undefined;
    },
    async write(key, value) {
      await prisma.$executeRawUnsafe(
        `INSERT INTO bot_state (key, value, updated_at) VALUES ($1, $2::jsonb, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        id(key),
        JSON.stringify(value),
      );
    },
    async delete(key) {
      await prisma.$executeRawUnsafe(`DELETE FROM bot_state WHERE key = $1`, id(key));
    },
    async take(key) {
      const rows = await prisma.$queryRawUnsafe<Array<{ value: string }>>(
        `DELETE FROM bot_state WHERE key = $1 RETURNING value::text AS value`,
        id(key),
      );
      return rows[0] ? (JSON.parse(rows[0].value) as T) : undefined;
    },
  };
}
