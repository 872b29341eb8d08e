// Bearer secrets for recorders, uploads, admin sign-ins and the creator dashboard: random, shown
// once, stored only as their sha256.
import { createHash, randomBytes } from "node:crypto";

export type TokenKind = "device" | "upload" | "admin-login" | "admin-session" | "app-login" | "app-session";
const PREFIX: Record<TokenKind, string> = {
  device: "fdt_",
  upload: "fut_",
  "admin-login": "fal_",
  "admin-session": "fas_",
  "app-login": "fml_",
  "app-session": "fms_",
};

/** A new secret (256 random bits) with a prefix that says what it is when it leaks into a log. */
export const newToken = (kind: TokenKind): string => PREFIX[kind] + randomBytes(32).toString("base64url");

/** The stored form; lookups by this hash avoid comparing secrets byte by byte in our code. */
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export const isToken = (kind: TokenKind, value: string | null): value is string =>
  value !== null && value.startsWith(PREFIX[kind]) && /^[a-z]{3}_[A-Za-z0-9_-]{43}$/.test(value);
