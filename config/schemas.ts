import { z } from "zod";
import { DEFAULT_PAYOUT_MINIMUMS } from "../core/economics/rules.js";
import { optional, solanaAddress, url } from "./env.js";

const amount = (fallback: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a plain amount such as 0.01")
    .default(fallback);

const port = z.coerce.number().int().min(0).max(65_535);

/** What every process needs: storage, queues, logging, tokens. */
export const BaseEnv = z.object({
  NODE_ENV: optional(z.enum(["development", "production", "test"])),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATA_DIR: z.string().min(1).default("./data"),
  /** The interface the server (PORT) and the health and metrics port (METRICS_PORT) listen on. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** A process without the server role serves /healthz and /metrics on this port when set. */
  METRICS_PORT: optional(port),
  DATABASE_URL: optional(url(["postgres", "postgresql"])),
  REDIS_URL: optional(url(["redis", "rediss"])),
  USDC_MINT: optional(solanaAddress),
  CLONES_MINT: optional(solanaAddress),
  WETH_MINT: optional(solanaAddress),
  /** Any Solana JSON-RPC endpoint (payments, supply). */
  SOLANA_RPC_URL: optional(url(["http", "https"])),
  /** Public addresses (never keys): where funding/verification and stakes are paid. */
  TREASURY_ADDRESS: optional(solanaAddress),
  STAKING_VAULT_ADDRESS: optional(solanaAddress),
  /** CLONES total supply in base units for stake tiers; unset: read from CLONES_MINT over SOLANA_RPC_URL. */
  CLONES_SUPPLY: optional(
    z
      .string()
      .regex(/^[1-9]\d*$/, "must be the total supply in base units, a positive integer")
      .transform(BigInt),
  ),
  CLONES_DECIMALS: z.coerce.number().int().min(0).max(18).default(9),
  /** The least paid out to one person at a time, per token (smaller owed amounts add up first). */
  PAYOUT_MIN_SOL: amount(DEFAULT_PAYOUT_MINIMUMS.SOL),
  PAYOUT_MIN_USDC: amount(DEFAULT_PAYOUT_MINIMUMS.USDC),
  PAYOUT_MIN_CLONES: amount(DEFAULT_PAYOUT_MINIMUMS.CLONES),
  PAYOUT_MIN_WETH: amount(DEFAULT_PAYOUT_MINIMUMS.WETH),
  /**
   * Dataset tokens (launch, trade, burn-to-download): "on" in every role once the server role has
   * CURVE_SECRET_KEY; they also need DATASETS_SECRET, SOLANA_RPC_URL, TREASURY_ADDRESS, PUBLIC_URL.
   */
  DATASET_TOKENS: z.enum(["on", "off"]).default("off"),
  /** What launching a dataset token costs its creator, paid to the treasury. */
  DATASET_LAUNCH_FEE_SOL: amount("0.1"),
  DATASET_LAUNCH_FEE_CLONES: amount("100"),
  /** Block explorer for transaction links, and the cluster they should show. */
  EXPLORER_URL: url(["http", "https"]).default("https://explorer.solana.com"),
  SOLANA_CLUSTER: z.enum(["mainnet-beta", "devnet", "testnet", "custom"]).default("mainnet-beta"),
  /** Recordings and upload chunks: a folder (default DATA_DIR/blobs), or S3 when S3_BUCKET is set. */
  STORAGE_DIR: optional(z.string().min(1)),
  S3_ENDPOINT: optional(url(["http", "https"])),
  S3_BUCKET: optional(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name")),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: optional(z.string().min(1)),
  S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
  /**
   * Signs dataset download links (server, bots) and keys the farmer pseudonyms in exports
   * (worker): the same value in every role, never logged. Unset: no dataset exports.
   */
  DATASETS_SECRET: optional(z.string().min(32, "must be at least 32 characters, e.g. from: openssl rand -hex 32")),
  /**
   * Discord's bot token. Every role reads it: each one writes notifications, and whether Discord
   * has a bot decides whether people are told there too; the worker delivers them with it.
   */
  DISCORD_TOKEN: optional(z.string().min(20, "looks too short for a Discord bot token")),
  DISCORD_API_ROOT: optional(url(["http", "https"])),
  ADMIN_IDS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^(tg|telegram|dc|discord):\d+$|^\d+$/, "each id must be a number, or tg:<id> / dc:<id>"),
      ),
    ),
});

