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
