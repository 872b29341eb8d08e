// A key-value store in Postgres for chat state; structurally a grammY StorageAdapter.
import type { PrismaClient } from "./generated/client.js";

export interface KeyValueStore<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

export function prismaKeyValueStore<T>(prisma: PrismaClient, namespace: string): KeyValueStore<T> {
  const id = (key: string) => `${namespace}:${key}`;
  return {
    async read(key) {
      const row = await prisma.botState.findUnique({ where: { key: id(key) } });
      return row ? (row.value as T) : undefined;
    },
    async write(key, value) {
      const json = value as object;
      await prisma.botState.upsert({
        where: { key: id(key) },
        create: { key: id(key), value: json },
        update: { value: json, updatedAt: new Date() },
      });
    },
    async delete(key) {
      await prisma.botState.deleteMany({ where: { key: id(key) } });
    },
  };
}