/** Telegram settings: the bot role uses them, and the server role too in webhook mode. */
const TelegramEnv = {
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]{20,}$/, "must look like 123456:ABC... (from @BotFather)")),
  TELEGRAM_API_ROOT: optional(url(["http", "https"])),
  TELEGRAM_WEBHOOK_URL: optional(url(["https", "http"])),
  TELEGRAM_WEBHOOK_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16-256 characters of A-Z a-z 0-9 _ -"),
  ),
};

/** S3 storage needs its endpoint and both keys, or nothing at all. */
export const s3Complete = (env: {
  S3_BUCKET?: string;
  S3_ENDPOINT?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
}) => !env.S3_BUCKET || Boolean(env.S3_ENDPOINT && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY);
export const S3_INCOMPLETE = {
  message: "needs S3_ENDPOINT, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY as well",
  path: ["S3_BUCKET"],
};

/** Webhook mode needs the secret Telegram sends back, so that nobody else can post updates. */
export const webhookNeedsSecret = (env: { TELEGRAM_WEBHOOK_URL?: string; TELEGRAM_WEBHOOK_SECRET?: string }) =>
  !env.TELEGRAM_WEBHOOK_URL || Boolean(env.TELEGRAM_WEBHOOK_SECRET);
export const WEBHOOK_SECRET_REQUIRED = {
  message: "is required when TELEGRAM_WEBHOOK_URL is set",
  path: ["TELEGRAM_WEBHOOK_SECRET"],
};

export const BotEnv = BaseEnv.extend({
  ...TelegramEnv,
  PUBLIC_URL: optional(url(["https", "http"])),
  /**
   * The Discord gateway shards this process runs: "auto" (every shard Discord recommends, in this
   * process), or shard ids such as "0,1" when several processes share the bot, each with its own
   * ids and the same DISCORD_SHARD_COUNT.
   */
  DISCORD_SHARDS: z
    .string()
    .default("auto")
    .transform((v) => v.replace(/\s+/g, "") || "auto")
    .pipe(
      z
        .string()
        .regex(/^(auto|\d{1,4}(,\d{1,4})*)$/, 'must be "auto" or shard ids such as 0,1')
        .transform((v): "auto" | number[] => (v === "auto" ? "auto" : v.split(",").map(Number))),
    ),
  /** The total number of shards across every bot process (with DISCORD_SHARDS as a list). */
  DISCORD_SHARD_COUNT: optional(z.coerce.number().int().min(1).max(10_000)),
});

/** A shard list needs the total count, larger than every id, and names each shard once. */
export const discordShardsFit = (env: { DISCORD_SHARDS?: "auto" | number[]; DISCORD_SHARD_COUNT?: number }) =>
  env.DISCORD_SHARDS === undefined ||
  env.DISCORD_SHARDS === "auto" ||
  (env.DISCORD_SHARD_COUNT !== undefined &&
    env.DISCORD_SHARDS.every((id) => id < env.DISCORD_SHARD_COUNT!) &&
    new Set(env.DISCORD_SHARDS).size === env.DISCORD_SHARDS.length);
export const DISCORD_SHARDS_MISFIT = {
  message:
    "lists shard ids, so set DISCORD_SHARD_COUNT to the total number of shards across all bot processes (larger than every id), and name each id once",
  path: ["DISCORD_SHARDS"],
};

