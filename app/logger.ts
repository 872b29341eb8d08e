import { pino, type DestinationStream, type Logger } from "pino";
import { SECRET_KEYS } from "../config/env.js";

export type { Logger };

/**
 * Structured JSON logs; secrets are redacted wherever they appear under these keys, and errors
 * (under `err`, `error` or `cause`) are reduced to what an operator needs: see {@link serializeError}.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const keys = [...SECRET_KEYS, "token", "secret", "password", "privateKey", "keypair", "authorization"];
  const options = {
    level,
    redact: { paths: [...keys, ...keys.map((k) => `*.${k}`)], censor: "[redacted]" },
    serializers: {
      err: serializeError,
      error: serializeError,
      cause: serializeError,
      msg: (msg: unknown) => (typeof msg === "string" ? scrubSecrets(msg) : msg),
    },
    base: { pid: process.pid },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A bot token inside a Bot API URL (`/bot<token>/`, `/file/bot<token>/`), then on its own. */
const TOKEN_IN_URL = /\/bot\d+:[^/\s?#"']+/g;
const BOT_TOKEN = /\d+:[A-Za-z0-9_-]{30,}/g;

/** Replaces bot tokens in a text (an error message, a stack) by "[redacted]". */
export const scrubSecrets = (text: string): string =>
  text.replace(TOKEN_IN_URL, "/bot[redacted]").replace(BOT_TOKEN, "[redacted]");

/** Fields of an error worth a log line: codes and the Bot API's answer, never a request body. */
const KEPT = [
  ...["code", "errno", "syscall", "status", "statusCode"],
  ...["method", "error_code", "description"], // a GrammyError: which call, and the Bot API's answer
  ...["constraint", "table", "column"], // a Postgres error: names, where `detail` would quote values
] as const;
/** Entries of a DomainError's context that name things rather than quote what a person typed. */
const CONTEXT_KEPT = /Id$|^(status|reason|limit|min|purpose|platform)$/;

const isPrimitive = (v: unknown): v is string | number | boolean =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/**
 * An error as a log line shows it: its type, message, codes (a GrammyError's method, error_code
 * and description; a system error's code) and stack, with bot tokens scrubbed, and its `cause`
 * and `error` (an HttpError's network failure) alike. Everything else is dropped: a GrammyError's
 * `payload` (the message we tried to send: a pairing code, say), request bodies, a grammY
 * context or update (people's names and what they typed).
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (value === null || typeof value !== "object") return value;
  const e = value as Record<string, unknown>;
  const type = typeof e.constructor === "function" && e.constructor.name ? e.constructor.name : "Object";
  // Something thrown that is not an error (a plain object): only what it is.
  if (typeof e.message !== "string") return { type };
  const out: Record<string, unknown> = { type, message: scrubSecrets(e.message) };
  if (typeof e.name === "string" && e.name !== type) out.name = e.name;
  for (const key of KEPT) {
    const v = e[key];
    if (isPrimitive(v)) out[key] = typeof v === "string" ? scrubSecrets(v) : v;
  }
  const retryAfter = (e.parameters as { retry_after?: unknown } | undefined)?.retry_after;
  if (typeof retryAfter === "number") out.retry_after = retryAfter;
  if (e.context && typeof e.context === "object") {
    const kept = Object.entries(e.context).filter(([k, v]) => CONTEXT_KEPT.test(k) && isPrimitive(v));
    if (kept.length) out.context = Object.fromEntries(kept.map(([k, v]) => [k, serializeError(v, depth + 1)]));
  }
  if (typeof e.stack === "string") out.stack = scrubSecrets(e.stack);
  if (depth < 3) {
    for (const key of ["cause", "error"] as const)
      if (e[key] !== undefined && e[key] !== null) out[key] = serializeError(e[key], depth + 1);
    if (Array.isArray(e.errors)) out.errors = e.errors.slice(0, 5).map((inner) => serializeError(inner, depth + 1));
  }
  return out;
}

/**
 * A dependency that is down (Redis, Postgres) fails every call, many times a second: its errors
 * are logged once per `everyMs` for each source and kind, with how many were not shown since.
 */
export function throttledErrors(logger: Logger, everyMs = 10_000): (source: string, error: unknown) => void {
  const shown = new Map<string, { at: number; hidden: number }>();
  return (source, error) => {
    const e = error as { code?: unknown; message?: unknown } | undefined;
    const key = `${source}\u0000${String(e?.code ?? e?.message ?? error)}`;
    const now = Date.now();
    const last = shown.get(key);
    if (last && now - last.at < everyMs) {
      last.hidden += 1;
      return;
    }
    shown.set(key, { at: now, hidden: 0 });
    logger.error({ source, err: error, notShownSince: last?.hidden ?? 0 }, `${source} connection error`);
  };
}

/**
 * Node prints process warnings (a dependency's deprecation notice, say) as plain text on stderr:
 * they become JSON lines at warn level instead, each one once.
 */
export function logProcessWarnings(logger: Logger, proc: NodeJS.Process = process): void {
  const seen = new Set<string>();
  proc.removeAllListeners("warning");
  proc.on("warning", (warning: Error & { code?: string }) => {
    const key = `${warning.name}\u0000${warning.code ?? ""}\u0000${warning.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    logger.warn({ warning: { name: warning.name, code: warning.code, message: warning.message } }, "process warning");
  });
}
