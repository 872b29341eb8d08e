// POST /api/uploads/:id/complete: assemble, verify, unpack and hand the recording over.
//
// Only one request can complete an upload: it first moves the row open → completing with a
// conditional UPDATE. A bad file (checksum, archive, meta, intake refusal) cancels the upload and
// deletes its chunks: re-sending the same bytes cannot fix it, and keeping hostile bytes around
// helps no one. An infrastructure failure (storage or intake throwing) puts it back to open so
// the client may retry complete.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { assembleChunks } from "./assemble-chunks.js";
import { authorizeUpload, notOpen } from "./authorize.js";
import { chunkPrefix, type IntakeResult, type UploadRoutesDeps } from "./deps.js";
import { problem, type Reply } from "./http-io.js";
import { ingestArchive } from "./ingest-archive.js";
import type { UploadSession } from "./upload-repository.js";

/**
 * Fails with UPLOAD_UNAUTHORIZED, UPLOAD_EXPIRED, UPLOAD_NOT_OPEN, UPLOAD_INCOMPLETE,
 * UPLOAD_CHECKSUM, the ARCHIVE_* codes, or the intake's codes.
 */
export async function completeUpload(
  deps: UploadRoutesDeps,
  authorization: string | undefined,
  id: string,
): Promise<Reply> {
  const auth = await authorizeUpload(deps, authorization, id);
  if (!auth.ok) return auth.reply;
  const upload = auth.value;
  const closed = notOpen(upload, deps.now());
  if (closed) return closed;
  const have = new Set((await deps.repo.listChunks(id)).map((c) => c.index));
  const missing = Array.from({ length: upload.chunkCount }, (_, i) => i).filter((i) => !have.has(i));
  if (missing.length)
    return problem(
      409,
      "UPLOAD_INCOMPLETE",
      `${missing.length} chunk(s) missing, first #${missing[0]}; send them first.`,
    );
  if (!(await deps.repo.transition(id, ["open"], "completing")))
    return problem(409, "UPLOAD_NOT_OPEN", "This upload is already being completed, or was completed or cancelled.");
  let outcome: IntakeResult;
  try {
    outcome = await verifyAndIngest(deps, upload);
  } catch (error) {
    await deps.repo.transition(id, ["completing"], "open");
    throw error;
  }
  if (!outcome.ok) {
    await deps.repo.transition(id, ["completing"], "cancelled");
    await deps.storage.deletePrefix(chunkPrefix(id));
    deps.logger.warn({ uploadId: id, code: outcome.code }, "upload rejected");
    return problem(422, outcome.code, outcome.message);
  }
  await deps.repo.transition(id, ["completing"], "completed", {
    completedAt: deps.now(),
    recordingId: outcome.recordingId,
  });
  await deps.storage.deletePrefix(chunkPrefix(id));
  deps.logger.info({ uploadId: id, recordingId: outcome.recordingId }, "upload completed");
  return { status: 200, body: { recordingId: outcome.recordingId, status: "accepted" } };
}

async function verifyAndIngest(deps: UploadRoutesDeps, upload: UploadSession): Promise<IntakeResult> {
  await mkdir(deps.workDir, { recursive: true });
  const dir = await mkdtemp(join(deps.workDir, "upload-"));
  try {
    const zipPath = join(dir, "archive.zip");
    const whole = await assembleChunks(deps.storage, upload.id, upload.chunkCount, zipPath);
    if (whole.size !== upload.size || whole.sha256 !== upload.sha256)
      return {
        ok: false,
        code: "UPLOAD_CHECKSUM",
        message: "The assembled file's sha256 differs from the one declared.",
      };
    const { accountId, factoryId, taskId } = upload;
    return await ingestArchive(deps, { accountId, factoryId, taskId, uploadId: upload.id, zipPath });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
