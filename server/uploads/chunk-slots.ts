// Chunks of one upload, and of one person, on their way in at once: each holds a connection and
// a storage write, so a token cannot be used to open hundreds of them.
import type { RateLimiter, Release } from "../rate-limit.js";
import { problem, type Reply } from "./http-io.js";

export interface ChunkSlots {
  /** A slot for one more chunk of `upload`, or the 429 to answer when its owner has enough in flight. */
  take(upload: {
    id: string;
    accountId: string;
  }): Promise<{ ok: true; release: Release } | { ok: false; reply: Reply }>;
}

/** Seconds a refused client is told to wait: about one chunk's time on an ordinary link. */
const RETRY_AFTER_S = 5;

const busy = (message: string): { ok: false; reply: Reply } => ({
  ok: false,
  reply: { ...problem(429, "UPLOAD_CHUNKS_BUSY", message), headers: { "retry-after": String(RETRY_AFTER_S) } },
});

/**
 * Slots from `limiter` (Redis when the servers share one, so every process counts the same
 * chunks), held for `leaseMs` at most: longer than any chunk request may last.
 */
export function chunkSlots(
  limiter: Pick<RateLimiter, "acquire">,
  limits: { perUpload: number; perAccount: number },
  leaseMs: number,
): ChunkSlots {
  return {
    async take(upload) {
      const forUpload = await limiter.acquire(`chunks:upload:${upload.id}`, limits.perUpload, leaseMs);
      if (!forUpload)
        return busy(
          `${limits.perUpload} chunks of this upload are already on their way; send the next when one is done.`,
        );
      const forAccount = await limiter.acquire(`chunks:account:${upload.accountId}`, limits.perAccount, leaseMs);
      if (!forAccount) {
        await forUpload();
        return busy(
          `${limits.perAccount} chunks of your uploads are already on their way; send the next when one is done.`,
        );
      }
      return { ok: true, release: async () => void (await Promise.all([forAccount(), forUpload()])) };
    },
  };
}
