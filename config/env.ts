// Parsing of environment variables: every process parses its own schema once at start-up.
// A bad value stops start-up with a message naming the variable; secrets are never echoed.
import { z } from "zod";

/** Empty strings count as unset, as they do in most .env files. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const url = (protocols: readonly string[]) =>
  z.url({ protocol: new RegExp(`^(${protocols.join("|")})$`), error: `must be a ${protocols.join(" or ")} URL` });

export const solanaAddress = z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/, "must be a base58 Solana address");

export const SECRET_KEYS = [
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_SECRET",
  "DISCORD_TOKEN",
  "TREASURY_KEYPAIR",
  "STAKING_VAULT_KEYPAIR",
  "CURVE_SECRET_KEY",
  "LLM_API_KEY",
  "S3_SECRET_ACCESS_KEY",
  "DATABASE_URL",
  "REDIS_URL",
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses `env` with `schema`; throws a ConfigError listing each bad variable (values hidden). */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "(environment)"}: ${i.message}`));
}
