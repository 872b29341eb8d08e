// GET /api/uploads/:id: what the server has, so that an interrupted upload can resume.
import { authorizeUpload, visibleStatus } from "./authorize.js";
import type { UploadRoutesDeps } from "./deps.js";
import type { Reply } from "./http-io.js";

/** The upload's status and received chunk indexes; UPLOAD_UNAUTHORIZED for a wrong token. */
export async function uploadStatus(
  deps: UploadRoutesDeps,
  authorization: string | undefined,
  id: string,
): Promise<Reply> {
  const auth = await authorizeUpload(deps, authorization, id);
  if (!auth.ok) return auth.reply;
  const upload = auth.value;
  const received = (await deps.repo.listChunks(upload.id)).map((c) => c.index);
  const { chunkSize, chunkCount, size, recordingId } = upload;
  return {
    status: 200,
    body: {
      status: visibleStatus(upload, deps.now()),
      received,
      chunkSize,
      chunkCount,
      size,
      expiresAt: upload.expiresAt.toISOString(),
      ...(recordingId ? { recordingId } : {}),
    },
  };
}
