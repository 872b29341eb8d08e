// POST /api/recorder/logout: the recorder gives up its device token (forge logout).
import type { UploadRoutesDeps } from "./deps.js";
import { bearer, problem, type Reply } from "./http-io.js";
import { hashToken, isToken } from "../tokens.js";

/**
 * Revokes the bearer device token, idle-expired or not. Idempotent: a token already revoked gets
 * the same 200, so a retried logout after a lost reply reads as done. UPLOAD_UNAUTHORIZED only
 * for a token this server never issued.
 */
export async function logoutRecorder(
  deps: Pick<UploadRoutesDeps, "repo" | "now" | "logger">,
  authorization: string | undefined,
): Promise<Reply> {
  const token = bearer(authorization);
  const tokenHash = isToken("device", token) ? hashToken(token) : null;
  const device = tokenHash ? await deps.repo.findDevice(tokenHash) : null;
  if (!tokenHash || !device)
    return problem(401, "UPLOAD_UNAUTHORIZED", "This is not a device token of this server; nothing to revoke.");
  if (await deps.repo.revokeDevice(tokenHash, deps.now()))
    deps.logger.info({ accountId: device.accountId, deviceId: device.id }, "recorder logged out");
  return { status: 200, body: { revoked: true } };
}
