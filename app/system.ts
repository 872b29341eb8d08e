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
import { newReference } from "../chain/solana-pay.js";

export async function openConfiguredDatabase(config: BaseConfig, poolSize?: number): Promise<Database> {
  return config.DATABASE_URL
    ? openDatabase({ kind: "postgres", url: config.DATABASE_URL, poolSize })
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
    uow: prismaUnitOfWork(db.prisma),
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

/** REDIS_URL, or a local redis-server under DATA_DIR; null when neither is possible. */
export async function connectRedis(config: BaseConfig): Promise<RedisHandle | null> {
  let local: LocalRedis | null = null;
  if (!config.REDIS_URL) {
    local = await startLocalRedis(join(config.DATA_DIR));
    if (!local) return null;
  }
  const url = config.REDIS_URL ?? local!.url;
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  // ioredis reconnects by itself; its errors while Redis is away are reported by the queues.
  connection.on("error", () => undefined);
  await connection.ping();
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
