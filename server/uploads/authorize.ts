// Who is calling: a paired recorder (device token) or the holder of one upload's token.
import { DEVICE_IDLE_DAYS } from "../../core/ports/devices.js";
import type { UploadRoutesDeps } from "./deps.js";
import { bearer, problem, type Reply } from "./http-io.js";
import { hashToken, isToken } from "../tokens.js";
import type { RecorderDevice, UploadSession } from "./upload-repository.js";

type Authorized<T> = { ok: true; value: T } | { ok: false; reply: Reply };

const refused = (message: string): { ok: false; reply: Reply } => ({
  ok: false,
  reply: problem(401, "UPLOAD_UNAUTHORIZED", message),
});

/** A device token stops working after this long without use (UPLOAD_DEVICE_EXPIRED); see DEVICE_IDLE_DAYS. */
export const DEVICE_IDLE_MS = DEVICE_IDLE_DAYS * 24 * 60 * 60_000;
/** last_used_at is written at most this often per device: an upload's chunks do not each write. */
export const DEVICE_TOUCH_EVERY_MS = 60 * 60_000;

/** True once a device went DEVICE_IDLE_MS without use (since pairing, if it was never used). */
export const deviceExpired = (device: Pick<RecorderDevice, "createdAt" | "lastUsedAt">, now: Date): boolean =>
  now.getTime() - (device.lastUsedAt ?? device.createdAt).getTime() > DEVICE_IDLE_MS;

/** The account of a paired, unrevoked, recently used recorder, from the request's Authorization header. */
export async function authorizeDevice(
  deps: Pick<UploadRoutesDeps, "repo" | "now">,
  authorization: string | undefined,
): Promise<Authorized<{ accountId: string }>> {
  const token = bearer(authorization);
  if (!isToken("device", token)) return refused("Sign in first: run `forge login <code>` with a code from the bot.");
  const tokenHash = hashToken(token);
  const device = await deps.repo.findDevice(tokenHash);
  if (!device || device.revokedAt)
    return refused("This recorder is not paired (or was unpaired); run `forge login` again.");
  const now = deps.now();
  if (deviceExpired(device, now))
    return {
      ok: false,
      reply: problem(
        401,
        "UPLOAD_DEVICE_EXPIRED",
        `This recorder was not used for ${DEVICE_IDLE_DAYS} days, so its sign-in expired; get a new code from the bot (/browse, then a task) and run \`forge login <code>\`.`,
      ),
    };
  if (!device.lastUsedAt || now.getTime() - device.lastUsedAt.getTime() >= DEVICE_TOUCH_EVERY_MS)
    await deps.repo.touchDevice(tokenHash, now, new Date(now.getTime() - DEVICE_TOUCH_EVERY_MS));
  return { ok: true, value: { accountId: device.accountId } };
}

/** The upload that the bearer upload token was issued for, which must be `uploadId`. */
export async function authorizeUpload(
  deps: Pick<UploadRoutesDeps, "repo">,
  authorization: string | undefined,
  uploadId: string,
): Promise<Authorized<UploadSession>> {
  const token = bearer(authorization);
  const upload = isToken("upload", token) ? await deps.repo.findUploadByToken(hashToken(token)) : null;
  // One answer for "no such token" and "someone else's upload": nothing to learn by probing.
  if (!upload || upload.id !== uploadId) return refused("This upload token is not valid for this upload.");
  return { ok: true, value: upload };
}

/** What the client sees: "completing" is still "open" to it; past its expiry it is "expired". */
export function visibleStatus(upload: UploadSession, now: Date): "open" | "completed" | "cancelled" | "expired" {
  if ((upload.status === "open" || upload.status === "completing") && upload.expiresAt <= now) return "expired";
  return upload.status === "completing" ? "open" : upload.status;
}

/** The refusal for acting on an upload that is not open, or null when it is. */
export function notOpen(upload: UploadSession, now: Date): Reply | null {
  const status = visibleStatus(upload, now);
  if (status === "expired") return problem(410, "UPLOAD_EXPIRED", "This upload expired; start a new one.");
  if (status !== "open" || upload.status === "completing")
    return problem(409, "UPLOAD_NOT_OPEN", `This upload is ${upload.status}; its token cannot be used again.`);
  return null;
}
