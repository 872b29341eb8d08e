// The maintenance job's half of expiry: requests already refuse expired uploads; this marks them
// and frees their chunks.
import { chunkPrefix } from "./deps.js";
import type { BlobStorage } from "./storage.js";
import type { UploadRepository, UploadStatus } from "./upload-repository.js";

/** How long a "completing" upload may hold its chunks after its deadline. */
export const COMPLETING_LEASE_MS = 60 * 60_000;

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
      // A complete that is still running keeps its chunks; one stuck "completing" an hour past the
      // deadline belonged to a process that died mid-way, and is expired like the rest.
      const from: UploadStatus[] =
        upload.expiresAt.getTime() < now.getTime() - COMPLETING_LEASE_MS ? ["open", "completing"] : ["open"];
      if (!(await repo.transition(upload.id, from, "expired"))) continue;
      await storage.deletePrefix(chunkPrefix(upload.id));
      purged += 1;
    }
    if (expired.length < batch) return purged;
  }
}
