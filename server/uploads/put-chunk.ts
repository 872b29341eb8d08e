// PUT /api/uploads/:id/chunks/:index: one chunk, checked against its size and sha256.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { authorizeUpload, notOpen } from "./authorize.js";
import { chunkKey, type UploadRoutesDeps } from "./deps.js";
import { problem, readBody, type Reply } from "./http-io.js";

const ChunkSha = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/)
  .transform((s) => s.toLowerCase());

/**
 * Stores a chunk; re-sending one is harmless. Fails with UPLOAD_UNAUTHORIZED, UPLOAD_EXPIRED,
 * UPLOAD_NOT_OPEN, UPLOAD_CHUNK_INDEX, UPLOAD_CHUNK_SIZE or UPLOAD_CHUNK_CHECKSUM.
 */
export async function putChunk(
  deps: UploadRoutesDeps,
  req: IncomingMessage,
  params: { id: string; index: number },
): Promise<Reply | null> {
  const auth = await authorizeUpload(deps, req, params.id);
  if (!auth.ok) return auth.reply;
  const upload = auth.value;
  const closed = notOpen(upload, deps.now());
  if (closed) return closed;
  if (params.index >= upload.chunkCount)
    return problem(
      422,
      "UPLOAD_CHUNK_INDEX",
      `Chunk ${params.index} is past the last chunk (${upload.chunkCount - 1}).`,
    );
  const declared = ChunkSha.safeParse(req.headers["x-chunk-sha256"]);
  if (!declared.success) return problem(400, "UPLOAD_BAD_REQUEST", "Send the chunk's sha256 in hex in x-chunk-sha256.");
  const expected =
    params.index < upload.chunkCount - 1 ? upload.chunkSize : upload.size - upload.chunkSize * (upload.chunkCount - 1);
  const read = await readBody(req, expected);
  if (!read.ok && read.reason === "aborted") return null; // the client went away; it will resume
  if (!read.ok || read.body.length !== expected)
    return problem(422, "UPLOAD_CHUNK_SIZE", `Chunk ${params.index} must be exactly ${expected} bytes.`);
  const sha256 = createHash("sha256").update(read.body).digest("hex");
  if (sha256 !== declared.data)
    return problem(
      422,
      "UPLOAD_CHUNK_CHECKSUM",
      `Chunk ${params.index} arrived damaged (sha256 differs); send it again.`,
    );
  await deps.storage.put(chunkKey(upload.id, params.index), read.body);
  await deps.repo.recordChunk(upload.id, { index: params.index, sha256, size: expected });
  return { status: 204 };
}
