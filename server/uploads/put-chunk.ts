// PUT /api/uploads/:id/chunks/:index: one chunk, streamed to storage while its size and sha256
// are checked; storage keeps it only if both match (a refused chunk is never stored). Only a
// network read's worth of it is in memory at a time.
import { createHash } from "node:crypto";
import { finished, Transform, type Readable } from "node:stream";
import { z } from "zod";
import { authorizeUpload, notOpen } from "./authorize.js";
import type { ChunkSlots } from "./chunk-slots.js";
import { chunkKey, type UploadRoutesDeps } from "./deps.js";
import { problem, type Reply } from "./http-io.js";

export const ChunkSha = z
  .string({ error: "send the chunk's sha256 in hex" })
  .regex(/^[0-9a-fA-F]{64}$/, "send the chunk's sha256 in hex")
  .transform((s) => s.toLowerCase());

export interface ChunkRequest {
  readonly authorization?: string;
  readonly id: string;
  readonly index: number;
  /** The chunk's sha256 in lower-case hex, as the client declared it. */
  readonly sha256: string;
  /** The Content-Length, when the client sent one. */
  readonly length?: number;
  /** The request body, not read yet. */
  readonly body: Readable;
}

/**
 * Stores a chunk; re-sending one is harmless. Fails with UPLOAD_UNAUTHORIZED, UPLOAD_EXPIRED,
 * UPLOAD_NOT_OPEN, UPLOAD_CHUNK_INDEX, UPLOAD_CHUNK_SIZE, UPLOAD_CHUNKS_BUSY (too many in flight
 * at once, from `slots`) or UPLOAD_CHUNK_CHECKSUM; null when the client went away mid-chunk (it
 * resumes later).
 */
export async function putChunk(
  deps: UploadRoutesDeps,
  request: ChunkRequest,
  slots: ChunkSlots,
): Promise<Reply | null> {
  const auth = await authorizeUpload(deps, request.authorization, request.id);
  if (!auth.ok) return auth.reply;
  const upload = auth.value;
  const closed = notOpen(upload, deps.now());
  if (closed) return closed;
  const { index } = request;
  if (index >= upload.chunkCount)
    return problem(422, "UPLOAD_CHUNK_INDEX", `Chunk ${index} is past the last chunk (${upload.chunkCount - 1}).`);
  const expected = index < upload.chunkCount - 1 ? upload.chunkSize : upload.size - upload.chunkSize * index;
  const wrongSize = problem(422, "UPLOAD_CHUNK_SIZE", `Chunk ${index} must be exactly ${expected} bytes.`);
  if (request.length !== undefined && request.length !== expected) return wrongSize;
  const slot = await slots.take(upload);
  if (!slot.ok) return slot.reply;
  try {
    await deps.storage.put(chunkKey(upload.id, index), checkedStream(request.body, expected, request.sha256), expected);
  } catch (error) {
    if (error instanceof ChunkRefused)
      return error.reason === "size"
        ? wrongSize
        : problem(422, "UPLOAD_CHUNK_CHECKSUM", `Chunk ${index} arrived damaged (sha256 differs); send it again.`);
    if (request.body.errored) return null; // the client went away; storage kept nothing
    throw error;
  } finally {
    await slot.release();
  }
  await deps.repo.recordChunk(upload.id, { index, sha256: request.sha256, size: expected });
  return { status: 204 };
}

class ChunkRefused extends Error {
  constructor(readonly reason: "size" | "checksum") {
    super(`chunk refused: ${reason}`);
  }
}

/**
 * `body` as it arrives, failing (before its end, so storage keeps nothing) when it is longer or
 * shorter than `size` or its sha256 differs. The last piece is held back until the sha256 is
 * known: storage that commits once it has `size` bytes (an S3 PUT) never gets them all from a
 * damaged chunk. A refusal leaves `body` unread, not destroyed: the reply still goes out on its
 * connection.
 */
function checkedStream(body: Readable, size: number, sha256: string): Transform {
  const hash = createHash("sha256");
  let seen = 0;
  let held: Buffer | undefined;
  const checked = new Transform({
    transform(data: Buffer, _encoding, done) {
      seen += data.length;
      if (seen > size) return done(new ChunkRefused("size"));
      hash.update(data);
      const previous = held;
      held = data;
      done(null, previous);
    },
    flush(done) {
      if (seen !== size) return done(new ChunkRefused("size"));
      if (hash.digest("hex") !== sha256) return done(new ChunkRefused("checksum"));
      done(null, held);
    },
  });
  body.pipe(checked);
  checked.on("error", () => body.unpipe(checked));
  // The client going away mid-chunk fails the write too.
  finished(body, (error) => error && checked.destroy(error));
  return checked;
}