export const ServerEnv = BaseEnv.extend({
  PORT: port.default(3000),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(16_384).default(512),
  /**
   * Proxies in front of the server that append to X-Forwarded-For, as a count of trusted hops:
   * false/0 (none, the default), true (one), or 1..10. The client address (rate limits) is the
   * entry that many hops from the right; entries further left are the client's own claims.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default("false")
    .transform((v) => ({ true: "1", false: "0", "": "0" })[v.toLowerCase()] ?? v)
    .pipe(
      z
        .string()
        .regex(/^(10|[0-9])$/, "must be false, true, or the number of trusted proxy hops (0-10)")
        .transform(Number),
    ),
  /** Connections open at once; beyond it new connections are closed at once (the balancer retries elsewhere). */
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(16).max(100_000).default(1_024),
  /**
   * Seconds an idle kept-alive connection stays open: above the 60 s idle timeout of common load
   * balancers, so the balancer (not the server) closes first; lower it for direct clients.
   */
  HTTP_KEEP_ALIVE_S: z.coerce.number().int().min(1).max(600).default(65),
  PUBLIC_URL: optional(url(["https", "http"])),
  /**
   * The dataset tokens' curve key: 32 random bytes as 64 hex digits (openssl rand -hex 32). Every
   * curve's vault and mint key derive from it; only the server role (which co-signs trades) sees it.
   */
  CURVE_SECRET_KEY: optional(
    z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex digits, e.g. from: openssl rand -hex 32"),
  ),
  ...TelegramEnv,
});

/** The server co-signs dataset-token transactions: with DATASET_TOKENS=on it needs the curve key. */
export const curveKeyPresent = (env: { DATASET_TOKENS?: string; CURVE_SECRET_KEY?: string }) =>
  env.DATASET_TOKENS !== "on" || Boolean(env.CURVE_SECRET_KEY);
export const CURVE_KEY_REQUIRED = {
  message: "is required in the server role when DATASET_TOKENS=on (openssl rand -hex 32)",
  path: ["CURVE_SECRET_KEY"],
};

export const WorkerEnv = BaseEnv.extend({
  SOLANA_WS_URL: optional(url(["ws", "wss"])),
  LLM_BASE_URL: optional(url(["http", "https"])),
  LLM_API_KEY: optional(z.string().min(1)),
  LLM_MODEL: optional(z.string().min(1)),
  /** Settlement jobs at once per worker process; concurrent ones share transactions (batched). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(64),
  /** Recordings graded at once by this process (ffmpeg is CPU-bound: about one per core). */
  GRADING_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  PAYMENT_POLL_MS: z.coerce.number().int().min(200).max(600_000).default(2_000),
  ...TelegramEnv,
});

/** Only the payouts role sees the signing keys: it is the one process that pays. */
export const PayoutsEnv = BaseEnv.extend({
  /** The treasury's keypair: a solana-keygen JSON file's path or content (never logged). */
  TREASURY_KEYPAIR: optional(z.string().min(1)),
  /** The staking vault's keypair, to send unstaked CLONES back; without it they stay owed. */
  STAKING_VAULT_KEYPAIR: optional(z.string().min(1)),
  PAYOUT_ROUND_MS: z.coerce.number().int().min(200).max(600_000).default(1_000),
  /** µlamports per compute unit the payout transactions may pay in busy times, at most. */
  PAYOUT_PRIORITY_FEE_MAX: z
    .string()
    .regex(/^\d{1,12}$/, "must be a whole number of µlamports per compute unit")
    .default("200000")
    .transform(BigInt),
  PAYOUT_MAX_OPEN_BATCHES: z.coerce.number().int().min(1).max(256).default(16),
});

export type BaseConfig = z.output<typeof BaseEnv>;
export type BotConfig = z.output<typeof BotEnv>;
export type ServerConfig = z.output<typeof ServerEnv>;
export type WorkerConfig = z.output<typeof WorkerEnv>;
export type PayoutsConfig = z.output<typeof PayoutsEnv>;

export const ROLES = ["bot", "worker", "server", "payouts"] as const;
export type Role = (typeof ROLES)[number];
