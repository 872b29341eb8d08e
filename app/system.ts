// Builds the parts every role shares: database, core, Redis connection.
import { Redis } from "ioredis";
import type { BaseConfig } from "../config/schemas.js";
import { createCore, type Core } from "../core/index.js";
import { ConfigError } from "../config/env.js";
import { parseAmount } from "../core/money/amount.js";
import { createTokenRegistry, TOKEN_SYMBOLS, type TokenRegistry, type TokenSymbol } from "../core/money/tokens.js";
import type { Units } from "../core/money/units.js";
import type { SupplySource } from "../core/ports/runtime.js";
import { openDatabase, type Database } from "../prisma/database.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { startLocalRedis, type LocalRedis } from "./local-redis.js";
import { cryptoIds, systemClock } from "./runtime.js";
import { supplySource } from "./supply.js";
import { join } from "node:path";
import { StartupProblem } from "./startup-problems.js";
import { newReference } from "../chain/solana-pay.js";

export async function openConfiguredDatabase(
  config: BaseConfig,
  options: { poolSize?: number; onConnectionError?: (error: Error) => void } = {},
): Promise<Database> {
  return config.DATABASE_URL
    ? openDatabase({ kind: "postgres", url: config.DATABASE_URL, ...options })
    : openDatabase({ kind: "pglite", dataDir: config.DATA_DIR });
}

/** PAYOUT_MIN_<TOKEN> in base units of each token. */
export function payoutMinimums(config: BaseConfig, tokens: TokenRegistry): Record<TokenSymbol, Units> {
  const minimums = {} as Record<TokenSymbol, Units>;
  for (const symbol of TOKEN_SYMBOLS) {
    const name = `PAYOUT_MIN_${symbol}` as const;
    const parsed = parseAmount(config[name], tokens.get(symbol).decimals);
    if (!parsed.ok)
      throw new ConfigError([`${name}: has more decimals than ${symbol} (${tokens.get(symbol).decimals})`]);
    minimums[symbol] = parsed.value;
  }
  return minimums;
}

export function buildCore(
  config: BaseConfig,
  db: Database,
  supply: SupplySource = supplySource(config),
): { core: Core; tokens: TokenRegistry } {
  const tokens = createTokenRegistry(
    { USDC: config.USDC_MINT, CLONES: config.CLONES_MINT, WETH: config.WETH_MINT },
    { CLONES: config.CLONES_DECIMALS },
  );
  const core = createCore({
    uow: prismaUnitOfWork(db.prisma, { query: db.query, pool: db.pool }),
    clock: systemClock,
    ids: cryptoIds,
    tokens,
    supply,
    payments: {
      treasury: config.TREASURY_ADDRESS ?? null,
      stakingVault: config.STAKING_VAULT_ADDRESS ?? null,
      newReference,
    },
    payoutPolicy: { minimums: payoutMinimums(config, tokens) },
  });
  return { core, tokens };
}

export interface RedisHandle {
  readonly url: string;
  readonly embedded: boolean;
  readonly connection: Redis;
  close(): Promise<void>;
}

/** How long start-up waits for REDIS_URL to answer before saying so. */
const REDIS_START_MS = 10_000;

/**
 * REDIS_URL, or a local redis-server under DATA_DIR; null when neither is possible. Connection
 * errors go to `onError` (ioredis reconnects by itself, commands wait for it).
 */
export async function connectRedis(
  config: BaseConfig,
  onError: (error: Error) => void = () => undefined,
): Promise<RedisHandle | null> {
  let local: LocalRedis | null = null;
  if (!config.REDIS_URL) {
    local = await startLocalRedis(join(config.DATA_DIR));
    if (!local) return null;
  }
  const url = config.REDIS_URL ?? local!.url;
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  connection.on("error", onError);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(resolve, REDIS_START_MS, "late")));
  const answer = await Promise.race([connection.ping(), late]).finally(() => clearTimeout(timer));
  if (answer === "late") {
    connection.disconnect();
    await local?.stop();
    throw new StartupProblem(
      `Redis at ${config.REDIS_URL ? "REDIS_URL" : url} did not answer within ${REDIS_START_MS / 1000} s: is it running, and is REDIS_URL right?`,
    );
  }
  return {
    url,
    embedded: local !== null,
    connection,
    close: async () => {
      connection.disconnect();
      await local?.stop();
    },
  };
}
