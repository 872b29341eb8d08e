// The maintenance job's half of expiry: requests already refuse expired uploads; this marks them
// and frees their chunks.
import { chunkPrefix } from "./deps.js";
import type { BlobStorage } from "./storage.js";
import type { UploadRepository } from "./upload-repository.js";

/** Expires uploads past their deadline (in batches) and deletes their chunks; returns how many. */
export async function purgeExpiredUploads(
  repo: UploadRepository,
  storage: BlobStorage,
  now: Date,
  batch = 100,
): Promise<number> {
  let purged = 0;
  for (;;) {
    const expired = await repo.listExpired(now, batch);
    for (const upload of expired) {
      // A complete that is still running keeps its chunks until it finishes or fails.
      if (!(await repo.transition(upload.id, ["open", "completing"], "expired"))) continue;
      await storage.deletePrefix(chunkPrefix(upload.id));
      purged += 1;
    }
    if (expired.length < batch) return purged;
  }
}
