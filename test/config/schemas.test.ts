import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "../../config/env.js";
import {
  BaseEnv,
  BotEnv,
  discordShardsFit,
  DISCORD_SHARDS_MISFIT,
  ServerEnv,
  WorkerEnv,
  PayoutsEnv,
} from "../../config/schemas.js";

describe("configuration", () => {
  it("GIVEN nothing THEN embedded defaults", () => {
    const config = parseEnv(ServerEnv, {});
    expect(config).toMatchObject({
      DATA_DIR: "./data",
      LOG_LEVEL: "info",
      PORT: 3000,
      HOST: "127.0.0.1",
      ADMIN_IDS: [],
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("treats empty values as unset, as .env files write them", () => {
    expect(parseEnv(BotEnv, { TELEGRAM_BOT_TOKEN: "", DATABASE_URL: " " }).TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it.each([
    ["DATABASE_URL", "postgresql://u:p@db:5432/forge"],
    ["REDIS_URL", "redis://127.0.0.1:6379"],
    ["USDC_MINT", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"],
    ["CLONES_SUPPLY", "1000000000000000000"],
    ["ADMIN_IDS", "tg:123, dc:456,789"],
  ])("accepts a good %s", (name, value) => {
    expect(() => parseEnv(BaseEnv, { [name]: value })).not.toThrow();
  });

  it.each([
    [BaseEnv, "DATABASE_URL", "mysql://u:p@h/db"],
    [BaseEnv, "REDIS_URL", "http://x"],
    [BaseEnv, "USDC_MINT", "0xdeadbeef"],
    [BaseEnv, "CLONES_SUPPLY", "1.5"],
    [BaseEnv, "CLONES_SUPPLY", "0"],
    [BaseEnv, "ADMIN_IDS", "alice"],
    [BaseEnv, "LOG_LEVEL", "loud"],
    [ServerEnv, "PORT", "70000"],
    [BotEnv, "TELEGRAM_BOT_TOKEN", "abc"],
    [BotEnv, "TELEGRAM_WEBHOOK_SECRET", "short"],
    [WorkerEnv, "SOLANA_WS_URL", "http://not-a-websocket"],
    [WorkerEnv, "WORKER_CONCURRENCY", "0"],
  ] as const)("refuses a bad %s and names it without echoing the value", (schema, name, value) => {
    let error: unknown;
    try {
      parseEnv(schema, { [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
    expect((error as ConfigError).message).not.toContain(value);
  });

  it("reads DISCORD_SHARDS as auto or a list of ids, and refuses a list without a count that fits it", () => {
    const fits = BotEnv.refine(discordShardsFit, DISCORD_SHARDS_MISFIT);
    expect(parseEnv(fits, {}).DISCORD_SHARDS).toBe("auto");
    expect(parseEnv(fits, { DISCORD_SHARDS: "2, 3", DISCORD_SHARD_COUNT: "4" })).toMatchObject({
      DISCORD_SHARDS: [2, 3],
      DISCORD_SHARD_COUNT: 4,
    });
    for (const env of [
      { DISCORD_SHARDS: "0,1" }, // no count
      { DISCORD_SHARDS: "0,4", DISCORD_SHARD_COUNT: "4" }, // 4 is not below 4
      { DISCORD_SHARDS: "1,1", DISCORD_SHARD_COUNT: "2" }, // twice
      { DISCORD_SHARDS: "first", DISCORD_SHARD_COUNT: "2" },
      { DISCORD_SHARDS: "-1", DISCORD_SHARD_COUNT: "2" },
    ])
      expect(() => parseEnv(fits, env), JSON.stringify(env)).toThrow(/DISCORD_SHARDS/);
  });

  it("gives only the payouts role the signing keys", () => {
    const env = { TREASURY_KEYPAIR: "[1,2,3]", STAKING_VAULT_KEYPAIR: "[4,5,6]" };
    expect(parseEnv(PayoutsEnv, env)).toMatchObject({ TREASURY_KEYPAIR: "[1,2,3]", STAKING_VAULT_KEYPAIR: "[4,5,6]" });
    for (const schema of [WorkerEnv, BotEnv, ServerEnv]) {
      expect("TREASURY_KEYPAIR" in parseEnv(schema, env)).toBe(false);
      expect("STAKING_VAULT_KEYPAIR" in parseEnv(schema, env)).toBe(false);
    }
  });
});
