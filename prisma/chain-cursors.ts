// Where each payment watcher stopped, per watched address.
import type { PrismaClient } from "./generated/client.js";

export const prismaCursorStore = (prisma: PrismaClient) => ({
  async get(address: string): Promise<string | null> {
    return (await prisma.chainCursor.findUnique({ where: { address } }))?.signature ?? null;
  },
  async set(address: string, signature: string): Promise<void> {
    await prisma.chainCursor.upsert({
      where: { address },
      create: { address, signature, updatedAt: new Date() },
      update: { signature, updatedAt: new Date() },
    });
  },
});
