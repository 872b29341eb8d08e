// Dataset tokens end to end on the local chain, as wallets use them: each launch, buy, sell,
// burn and claim is a Solana Pay transaction request over HTTP, signed by a test wallet and sent
// to the chain; the payment watcher (scanning the treasury) records what landed. Tampered and
// replayed transactions are refused and change nothing; trades on one curve are one at a time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createSolanaRpc,
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  getBase64Encoder,
  getTransactionDecoder,
  signTransaction,
  type Address,
  type KeyPairSigner,
  type Transaction,
} from "@solana/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDatasetExports, type DatasetExports } from "../../app/datasets.js";
import { buildDatasetTokens, datasetCardRoute, datasetTxRequests, settlement } from "../../app/dataset-tokens.js";
import { transactionRequests } from "../../app/transaction-requests.js";
import { curveVault } from "../../chain/curve-keys.js";
import { datasetTokenAccount, readDatasetMint } from "../../chain/dataset-token.js";
import { createWatcher } from "../../chain/watcher.js";
import type { DatasetTokens } from "../../core/dataset-tokens/index.js";
import { thresholdUnits } from "../../core/dataset-tokens/launch.js";
import type { DatasetTxOutcome } from "../../core/dataset-tokens/record-dataset-tx.js";
import { curveStart, DEFAULT_CURVE, quoteAllocation, quoteBuy, quoteSell } from "../../core/datasets/curve.js";
import type { Account } from "../../core/accounts/account.js";
import type { Factory } from "../../core/factories/factory.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { startHttpServer } from "../../server/http-server.js";
import { localDiskStorage } from "../../server/uploads/storage.js";
import { ata } from "../support/chain-payments.js";
import { TEST_MINTS } from "../support/core-deps.js";
import { createTestDatabase, postgresUrl } from "../support/databases.js";
import { BLOCKHASH_WINDOW, LocalChain } from "../support/local-chain.js";
import { insertReadyExport } from "../support/ready-export.js";
import { scenario, USDC } from "../support/scenario.js";

const SOL = 1_000_000_000n;
const CLONES = (n: bigint) => n * 10n ** 9n;
const LAUNCH_SOL_FEE = SOL / 10n;
const LAUNCH_CLONES_FEE = CLONES(100n);
const SECRET = new Uint8Array(32).fill(7);

