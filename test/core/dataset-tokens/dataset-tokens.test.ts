// Dataset tokens on a real database, with the chain's side played by a builder that records what
// it was asked to build: launching, trading one curve at a time, slippage limits, burning to
// download, meta-datasets, and transactions that failed or expired.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatasetTokens, type DatasetTokens } from "../../../core/dataset-tokens/index.js";
import type { ChainTx, TxPlan } from "../../../core/dataset-tokens/build-tx.js";
import { thresholdUnits } from "../../../core/dataset-tokens/launch.js";
import {
  curveStart,
  DEFAULT_CURVE,
  quoteAllocation,
  quoteBuy,
  quoteSell,
  sellAllValue,
} from "../../../core/datasets/curve.js";
import type { Account } from "../../../core/accounts/account.js";
import type { Factory } from "../../../core/factories/factory.js";
import { openDatabase, type Database } from "../../../prisma/database.js";
import { datasetTokenStore } from "../../../prisma/repositories/dataset-token-repository.js";
import { prismaDatasetExportRepository } from "../../../prisma/repositories/dataset-export-repository.js";
import type { Tx } from "../../../prisma/repositories/tx.js";
import { prismaUnitOfWork } from "../../../prisma/unit-of-work.js";
import { createTestDatabase, postgresUrl } from "../../support/databases.js";
import { insertReadyExport } from "../../support/ready-export.js";
import { scenario, USDC } from "../../support/scenario.js";

const SOL = (n: bigint) => n * 1_000_000_000n;
const TREASURY = "Treasury11111111111111111111111111111111111";

