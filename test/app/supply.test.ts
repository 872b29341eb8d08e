// Where stake tiers' CLONES supply comes from at start-up: the setting, the chain, or nowhere
// (tiers off, and said so); a worker never starts measuring tiers against an unknown supply.
import { generateKeyPairSigner } from "@solana/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../app/local-redis.js";
import { startSupply } from "../../app/supply.js";
import { ConfigError } from "../../config/env.js";
import { LocalChain } from "../support/local-chain.js";

const base = { CLONES_DECIMALS: 9 } as const;

describe("the CLONES supply at start-up", () => {
  let chain: LocalChain;
  let mint: string;
  let empty: string;
  let NO_RPC: string; // nothing listens there: connection refused, with an API key in the URL
  beforeAll(async () => {
    NO_RPC = `http://127.0.0.1:${await freePort()}/?api-key=secret-key`;
    chain = await new LocalChain().start();
    mint = (await generateKeyPairSigner()).address;
    empty = (await generateKeyPairSigner()).address;
    chain.createMint(mint, 9, 1_000_000_000n * 10n ** 9n, mint);
    chain.createMint(empty, 9, 0n, empty);
  });
  afterAll(() => chain.stop());

  const refusal = async (config: Parameters<typeof startSupply>[0]) => {
    const error = await startSupply(config, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  };

  it("GIVEN CLONES_SUPPLY THEN tiers use it, whatever the chain says, and the figure says so", async () => {
    const started = await startSupply(
      { ...base, CLONES_SUPPLY: 5n * 10n ** 17n, CLONES_MINT: mint, SOLANA_RPC_URL: NO_RPC },
      true,
    );
    expect(started.line).toBe("  Staking tiers: measured against CLONES_SUPPLY (500000000 CLONES)");
    expect(await started.source.clonesSupply()).toEqual({ units: 5n * 10n ** 17n, origin: { kind: "setting" } });
  });

  it("GIVEN a readable mint THEN the worker reads it at start, and the figure names the mint and when it was read", async () => {
    const before = Date.now();
    const started = await startSupply({ ...base, CLONES_MINT: mint, SOLANA_RPC_URL: chain.url }, true);
    expect(started.line).toBe(
      `  Staking tiers: measured against the on-chain supply of mint ${mint} (1000000000 CLONES, read every 5 minutes)`,
    );
    const supply = await started.source.clonesSupply();
    expect(supply).toMatchObject({ units: 10n ** 18n, origin: { kind: "chain", mint } });
    expect(supply.origin.kind === "chain" && supply.origin.readAt.getTime()).toBeGreaterThanOrEqual(before - 1);
  });

  it("GIVEN an unreadable supply THEN the worker refuses to start, naming CLONES_SUPPLY, without the RPC URL", async () => {
    const message = await refusal({ ...base, CLONES_MINT: mint, SOLANA_RPC_URL: NO_RPC });
    expect(message).toContain("CLONES_SUPPLY: the CLONES total supply could not be read from mint");
    expect(message).toContain("every stake tier, and so every referral commission, would be 0%");
    expect(message).not.toContain("secret-key");
    expect(message).not.toContain(new URL(NO_RPC).host);
    expect(message).toContain("SOLANA_RPC_URL");
  });

  it("GIVEN a mint reporting no supply, or a mint without an RPC THEN the worker refuses to start", async () => {
    expect(await refusal({ ...base, CLONES_MINT: empty, SOLANA_RPC_URL: chain.url })).toContain(
      "reports a total supply of 0",
    );
    expect(await refusal({ ...base, CLONES_MINT: mint })).toContain("cannot be read without SOLANA_RPC_URL");
  });

  it("GIVEN an unreadable supply THEN a role that does not settle starts, and reads it when first needed", async () => {
    const started = await startSupply({ ...base, CLONES_MINT: mint, SOLANA_RPC_URL: NO_RPC }, false);
    expect(started.line).toBe(`  Staking tiers: measured against the on-chain supply of mint ${mint}`);
    await expect(started.source.clonesSupply()).rejects.toThrow();
  });

  it("GIVEN no CLONES mint THEN tiers are off, and the line says what turns them on", async () => {
    const started = await startSupply({ ...base, SOLANA_RPC_URL: chain.url }, true);
    expect(started.line).toContain("Staking tiers: off, no CLONES_MINT");
    expect(started.line).toContain("CLONES_SUPPLY");
    expect(await started.source.clonesSupply()).toEqual({ units: 0n, origin: { kind: "off" } });
  });
});
