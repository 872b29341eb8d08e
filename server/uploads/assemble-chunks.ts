// Joins an upload's chunks, in order, into one file while hashing it.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { chunkKey } from "./deps.js";
import type { BlobStorage } from "./storage.js";

/** Writes chunks 0..count-1 to `target`; returns the size and sha256 of what was written. */
export async function assembleChunks(
  storage: BlobStorage,
  uploadId: string,
  count: number,
  target: string,
): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  const out = createWriteStream(target, { flags: "wx" });
  try {
    for (let index = 0; index < count; index++) {
      const chunk = await storage.get(chunkKey(uploadId, index));
      if (!chunk) throw new Error(`chunk ${index} of upload ${uploadId} is missing from storage`);
      const tap = new Transform({
        transform(data: Buffer, _enc, done) {
          hash.update(data);
          size += data.length;
          done(null, data);
        },
      });
      await pipeline(chunk, tap, out, { end: false });
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  return { size, sha256: hash.digest("hex") };
}
