import { pino, type DestinationStream, type Logger } from "pino";
import { SECRET_KEYS } from "../config/env.js";

export type { Logger };

/** Structured JSON logs; secrets are redacted wherever they appear under these keys. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const keys = [...SECRET_KEYS, "token", "secret", "password", "privateKey", "keypair", "authorization"];
  const options = {
    level,
    redact: { paths: [...keys, ...keys.map((k) => `*.${k}`)], censor: "[redacted]" },
    base: { pid: process.pid },
  };
  return destination ? pino(options, destination) : pino(options);
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
