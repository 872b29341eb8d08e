// Download links for dataset exports: the export id and an expiry, signed with HMAC-SHA256 by a
// key only the platform holds. Whoever has the link may download until it expires (it is handed
// to the factory's owner in chat); changing the id, the expiry or the signature breaks it.
import { createHmac, timingSafeEqual } from "node:crypto";

export const DATASET_LINK_PATH = "/datasets";

const signature = (secret: string, exportId: string, exp: number) =>
  createHmac("sha256", secret).update(`dataset-download\0${exportId}\0${exp}`).digest("base64url");

/** A link to download the export until `expiresAt` (seconds resolution). */
export function datasetLink(options: { publicUrl: string; secret: string; exportId: string; expiresAt: Date }): string {
  const exp = Math.floor(options.expiresAt.getTime() / 1000);
  const base = options.publicUrl.replace(/\/+$/, "");
  const sig = signature(options.secret, options.exportId, exp);
  return `${base}${DATASET_LINK_PATH}/${encodeURIComponent(options.exportId)}?exp=${exp}&sig=${sig}`;
}

/** Whether the link's signature is this export's and it has not expired at `now`. */
export function verifyDatasetLink(
  secret: string,
  link: { exportId: string; exp: number; sig: string },
  now: Date,
): boolean {
  if (link.exp * 1000 <= now.getTime()) return false;
  const expected = Buffer.from(signature(secret, link.exportId, link.exp));
  const given = Buffer.from(link.sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
