import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Reads chunk `index` (the last one may be short). */
export async function readChunk(path: string, index: number, chunkSize: number, size: number): Promise<Buffer> {
  const start = index * chunkSize;
  const length = Math.max(0, Math.min(chunkSize, size - start));
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, start);
    return buffer;
  } finally {
    await handle.close();
  }
}

/** Indexes 0..count-1 not in `received`. */
export const missingChunks = (count: number, received: readonly number[]): number[] => {
  const have = new Set(received);
  return Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(i));
};
