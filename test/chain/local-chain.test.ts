import { address, createSolanaRpc, generateKeyPairSigner } from "@solana/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ata, newWallet, pay } from "../support/chain-payments.js";
import { LocalChain } from "../support/local-chain.js";

describe("the local chain (LiteSVM behind JSON-RPC) as @solana/kit sees it", () => {
  const chain = new LocalChain();
  let rpc: ReturnType<typeof createSolanaRpc>;
  let usdc: string;
  beforeAll(async () => {
    await chain.start();
    rpc = createSolanaRpc(chain.url);
    usdc = (await generateKeyPairSigner()).address;
    chain.createMint(usdc, 6, 1_000_000_000_000n, (await generateKeyPairSigner()).address);
  });
  afterAll(() => chain.stop());

  it("a SOL payment with a reference and a memo shows up by the treasury's and the reference's signatures, with balances", async () => {
    const payer = await newWallet(chain);
    const treasury = (await generateKeyPairSigner()).address;
    const reference = (await generateKeyPairSigner()).address;
    const signature = await pay(chain, payer, {
      recipient: treasury,
      amount: 25_000_000n,
      references: [reference],
      memo: "fund F1",
    });
    const byTreasury = await rpc.getSignaturesForAddress(address(treasury)).send();
    expect(byTreasury.map((s) => s.signature)).toEqual([signature]);
    expect((await rpc.getSignaturesForAddress(address(reference)).send()).map((s) => s.signature)).toEqual([signature]);
    const tx = await rpc
      .getTransaction(signature as never, { encoding: "base64", maxSupportedTransactionVersion: 0 })
      .send();
    expect(tx?.meta?.err).toBeNull();
    expect(Number((await rpc.getBalance(address(treasury)).send()).value)).toBe(25_000_000);
    const keys = tx!.meta!.postBalances.map((b, i) => Number(b) - Number(tx!.meta!.preBalances[i]));
    expect(keys).toContain(25_000_000);
  });

  it("an SPL transfer in a v0 transaction moves tokens between associated token accounts", async () => {
    const payer = await newWallet(chain);
    const treasury = (await generateKeyPairSigner()).address;
    chain.setTokenAccount(await ata(payer.address, usdc), usdc, payer.address, 100_000_000n);
    chain.setTokenAccount(await ata(treasury, usdc), usdc, treasury, 0n);
    const signature = await pay(chain, payer, {
      recipient: treasury,
      amount: 25_000_000n,
      splToken: { mint: usdc, decimals: 6 },
      version: 0,
    });
    const tx = await rpc
      .getTransaction(signature as never, { encoding: "base64", maxSupportedTransactionVersion: 0 })
      .send();
    expect(Number(tx?.version)).toBe(0);
    const post = tx!.meta!.postTokenBalances!.find((b) => b.owner === treasury);
    expect(post?.uiTokenAmount.amount).toBe("25000000");
    expect((await rpc.getTokenAccountBalance(await ata(treasury, usdc)).send()).value.amount).toBe("25000000");
    expect((await rpc.getTokenSupply(address(usdc)).send()).value.amount).toBe("1000000000000");
  });

  it("a failed transaction is recorded with its error and moves nothing", async () => {
    const payer = await newWallet(chain, 1_000_000n);
    const treasury = (await generateKeyPairSigner()).address;
    const signature = await pay(chain, payer, { recipient: treasury, amount: 5_000_000_000n });
    const tx = await rpc
      .getTransaction(signature as never, { encoding: "base64", maxSupportedTransactionVersion: 0 })
      .send();
    expect(tx?.meta?.err).not.toBeNull();
    expect(Number((await rpc.getBalance(address(treasury)).send()).value)).toBe(0);
  });
});

describe("CLONES supply for stake tiers", () => {
  it("is read from the mint, cached, and kept through an RPC outage", async () => {
    const { mintSupply } = await import("../../chain/supply.js");
    const chain = await new LocalChain().start();
    const mint = (await generateKeyPairSigner()).address;
    chain.createMint(mint, 9, 1_000_000_000n * 10n ** 9n, mint);
    let clock = 0;
    const supply = mintSupply(chain.url, mint, 1000, () => clock);
    expect(await supply.clonesSupply()).toBe(10n ** 18n);
    const calls = chain.calls;
    expect(await supply.clonesSupply()).toBe(10n ** 18n);
    expect(chain.calls).toBe(calls);
    clock = 5000;
    chain.failing = true;
    expect(await supply.clonesSupply()).toBe(10n ** 18n);
    await chain.stop();
  });
});
