// DELETE /api/uploads/:id: the person gives up; the token is spent and the chunks deleted.
import { authorizeUpload, notOpen } from "./authorize.js";
import { chunkPrefix, type UploadRoutesDeps } from "./deps.js";
import { problem, type Reply } from "./http-io.js";

/** Fails with UPLOAD_UNAUTHORIZED, UPLOAD_EXPIRED or UPLOAD_NOT_OPEN. */
export async function cancelUpload(
  deps: UploadRoutesDeps,
  authorization: string | undefined,
  id: string,
): Promise<Reply> {
  const auth = await authorizeUpload(deps, authorization, id);
  if (!auth.ok) return auth.reply;
  const closed = notOpen(auth.value, deps.now());
  if (closed) return closed;
  if (!(await deps.repo.transition(id, ["open"], "cancelled")))
    return problem(409, "UPLOAD_NOT_OPEN", "This upload was completed or cancelled meanwhile.");
  await deps.storage.deletePrefix(chunkPrefix(id));
  deps.logger.info({ uploadId: id }, "upload cancelled");
  return { status: 204 };
}