describe("dataset tokens", () => {
  let db: Database;
  let s: ReturnType<typeof scenario>;
  let tokens: DatasetTokens;
  let carol: Account;
  let bob: Account;
  let factory: Factory;
  let built: TxPlan[];
  let hashes = 0;
  const chain = async (plan: TxPlan): Promise<ChainTx> => {
    built.push(plan);
    hashes++;
    return {
      transaction: `tx-${hashes}`,
      messageHash: `hash-${hashes}`,
      lastValidBlockHeight: 1000n,
      ...(plan.kind === "launch" ? { mint: `mint-${plan.token.id}` } : {}),
      reference: `ref-${hashes}`,
    };
  };
  const facts = (wallet: string, holdings = 0n, ownerId: string | null = null) => ({ wallet, holdings, ownerId });

  const readyExport = (f: Factory) => insertReadyExport(db, f);

  /** Launches `f`'s token from `wallet` and lands it. */
  async function launched(f: Factory, owner: Account, wallet: string, symbol: string) {
    await s.deps.uow.run(async (r) => {
      await r.accounts.addWallet({ address: wallet, accountId: owner.id, verifiedAt: s.deps.clock.now() });
      return { ok: true };
    });
    const asked = await tokens.requestLaunch({
      actor: { accountId: owner.id, isAdmin: false },
      factoryId: f.id,
      terms: { name: `${symbol} data`, symbol, burnBps: 100 },
    });
    if (!asked.ok) throw asked.error;
    const b = await tokens.buildDatasetTx({ txId: asked.value.tx.id, facts: facts(wallet, 0n, owner.id) }, chain);
    if (!b.ok) throw b.error;
    const seen = await tokens.recordDatasetTx({
      txId: b.value.tx.id,
      signature: `sig-launch-${symbol}`,
      messageHash: b.value.tx.built!.messageHash,
      succeeded: true,
    });
    if (!seen.ok || !seen.value) throw new Error("launch not recorded");
    return seen.value.token;
  }

  async function trade(
    tokenId: string,
    ask: Parameters<DatasetTokens["requestTrade"]>[0]["ask"],
    wallet: string,
    holdings = 0n,
  ) {
    const asked = await tokens.requestTrade({ accountId: bob.id, tokenId, ask });
    if (!asked.ok) throw asked.error;
    return tokens.buildDatasetTx({ txId: asked.value.tx.id, facts: facts(wallet, holdings) }, chain);
  }

  async function land(txId: string, succeeded = true) {
    const tx = (await tokens.findTx(txId))!;
    const seen = await tokens.recordDatasetTx({
      txId,
      signature: `sig-${txId}`,
      messageHash: tx.built!.messageHash,
      succeeded,
    });
    if (!seen.ok || !seen.value) throw new Error("not recorded");
    return seen.value;
  }

  beforeAll(async () => {
    db = postgresUrl()
      ? await openDatabase({ kind: "postgres", url: await createTestDatabase(postgresUrl()) })
      : await openDatabase({ kind: "pglite" });
    s = scenario(prismaUnitOfWork(db.prisma, { query: db.query, pool: db.pool }));
    carol = await s.person("carol");
    bob = await s.person("bob");
    factory = await s.factory(carol, { rewardPerDemo: USDC(2), threshold: 50 });
    tokens = createDatasetTokens({
      uow: s.deps.uow,
      clock: s.deps.clock,
      ids: s.deps.ids,
      store: datasetTokenStore(db),
      datasets: prismaDatasetExportRepository(db.prisma as unknown as Tx),
      terms: { solFee: SOL(1n) / 10n, clonesFee: 500n * 10n ** 9n, curve: DEFAULT_CURVE },
      treasury: TREASURY,
    });
  });
  beforeAll(() => void (built = []));
  afterAll(() => db.close());

  it("GIVEN a factory with no export WHEN its creator launches THEN they are told to export first", async () => {
    const asked = await tokens.requestLaunch({
      actor: { accountId: carol.id, isAdmin: false },
      factoryId: factory.id,
      terms: { name: "Sheets data", symbol: "SHEET", burnBps: 100 },
    });
    expect(asked.ok || asked.error.code).toBe("DATASET_NO_EXPORT");
  });

  it("GIVEN terms out of bounds or someone else's factory THEN nothing is created", async () => {
    await readyExport(factory);
    for (const terms of [
      { name: "x", symbol: "OK", burnBps: 100 },
      { name: "Fine name", symbol: "no spaces!", burnBps: 100 },
      { name: "Fine name", symbol: "OK", burnBps: 5 },
      { name: "Fine name", symbol: "OK", burnBps: 501 },
    ]) {
      const asked = await tokens.requestLaunch({
        actor: { accountId: carol.id, isAdmin: false },
        factoryId: factory.id,
        terms,
      });
      expect(asked.ok || asked.error.code).toBe("INVALID_INPUT");
    }
    const theirs = await tokens.requestLaunch({
      actor: { accountId: bob.id, isAdmin: false },
      factoryId: factory.id,
      terms: { name: "Stolen", symbol: "STOLE", burnBps: 100 },
    });
    expect(theirs.ok || theirs.error.code).toBe("FACTORY_NOT_OWNER");
    expect(await tokens.listDatasetTokens()).toEqual([]);
  });

  it("GIVEN a launch asked for WHEN a wallet the creator did not verify opens it THEN it is refused; the creator's gets the allocation and fees to pay", async () => {
    built = [];
    const asked = await tokens.requestLaunch({
      actor: { accountId: carol.id, isAdmin: false },
      factoryId: factory.id,
      terms: { name: "Sheets data", symbol: "sheet", burnBps: 100 },
    });
    if (!asked.ok) throw asked.error;
    expect(asked.value.token).toMatchObject({
      symbol: "SHEET",
      status: "launching",
      mint: null,
    });
    const stranger = await tokens.buildDatasetTx(
      { txId: asked.value.tx.id, facts: facts("StrangerWallet", 0n, bob.id) },
      chain,
    );
    expect(stranger.ok || stranger.error.code).toBe("WALLET_NOT_VERIFIED");
    await s.deps.uow.run(async (r) => {
      await r.accounts.addWallet({ address: "CarolWallet", accountId: carol.id, verifiedAt: s.deps.clock.now() });
      return { ok: true };
    });
    const mine = await tokens.buildDatasetTx(
      { txId: asked.value.tx.id, facts: facts("CarolWallet", 0n, carol.id) },
      chain,
    );
    // The allocation is bought from the curve, so the vault backs it like any bought token.
    const backed = quoteAllocation(curveStart(DEFAULT_CURVE), DEFAULT_CURVE, thresholdUnits(100));
    if (!backed.ok) throw backed.error;
    const allocation = backed.value;
    if (!mine.ok) throw mine.error;
    expect(built).toEqual([
      expect.objectContaining({
        kind: "launch",
        allocations: [{ owner: "CarolWallet", units: thresholdUnits(100) }],
        backing: allocation.solNet,
        solFee: SOL(1n) / 10n,
        clonesFee: 500n * 10n ** 9n,
      }),
    ]);
    // A wallet asking twice gets the same transaction; another wallet cannot take it.
    const again = await tokens.buildDatasetTx(
      { txId: asked.value.tx.id, facts: facts("CarolWallet", 0n, carol.id) },
      chain,
    );
    expect(again.ok && again.value.tx.built!.transaction).toBe(mine.value.tx.built!.transaction);
    expect(built).toHaveLength(1);
    const other = await tokens.buildDatasetTx(
      { txId: asked.value.tx.id, facts: facts("CarolOther", 0n, carol.id) },
      chain,
    );
    expect(other.ok || other.error.code).toBe("DATASET_TX_TAKEN");

    // Another message with its memo changes nothing; the one built makes the token live, once.
    const forged = await tokens.recordDatasetTx({
      txId: asked.value.tx.id,
      signature: "sig-f",
      messageHash: "other",
      succeeded: true,
    });
    expect(forged.ok && forged.value).toBeNull();
    const seen = await land(asked.value.tx.id);
    expect(seen).toMatchObject({
      isNew: true,
      token: {
        status: "live",
        supply: thresholdUnits(100),
        creatorWallet: "CarolWallet",
        mint: `mint-${asked.value.token.id}`,
      },
    });
    expect(seen.token.reserves).toEqual(allocation.after);
    expect((await land(asked.value.tx.id)).isNew).toBe(false);
    const twice = await tokens.requestLaunch({
      actor: { accountId: carol.id, isAdmin: false },
      factoryId: factory.id,
      terms: { name: "Again", symbol: "AGAIN", burnBps: 100 },
    });
    expect(twice.ok || twice.error.code).toBe("DATASET_TOKEN_EXISTS");
  });

  it("GIVEN a live token THEN trades are priced one at a time from the stored reserves, and move them by exactly what was built", async () => {
    const [live] = await tokens.listDatasetTokens();
    const token = live!.token;
    const first = await trade(token.id, { kind: "buy", solIn: SOL(1n), slippageBps: 100 }, "BuyerOne");
    if (!first.ok) throw first.error;
    const expected = quoteBuy(token.reserves, token.params, { solIn: SOL(1n) });
    if (!expected.ok) throw expected.error;
    expect(first.value.plan).toMatchObject({
      kind: "buy",
      net: expected.value.solNet,
      fee: expected.value.fee,
      tokens: expected.value.tokens,
      creatorWallet: "CarolWallet",
    });
    expect(expected.value.fee).toBe((SOL(1n) * 25n) / 10_000n);

    // While the first waits for its signature, nobody else is priced from the same reserves.
    const second = await trade(token.id, { kind: "buy", solIn: SOL(2n), slippageBps: 100 }, "BuyerTwo");
    expect(second.ok || second.error.code).toBe("CURVE_BUSY");
    await land(first.value.tx.id);
    const after = await tokens.getDatasetToken(token.id);
    if (!after.ok) throw after.error;
    expect(after.value.token.reserves).toEqual(expected.value.after);
    expect(after.value.token).toMatchObject({
      supply: thresholdUnits(100) + expected.value.tokens,
      volume: SOL(1n),
      fees: expected.value.fee,
      trades: 1,
    });

    // Asked at the old reserves with a 1% limit: the first buy moved the price more than that.
    const stale = await tokens.requestTrade({
      accountId: bob.id,
      tokenId: token.id,
      ask: { kind: "buy", solIn: SOL(5n), slippageBps: 100 },
    });
    if (!stale.ok) throw stale.error;
    const mover = await trade(token.id, { kind: "buy", solIn: SOL(10n), slippageBps: 100 }, "Whale");
    if (!mover.ok) throw mover.error;
    await land(mover.value.tx.id);
    const late = await tokens.buildDatasetTx({ txId: stale.value.tx.id, facts: facts("BuyerThree") }, chain);
    expect(late.ok || late.error.code).toBe("CURVE_SLIPPAGE");
    const wide = await trade(token.id, { kind: "buy", solIn: SOL(5n), slippageBps: 5_000 }, "BuyerThree");
    expect(wide.ok).toBe(true);
    if (wide.ok) await land(wide.value.tx.id);
  });

  it("GIVEN trade requests racing on one curve THEN exactly one is built", async () => {
    const [live] = await tokens.listDatasetTokens();
    const asks = await Promise.all(
      [1n, 2n, 3n, 4n].map((n) =>
        tokens.requestTrade({
          accountId: bob.id,
          tokenId: live!.token.id,
          ask: { kind: "buy", solIn: SOL(n) / 10n, slippageBps: 5_000 },
        }),
      ),
    );
    const results = await Promise.all(
      asks.map((a, i) => (a.ok ? tokens.buildDatasetTx({ txId: a.value.tx.id, facts: facts(`Racer${i}`) }, chain) : a)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual([
      "CURVE_BUSY",
      "CURVE_BUSY",
      "CURVE_BUSY",
    ]);
    const winner = results.find((r) => r.ok);
    // It failed on chain: nothing moves and the curve is free again.
    const before = (await tokens.getDatasetToken(live!.token.id)).ok;
    expect(before).toBe(true);
    if (winner?.ok) await land(winner.value.tx.id, false);
    const still = await tokens.getDatasetToken(live!.token.id);
    expect(still.ok && still.value.token.reserves).toEqual(live!.token.reserves);
    const next = await trade(
      live!.token.id,
      { kind: "sell", sellBps: 10_000, slippageBps: 100 },
      "BuyerOne",
      1_000_000n,
    );
    expect(next.ok).toBe(true);
    if (!next.ok) throw next.error;
    expect(await tokens.expireDatasetTx(next.value.tx.id)).toEqual({ ok: true, value: true });
    // Its blockhash passed unsigned: opened again while the chat request lasts, it is priced anew…
    const again = await tokens.buildDatasetTx({ txId: next.value.tx.id, facts: facts("BuyerOne", 1_000_000n) }, chain);
    expect(again.ok && again.value.tx.built!.messageHash).not.toBe(next.value.tx.built!.messageHash);
    if (again.ok) await tokens.expireDatasetTx(again.value.tx.id);
    // …and after the request's own 15 minutes it is refused.
    s.deps.clock.advance(16 * 60_000);
    const late = await tokens.buildDatasetTx({ txId: next.value.tx.id, facts: facts("BuyerOne", 1_000_000n) }, chain);
    expect(late.ok || late.error.code).toBe("DATASET_TX_EXPIRED");
  });

  it("GIVEN a holder sells a share of their holdings THEN the curve pays gross minus the creator's fee, and can still buy back every token it sold", async () => {
    const [live] = await tokens.listDatasetTokens();
    const token = live!.token;
    const holdings = 3_000_000_000n;
    const sold = await trade(token.id, { kind: "sell", sellBps: 5_000, slippageBps: 100 }, "BuyerOne", holdings);
    if (!sold.ok) throw sold.error;
    const expected = quoteSell(token.reserves, token.params, { tokensIn: holdings / 2n });
    if (!expected.ok) throw expected.error;
    expect(sold.value.plan).toMatchObject({
      kind: "sell",
      tokens: holdings / 2n,
      solOut: expected.value.solOut,
      fee: expected.value.fee,
    });
    const seen = await land(sold.value.tx.id);
    expect(seen.token.reserves).toEqual(expected.value.after);
    expect(seen.token.fees).toBe(token.fees + expected.value.fee);
    expect(seen.token.reserves.sol - token.params.virtualSol).toBeGreaterThanOrEqual(
      sellAllValue(seen.token.reserves, token.params),
    );
    const nothing = await trade(token.id, { kind: "sell", sellBps: 100, slippageBps: 100 }, "Empty", 0n);
    expect(nothing.ok || nothing.error.code).toBe("HOLDINGS_TOO_LOW");
  });

  it("GIVEN a holder burns the threshold THEN the asker may download the dataset, once", async () => {
    const [live] = await tokens.listDatasetTokens();
    const token = live!.token;
    const before = await tokens.downloadableExports({ accountId: bob.id, tokenId: token.id });
    expect(before.ok || before.error.code).toBe("DATASET_NO_ACCESS");
    const short = await trade(token.id, { kind: "unlock" }, "BuyerOne", thresholdUnits(100) - 1n);
    expect(short.ok || short.error.code).toBe("HOLDINGS_TOO_LOW");
    const burn = await trade(token.id, { kind: "unlock" }, "BuyerOne", thresholdUnits(100));
    if (!burn.ok) throw burn.error;
    expect(burn.value.plan).toMatchObject({ kind: "unlock", tokens: thresholdUnits(100) });
    const seen = await land(burn.value.tx.id);
    expect(seen.unlocked).toEqual([token.id]);
    expect(seen.token.supply).toBe(token.supply - thresholdUnits(100));
    const after = await tokens.downloadableExports({ accountId: bob.id, tokenId: token.id });
    expect(after.ok && after.value.exports.map((e) => e.id)).toEqual([`export-${factory.id}`]);
    const again = await trade(token.id, { kind: "unlock" }, "BuyerOne", thresholdUnits(100));
    expect(again.ok || again.error.code).toBe("DATASET_ACCESS_ALREADY");
  });

  it("GIVEN live dataset tokens WHEN an admin bundles them THEN their creators are allocated by paid recordings and one burn unlocks them all", async () => {
    const dave = await s.person("dave");
    const other = await s.factory(dave, { rewardPerDemo: USDC(2), threshold: 50 });
    await readyExport(other);
    const second = await launched(other, dave, "DaveWallet", "DAVE");
    const [first] = (await tokens.listDatasetTokens()).filter((t) => t.token.symbol === "SHEET");
    const notAdmin = await tokens.requestMetaLaunch({
      actor: { accountId: bob.id, isAdmin: false },
      terms: { name: "Office bundle", symbol: "OFFICE", burnBps: 200 },
      tokenIds: [first!.token.id, second.id],
    });
    expect(notAdmin.ok || notAdmin.error.code).toBe("NOT_ALLOWED");
    const meta = await tokens.requestMetaLaunch({
      actor: { accountId: bob.id, isAdmin: true },
      terms: { name: "Office bundle", symbol: "OFFICE", burnBps: 200 },
      tokenIds: [first!.token.id, second.id],
    });
    if (!meta.ok) throw meta.error;
    // Neither factory has paid recordings here: each counts one, so the allocation halves.
    expect(meta.value.members.map((m) => m.allocation)).toEqual([thresholdUnits(200) / 2n, thresholdUnits(200) / 2n]);
    await s.deps.uow.run(async (r) => {
      await r.accounts.addWallet({ address: "AdminWallet", accountId: bob.id, verifiedAt: s.deps.clock.now() });
      return { ok: true };
    });
    built = [];
    const b = await tokens.buildDatasetTx({ txId: meta.value.tx.id, facts: facts("AdminWallet", 0n, bob.id) }, chain);
    if (!b.ok) throw b.error;
    // The admin's launch buys the whole allocation from the curve; nothing is minted yet.
    const backed = quoteAllocation(curveStart(DEFAULT_CURVE), DEFAULT_CURVE, thresholdUnits(200));
    if (!backed.ok) throw backed.error;
    expect(built[0]).toMatchObject({
      kind: "launch",
      solFee: 0n,
      clonesFee: 0n,
      allocations: [],
      backing: backed.value.solNet,
    });
    const live = await land(b.value.tx.id);
    expect(live.token).toMatchObject({
      status: "live",
      creatorWallet: TREASURY,
      supply: 0n,
      reserves: backed.value.after,
    });

    // Each creator claims theirs, once, to a wallet they verified.
    expect(await tokens.claimable(dave.id)).toEqual([
      { metaId: live.token.id, symbol: "OFFICE", tokenId: second.id, allocation: thresholdUnits(200) / 2n },
    ]);
    const claim = await tokens.requestClaim({ accountId: dave.id, metaId: live.token.id, tokenId: second.id });
    if (!claim.ok) throw claim.error;
    const elsewhere = await tokens.buildDatasetTx(
      { txId: claim.value.tx.id, facts: facts("NotDaves", 0n, null) },
      chain,
    );
    expect(elsewhere.ok || elsewhere.error.code).toBe("WALLET_NOT_VERIFIED");
    const claimed = await tokens.buildDatasetTx(
      { txId: claim.value.tx.id, facts: facts("DaveWallet", 0n, dave.id) },
      chain,
    );
    if (!claimed.ok) throw claimed.error;
    expect(claimed.value.plan).toMatchObject({ kind: "claim", owner: "DaveWallet", tokens: thresholdUnits(200) / 2n });
    expect((await land(claimed.value.tx.id)).token.supply).toBe(thresholdUnits(200) / 2n);
    expect(await tokens.claimable(dave.id)).toEqual([]);
    const stolen = await tokens.requestClaim({ accountId: bob.id, metaId: live.token.id, tokenId: first!.token.id });
    expect(stolen.ok || stolen.error.code).toBe("DATASET_TOKEN_NOT_FOUND");

    const eve = await s.person("eve");
    const bought = await trade(live.token.id, { kind: "buy", solIn: SOL(1n), slippageBps: 100 }, "EveWallet");
    if (!bought.ok) throw bought.error;
    expect((bought.value.plan as { tokens: bigint }).tokens).toBeGreaterThan(thresholdUnits(200));
    await land(bought.value.tx.id);
    const ask = await tokens.requestTrade({ accountId: eve.id, tokenId: live.token.id, ask: { kind: "unlock" } });
    if (!ask.ok) throw ask.error;
    const burn = await tokens.buildDatasetTx(
      { txId: ask.value.tx.id, facts: facts("EveWallet", thresholdUnits(200)) },
      chain,
    );
    if (!burn.ok) throw burn.error;
    const seen = await land(burn.value.tx.id);
    expect([...seen.unlocked].sort()).toEqual([live.token.id, first!.token.id, second.id].sort());
    const files = await tokens.downloadableExports({ accountId: eve.id, tokenId: live.token.id });
    expect(files.ok && files.value.exports.map((e) => e.id).sort()).toEqual(
      [`export-${factory.id}`, `export-${other.id}`].sort(),
    );
    const direct = await tokens.downloadableExports({ accountId: eve.id, tokenId: second.id });
    expect(direct.ok).toBe(true);
  });

  it("GIVEN the creator's tokens traded THEN their volume fees add up to 0.25% of each trade, floored", async () => {
    const fees = await tokens.creatorFees(carol.id);
    const [sheet] = (await tokens.listDatasetTokens()).filter((t) => t.token.symbol === "SHEET");
    expect(fees).toEqual([{ tokenId: sheet!.token.id, symbol: "SHEET", fees: sheet!.token.fees }]);
    expect(sheet!.token.fees).toBeGreaterThan(0n);
  });
});
