// The watcher against the local chain: real signed payments of Solana Pay requests.
import { generateKeyPairSigner } from "@solana/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWatcher } from "../../chain/watcher.js";
import { createTokenRegistry } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaCursorStore } from "../../prisma/chain-cursors.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { ata, newWallet, pay } from "../support/chain-payments.js";
import { randomWallet } from "../support/core-deps.js";
import { LocalChain } from "../support/local-chain.js";
import { USDC, must, scenario } from "../support/scenario.js";

describe("payment watcher on the local chain", () => {
  const chain = new LocalChain();
  let db: Database;
  let treasury: string;
  let vault: string;
  let usdc: string;
  let clones: string;
  let s: ReturnType<typeof scenario>;
  let watcher: ReturnType<typeof createWatcher>;

  beforeAll(async () => {
    await chain.start();
    db = await openDatabase({ kind: "pglite" });
    treasury = (await generateKeyPairSigner()).address;
    vault = (await generateKeyPairSigner()).address;
    usdc = (await generateKeyPairSigner()).address;
    clones = (await generateKeyPairSigner()).address;
    const authority = (await generateKeyPairSigner()).address;
    chain.createMint(usdc, 6, 10n ** 15n, authority);
    chain.createMint(clones, 9, 10n ** 18n, authority);
    for (const [owner, mint] of [
      [treasury, usdc],
      [treasury, clones],
      [vault, clones],
    ] as const)
      chain.setTokenAccount(await ata(owner, mint), mint, owner, 0n);
    const tokens = createTokenRegistry({ USDC: usdc, CLONES: clones });
    s = scenario(prismaUnitOfWork(db.prisma), {
      tokens,
      payments: { treasury, stakingVault: vault, newReference: randomWallet },
    });
    watcher = createWatcher({
      rpcUrl: chain.url,
      core: s.core,
      tokens,
      cursors: prismaCursorStore(db.prisma),
      wallets: [treasury, vault],
      tokenAccounts: [await ata(treasury, usdc), await ata(treasury, clones), await ata(vault, clones)],
    });
  });
  afterAll(async () => {
    await db.close();
    await chain.stop();
  });

  async function fundedWallet(mint?: string, amount = 1_000_000_000n) {
    const wallet = await newWallet(chain);
    if (mint) chain.setTokenAccount(await ata(wallet.address, mint), mint, wallet.address, amount);
    return wallet;
  }

  it("credits a creator's 25 USDC (v0 transaction with memo and reference) to the pool, once", async () => {
    const owner = await s.person();
    const f = await s.factory(owner);
    const request = await s.fundRequest(f, USDC(25));
    const payer = await fundedWallet(usdc);
    await pay(chain, payer, {
      recipient: treasury,
      amount: 25_000_000n,
      splToken: { mint: usdc, decimals: 6 },
      references: [request.reference],
      memo: "forge",
      version: 0,
    });
    const poll = await watcher.pollOnce();
    expect(poll.recorded.map((r) => r.payment.outcome)).toEqual(["credited"]);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(25));
    expect((await watcher.pollOnce()).recorded).toEqual([]);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(25));
    // Credited at "confirmed"; the next step records finalization, once, without crediting again.
    const finalized = await watcher.finalize();
    expect(finalized.map((x) => x.request?.id)).toContain(request.id);
    expect(finalized.every((x) => x.payment.finalizedAt instanceof Date)).toBe(true);
    expect((await watcher.finalize()).map((x) => x.request?.id)).not.toContain(request.id);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(25));
  });

  it("credits SOL (legacy) and CLONES funding, and a stake that raises the tier", async () => {
    const owner = await s.person();
    const solFactory = await s.factory(owner, { token: "SOL", rewardPerDemo: 10_000_000n });
    const solRequest = await s.fundRequest(solFactory, 2_000_000_000n);
    const clonesFactory = await s.factory(owner, { token: "CLONES", rewardPerDemo: 10n ** 9n });
    const clonesRequest = await s.fundRequest(clonesFactory, 500n * 10n ** 9n);
    const stake = must(
      await s.core.createPaymentRequest({
        ownerId: owner.id,
        purpose: "stake",
        token: "CLONES",
        units: units(10n ** 15n),
      }),
    );
    const payer = await fundedWallet(clones, 10n ** 16n);
    await pay(chain, payer, { recipient: treasury, amount: 2_000_000_000n, references: [solRequest.reference] });
    await pay(chain, payer, {
      recipient: treasury,
      amount: 500n * 10n ** 9n,
      splToken: { mint: clones, decimals: 9 },
      references: [clonesRequest.reference],
    });
    await pay(chain, payer, {
      recipient: vault,
      amount: 10n ** 15n,
      splToken: { mint: clones, decimals: 9 },
      references: [stake.reference],
    });
    const poll = await watcher.pollOnce();
    expect(poll.recorded).toHaveLength(3);
    expect(must(await s.core.getFactoryOverview(solFactory.id)).available).toBe(2_000_000_000n);
    expect(must(await s.core.getFactoryOverview(clonesFactory.id)).available).toBe(500n * 10n ** 9n);
    expect(await s.core.getStakeTier(owner.id)).toMatchObject({ staked: 10n ** 15n, tier: 1 });
  });

  it("links the wallet that pays a verification request", async () => {
    const person = await s.person();
    const request = must(
      await s.core.createPaymentRequest({ ownerId: person.id, purpose: "verify", token: "SOL", units: units(10_000n) }),
    );
    const payer = await fundedWallet();
    await pay(chain, payer, { recipient: treasury, amount: 10_000n, references: [request.reference] });
    await watcher.pollOnce();
    expect(must(await s.core.getProfile(person.id)).wallets.map((w) => w.address)).toEqual([payer.address]);
  });

  it("does not credit a wrong mint, a wrong recipient, a failed transaction, or a payment without our reference", async () => {
    const owner = await s.person();
    const f = await s.factory(owner);
    const request = await s.fundRequest(f, USDC(5));
    const payer = await fundedWallet(clones, 10n ** 12n);
    // CLONES instead of USDC, to the treasury, with the request's reference.
    await pay(chain, payer, {
      recipient: treasury,
      amount: 5_000_000n,
      splToken: { mint: clones, decimals: 9 },
      references: [request.reference],
    });
    // The right token to someone else's wallet: not watched at all.
    const other = (await generateKeyPairSigner()).address;
    await pay(chain, payer, { recipient: other, amount: 1_000n, references: [request.reference] });
    // A failed transaction (more SOL than the payer has).
    await pay(chain, await newWallet(chain, 1_000_000n), {
      recipient: treasury,
      amount: 5_000_000_000n,
      references: [request.reference],
    });
    // SOL to the treasury with no reference of ours.
    await pay(chain, payer, { recipient: treasury, amount: 777n });
    const poll = await watcher.pollOnce();
    expect(poll.recorded.map((r) => r.payment.outcome).sort()).toEqual(["mismatch", "unattributed"]);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(0n);
  });

  it("an RPC outage throws before the cursor moves; the next poll credits the payment", async () => {
    const owner = await s.person();
    const f = await s.factory(owner);
    const request = await s.fundRequest(f, USDC(1));
    await pay(chain, await fundedWallet(usdc), {
      recipient: treasury,
      amount: 1_000_000n,
      splToken: { mint: usdc, decimals: 6 },
      references: [request.reference],
    });
    chain.failing = true;
    await expect(watcher.pollOnce()).rejects.toThrow();
    chain.failing = false;
    expect((await watcher.pollOnce()).recorded).toHaveLength(1);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(1));
  });

  it("costs one signature query per watched address, however many requests are open", async () => {
    const owner = await s.person();
    const f = await s.factory(owner);
    for (let i = 0; i < 50; i++) await s.fundRequest(f, USDC(1));
    expect((await watcher.pollOnce()).rpcCalls).toBe(5);
  });
});
