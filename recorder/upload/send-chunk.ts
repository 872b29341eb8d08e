import { environmentError } from "../cli/cli-error.js";
import { ApiRejection, rejection, type ForgeApi } from "./api-client.js";
import { sha256 } from "./file-chunks.js";

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500 };

/** Statuses worth another try: timeouts, throttling, server trouble, a corrupted chunk. */
const RETRYABLE = new Set([408, 422, 425, 429, 500, 502, 503, 504]);

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * PUTs one chunk with its sha256, retrying network failures and retryable statuses with
 * exponential backoff. Other refusals (expired token, unknown upload) are not retried.
 */
export async function sendChunk(
  api: ForgeApi,
  target: { uploadId: string; uploadToken: string; index: number },
  bytes: Buffer,
  retry: RetryPolicy,
): Promise<void> {
  const path = `api/uploads/${encodeURIComponent(target.uploadId)}/chunks/${target.index}`;
  const headers = {
    authorization: `Bearer ${target.uploadToken}`,
    "content-type": "application/octet-stream",
    "x-chunk-sha256": sha256(bytes),
  };
  let lastError: unknown;
  for (let attempt = 0; attempt < retry.attempts; attempt += 1) {
    if (attempt > 0) await (retry.sleep ?? delay)(retry.baseDelayMs * 2 ** (attempt - 1));
    try {
      const response = await api.send("PUT", path, { headers, body: bytes });
      if (response.ok) {
        await response.arrayBuffer();
        return;
      }
      const error = rejection(response.status, await response.json().catch(() => null));
      if (!RETRYABLE.has(response.status)) throw error;
      lastError = error;
    } catch (error) {
      if (error instanceof ApiRejection && !RETRYABLE.has(error.status)) throw error;
      lastError = error;
    }
  }
  throw environmentError(`chunk ${target.index} failed ${retry.attempts} times`, lastError);
}