describe("dataset tokens through Solana Pay transaction requests on the local chain", () => {
  const chain = new LocalChain();
  const work = mkdtempSync(join(tmpdir(), "forge-dataset-tokens-"));
  const storage = localDiskStorage(join(work, "blobs"));
  let rpc: ReturnType<typeof createSolanaRpc>;
  let db: Database;
  let s: ReturnType<typeof scenario>;
  let tokens: DatasetTokens;
  let exportsApp: DatasetExports;
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let watcher: ReturnType<typeof createWatcher>;
  let treasury: string;
  const cursors = new Map<string, string>();
  const outcomes: DatasetTxOutcome[] = [];
  let carol: Account;
  let bob: Account;
  let factory: Factory;
  let carolWallet: KeyPairSigner;
  let bobWallet: KeyPairSigner;
  let tokenId: string;

  const balance = async (a: string) => (await rpc.getBalance(a as Address, { commitment: "confirmed" }).send()).value;
  const holdings = async (owner: string, mint: string) => {
    const r = await rpc
      .getTokenAccountBalance((await datasetTokenAccount(owner, mint)) as Address, { commitment: "confirmed" })
      .send()
      .catch(() => null);
    return r ? BigInt(r.value.amount) : 0n;
  };
  const token = async () => {
    const found = await tokens.getDatasetToken(tokenId);
    if (!found.ok) throw found.error;
    return found.value.token;
  };
  const poll = async () => {
    outcomes.length = 0;
    await watcher.pollOnce();
    return [...outcomes];
  };

  async function verified(account: Account, lamports = 20n * SOL): Promise<KeyPairSigner> {
    const wallet = await generateKeyPairSigner();
    chain.airdrop(wallet.address, lamports);
    await s.deps.uow.run(async (r) => {
      await r.accounts.addWallet({ address: wallet.address, accountId: account.id, verifiedAt: s.deps.clock.now() });
      return { ok: true };
    });
    return wallet;
  }

  /** What a wallet app does: POST its address, get the transaction, sign it. */
  async function open(txId: string, wallet: KeyPairSigner) {
    const post = await fetch(`${server.url}/api/pay/tx/${txId}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: wallet.address }),
    });
    const body = (await post.json()) as { transaction?: string; message: string };
    return { status: post.status, message: body.message, transaction: body.transaction };
  }
  async function sign(transaction: string, wallet: KeyPairSigner): Promise<Transaction> {
    const decoded = getTransactionDecoder().decode(getBase64Encoder().encode(transaction));
    return signTransaction([wallet.keyPair], decoded);
  }
  const send = (signed: Transaction) =>
    rpc.sendTransaction(getBase64EncodedWireTransaction(signed), { encoding: "base64" }).send();
  async function carryOut(txId: string, wallet: KeyPairSigner) {
    const opened = await open(txId, wallet);
    expect(opened.status, opened.message).toBe(200);
    const signed = await sign(opened.transaction!, wallet);
    await send(signed);
    return { ...opened, signed };
  }
  async function ask(ask: Parameters<DatasetTokens["requestTrade"]>[0]["ask"], who: Account = bob) {
    const asked = await tokens.requestTrade({ accountId: who.id, tokenId, ask });
    if (!asked.ok) throw asked.error;
    return asked.value.tx.id;
  }

  beforeAll(async () => {
    await chain.start();
    rpc = createSolanaRpc(chain.url);
    treasury = (await generateKeyPairSigner()).address;
    chain.airdrop(treasury, SOL);
    chain.createMint(TEST_MINTS.CLONES, 9, CLONES(1_000_000_000n), (await generateKeyPairSigner()).address);
    chain.setTokenAccount(await ata(treasury, TEST_MINTS.CLONES), TEST_MINTS.CLONES, treasury, 0n);
    db = postgresUrl()
      ? await openDatabase({ kind: "postgres", url: await createTestDatabase(postgresUrl()) })
      : await openDatabase({ kind: "pglite" });
    s = scenario(prismaUnitOfWork(db.prisma, { query: db.query, pool: db.pool }));
    carol = await s.person("carol");
    bob = await s.person("bob");
    factory = await s.factory(carol, { rewardPerDemo: USDC(2), threshold: 50 });
    // A ready export of the factory, its archive in storage.
    await storage.put(`datasets/${factory.id}/1.zip`, Buffer.from("the dataset archive"));
    await insertReadyExport(db, factory);

    tokens = buildDatasetTokens({
      db,
      uow: s.deps.uow,
      terms: { solFee: LAUNCH_SOL_FEE, clonesFee: LAUNCH_CLONES_FEE, curve: DEFAULT_CURVE },
      treasury,
      clock: s.deps.clock,
    });
    const exportOptions = {
      secret: "dataset-token-test-secret-0123456789",
      db,
      storage,
      connection: null,
      workDir: work,
    };
    server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      checks: {},
      metrics: async () => ({ contentType: "text/plain", body: "" }),
      onError: (e) => {
        throw e;
      },
      routes: [
        ...transactionRequests("https://forge.example.com", [
          datasetTxRequests({
            tokens,
            uow: s.deps.uow,
            secret: SECRET,
            rpcUrl: chain.url,
            treasury,
            publicUrl: "https://forge.example.com",
            clones: { mint: TEST_MINTS.CLONES, decimals: 9 },
          }).build,
        ]),
        datasetCardRoute(tokens),
        buildDatasetExports({ ...exportOptions, publicUrl: undefined })!.routes(),
      ],
    });
    exportsApp = buildDatasetExports({ ...exportOptions, publicUrl: server.url })!;
    const settle = settlement(tokens, chain.url);
    watcher = createWatcher({
      rpcUrl: chain.url,
      core: s.core,
      tokens: s.deps.tokens,
      cursors: { get: async (a) => cursors.get(a) ?? null, set: async (a, sig) => void cursors.set(a, sig) },
      wallets: [treasury],
      tokenAccounts: [],
      onTransaction: async (tx) => {
        const outcome = await settle.seen(tx);
        if (outcome?.isNew) outcomes.push(outcome);
      },
    });
    carolWallet = await verified(carol);
    chain.setTokenAccount(
      await ata(carolWallet.address, TEST_MINTS.CLONES),
      TEST_MINTS.CLONES,
      carolWallet.address,
      CLONES(1_000n),
    );
    bobWallet = await generateKeyPairSigner();
    chain.airdrop(bobWallet.address, 20n * SOL);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await chain.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("GIVEN a creator's launch WHEN their verified wallet signs it THEN the mint carries the card, the allocation is bought from the curve and the fees reach the treasury", async () => {
    const asked = await tokens.requestLaunch({
      actor: { accountId: carol.id, isAdmin: false },
      factoryId: factory.id,
      terms: { name: "Sheets demos", symbol: "SHEET", burnBps: 100 },
    });
    if (!asked.ok) throw asked.error;
    tokenId = asked.value.token.id;
    // Another wallet than the creator's is refused; the creator's is told what it signs.
    const stranger = await generateKeyPairSigner();
    expect(await open(asked.value.tx.id, stranger)).toMatchObject({ status: 403 });
    const treasuryBefore = await balance(treasury);
    const { message } = await carryOut(asked.value.tx.id, carolWallet);
    expect(message).toBe("Launch $SHEET");
    const seen = await poll();
    expect(seen).toHaveLength(1);
    const live = await token();
    expect(live).toMatchObject({ status: "live", creatorWallet: carolWallet.address, supply: thresholdUnits(100) });
    const mint = await readDatasetMint(chain.url, live.mint!);
    expect(mint).toMatchObject({
      name: "Sheets demos",
      symbol: "SHEET",
      uri: `https://forge.example.com/d/${tokenId}`,
      supply: thresholdUnits(100),
      mintAuthority: (await curveVault(SECRET, tokenId)).address,
    });
    expect(await holdings(carolWallet.address, live.mint!)).toBe(thresholdUnits(100));
    const allocation = quoteAllocation(curveStart(DEFAULT_CURVE), DEFAULT_CURVE, thresholdUnits(100));
    if (!allocation.ok) throw allocation.error;
    expect(live.reserves).toEqual(allocation.value.after);
    const vault = (await curveVault(SECRET, tokenId)).address;
    const rent = BigInt(await rpc.getMinimumBalanceForRentExemption(0n).send());
    expect(await balance(vault)).toBe(rent + allocation.value.solNet);
    expect((await balance(treasury)) - treasuryBefore).toBe(LAUNCH_SOL_FEE);
    const card = await fetch(`${server.url}/d/${tokenId}`);
    expect(card.status).toBe(200);
    expect(await card.text()).toContain("# Sheets demos ($SHEET)");
    // A quote at today's reserves, as the next buy would be priced.
    const quoted = await fetch(`${server.url}/d/${tokenId}/quote?buy=${SOL}`);
    const expected = quoteBuy(live.reserves, live.params, { solIn: SOL });
    if (!expected.ok) throw expected.error;
    expect(await quoted.json()).toMatchObject({ side: "buy", tokens: expected.value.tokens.toString() });
    expect((await fetch(`${server.url}/d/${tokenId}/quote?buy=-1`)).status).toBe(400);
    expect((await fetch(`${server.url}/d/nosuchtoken/quote?buy=1`)).status).toBe(404);
  });

  it("GIVEN a live token WHEN a wallet buys THEN it gets exactly the quoted tokens, the vault the net and the creator 0.25%", async () => {
    const before = await token();
    const quote = quoteBuy(before.reserves, before.params, { solIn: SOL });
    if (!quote.ok) throw quote.error;
    const vault = (await curveVault(SECRET, tokenId)).address;
    const [vaultBefore, creatorBefore] = [await balance(vault), await balance(carolWallet.address)];
    const { message } = await carryOut(await ask({ kind: "buy", solIn: SOL, slippageBps: 100 }), bobWallet);
    expect(message).toMatch(/^Buy [\d.]+ \$SHEET for 1 SOL$/);
    expect((await poll()).map((o) => o.tx.kind)).toEqual(["buy"]);
    expect(await holdings(bobWallet.address, before.mint!)).toBe(quote.value.tokens);
    expect((await balance(vault)) - vaultBefore).toBe(quote.value.solNet);
    expect((await balance(carolWallet.address)) - creatorBefore).toBe(quote.value.fee);
    expect(quote.value.fee).toBe(2_500_000n);
    expect(await token()).toMatchObject({ reserves: quote.value.after, fees: quote.value.fee, volume: SOL });
  });

  it("GIVEN two wallets opening trades on one curve at once THEN one is priced, the other waits; a quote whose blockhash passed frees the curve", async () => {
    const [a, b] = [
      await ask({ kind: "buy", solIn: SOL / 10n, slippageBps: 500 }),
      await ask({ kind: "buy", solIn: SOL / 5n, slippageBps: 500 }),
    ];
    const other = await generateKeyPairSigner();
    chain.airdrop(other.address, 5n * SOL);
    const [first, second] = await Promise.all([open(a, bobWallet), open(b, other)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect([first, second].find((r) => r.status === 409)!.message).toMatch(/Another trade on this token/);
    const reservesBefore = (await token()).reserves;
    // Nobody signs: once the blockhash window passes, the next wallet is priced.
    chain.advanceBlocks(BLOCKHASH_WINDOW + 2);
    const waited = first.status === 409 ? { id: a, wallet: bobWallet } : { id: b, wallet: other };
    await carryOut(waited.id, waited.wallet);
    expect((await poll()).map((o) => o.tx.kind)).toEqual(["buy"]);
    const expired = (await tokens.findTx(first.status === 200 ? a : b))!;
    expect(expired.status).toBe("expired");
    expect((await token()).reserves).not.toEqual(reservesBefore);
  });

  it("GIVEN a served transaction WHEN the wallet tampers with it or sends a landed one again THEN the chain refuses it and nothing changes", async () => {
    const before = await token();
    const opened = await open(await ask({ kind: "sell", sellBps: 1_000, slippageBps: 100 }), bobWallet);
    expect(opened.status).toBe(200);
    const decoded = getTransactionDecoder().decode(getBase64Encoder().encode(opened.transaction!));
    // Raise the lamports the vault pays out (the last 8-byte amount in the message) by one.
    const bytes = new Uint8Array(decoded.messageBytes);
    const quote = quoteSell(before.reserves, before.params, {
      tokensIn: ((await holdings(bobWallet.address, before.mint!)) * 1_000n) / 10_000n,
    });
    if (!quote.ok) throw quote.error;
    const amount = new Uint8Array(new BigUint64Array([quote.value.solOut]).buffer);
    const at = Buffer.from(bytes).indexOf(Buffer.from(amount));
    expect(at).toBeGreaterThan(0);
    bytes[at] = bytes[at]! + 1;
    const tampered = await signTransaction([bobWallet.keyPair], { ...decoded, messageBytes: bytes as never });
    await expect(send(tampered)).rejects.toThrow();
    // The untampered one lands; sent again, it is refused.
    const signed = await sign(opened.transaction!, bobWallet);
    await send(signed);
    await expect(send(signed)).rejects.toThrow();
    const seen = await poll();
    expect(seen.map((o) => o.tx.kind)).toEqual(["sell"]);
    expect((await token()).reserves).toEqual(quote.value.after);
    cursors.clear();
    expect(await poll()).toEqual([]);
    expect((await token()).reserves).toEqual(quote.value.after);
  });

  it("GIVEN a holder WHEN they burn the threshold THEN the watcher sees the burn and only then they get a working download link", async () => {
    const before = await token();
    const txId = await ask({ kind: "unlock" });
    const denied = await tokens.downloadableExports({ accountId: bob.id, tokenId });
    expect(denied.ok || denied.error.code).toBe("DATASET_NO_ACCESS");
    const held = await holdings(bobWallet.address, before.mint!);
    await carryOut(txId, bobWallet);
    const stillDenied = await tokens.downloadableExports({ accountId: bob.id, tokenId });
    expect(stillDenied.ok).toBe(false);
    expect((await poll()).map((o) => o.unlocked)).toEqual([[tokenId]]);
    expect(await holdings(bobWallet.address, before.mint!)).toBe(held - thresholdUnits(100));
    expect((await token()).supply).toBe(before.supply - thresholdUnits(100));
    const files = await tokens.downloadableExports({ accountId: bob.id, tokenId });
    if (!files.ok) throw files.error;
    const link = exportsApp.link(files.value.exports[0]!.id)!;
    const download = await fetch(link);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe("the dataset archive");
  });

  it("GIVEN two live datasets WHEN an admin launches a meta-dataset THEN it pays for the allocations and each creator claims theirs", async () => {
    const dave = await s.person("dave");
    const other = await s.factory(dave, { rewardPerDemo: USDC(2), threshold: 50 });
    await insertReadyExport(db, other);

    const daveWallet = await verified(dave);
    chain.setTokenAccount(
      await ata(daveWallet.address, TEST_MINTS.CLONES),
      TEST_MINTS.CLONES,
      daveWallet.address,
      CLONES(500n),
    );
    const launch = await tokens.requestLaunch({
      actor: { accountId: dave.id, isAdmin: false },
      factoryId: other.id,
      terms: { name: "Docs demos", symbol: "DOCS", burnBps: 50 },
    });
    if (!launch.ok) throw launch.error;
    await carryOut(launch.value.tx.id, daveWallet);
    await poll();
    const admin = await s.person("admin");
    const adminWallet = await verified(admin);
    const meta = await tokens.requestMetaLaunch({
      actor: { accountId: admin.id, isAdmin: true },
      terms: { name: "Office bundle", symbol: "OFFICE", burnBps: 200 },
      tokenIds: [tokenId, launch.value.token.id],
    });
    if (!meta.ok) throw meta.error;
    await carryOut(meta.value.tx.id, adminWallet);
    await poll();
    const live = await tokens.getDatasetToken(meta.value.token.id);
    if (!live.ok) throw live.error;
    expect(live.value.token).toMatchObject({ status: "live", creatorWallet: treasury, supply: 0n });
    const claim = await tokens.requestClaim({
      accountId: dave.id,
      metaId: meta.value.token.id,
      tokenId: launch.value.token.id,
    });
    if (!claim.ok) throw claim.error;
    await carryOut(claim.value.tx.id, daveWallet);
    expect((await poll()).map((o) => o.tx.kind)).toEqual(["claim"]);
    expect(await holdings(daveWallet.address, live.value.token.mint!)).toBe(claim.value.allocation);
    expect(claim.value.allocation).toBe(thresholdUnits(200) / 2n);
    // Claimed once: a second claim is refused.
    const again = await tokens.requestClaim({
      accountId: dave.id,
      metaId: meta.value.token.id,
      tokenId: launch.value.token.id,
    });
    expect(again.ok).toBe(false);
  });
});
