// XP boosts by burning CLONES, end to end on the local chain: the server answers a wallet's
// Solana Pay transaction request with a burn, the wallet signs and sends it as wallets do, the
// watcher finds it through the treasury's signatures and the boost applies. Forged, failed and
// too-small burns grant nothing.
import {
  AccountRole,
  address,
  appendTransactionMessageInstructions,
  createSolanaRpc,
  createTransactionMessage,
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  getBase64Encoder,
  getTransactionDecoder,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransaction,
  signTransactionMessageWithSigners,
  type Instruction,
  type KeyPairSigner,
} from "@solana/kit";
import { getAddMemoInstruction } from "@solana-program/memo";
import { getBurnCheckedInstruction } from "@solana-program/token";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boostRoutes } from "../../app/boosts.js";
import { createWatcher } from "../../chain/watcher.js";
import { paymentMemo, type PaymentRequest } from "../../core/payments/payment.js";
import { startHttpServer } from "../../server/http-server.js";
import { ata } from "../support/chain-payments.js";
import { TEST_MINTS } from "../support/core-deps.js";
import { LocalChain } from "../support/local-chain.js";
import { MemoryStore } from "../support/memory-store.js";
import { must, scenario } from "../support/scenario.js";

const CLONES = (n: bigint) => n * 10n ** 9n;

describe("XP boosts: burning CLONES through a Solana Pay transaction request", () => {
  const chain = new LocalChain();
  let treasury: string;
  let s: ReturnType<typeof scenario>;
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let watcher: ReturnType<typeof createWatcher>;
  const cursors = new Map<string, string>();

  beforeAll(async () => {
    await chain.start();
    treasury = (await generateKeyPairSigner()).address;
    chain.airdrop(treasury, 1_000_000_000n);
    chain.createMint(TEST_MINTS.CLONES, 9, CLONES(1_000_000_000n), (await generateKeyPairSigner()).address);
    s = scenario(new MemoryStore(), {
      payments: { treasury, stakingVault: null, newReference: () => generateReference() },
    });
    server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      checks: {},
      metrics: async () => ({ contentType: "text/plain", body: "" }),
      routes: boostRoutes({
        core: s.core,
        tokens: s.deps.tokens,
        rpcUrl: chain.url,
        treasury,
        publicUrl: "https://forge.example.com",
      }),
      onError: (e) => {
        throw e;
      },
    });
    watcher = createWatcher({
      rpcUrl: chain.url,
      core: s.core,
      tokens: s.deps.tokens,
      cursors: { get: async (a) => cursors.get(a) ?? null, set: async (a, sig) => void cursors.set(a, sig) },
      wallets: [treasury],
      tokenAccounts: [],
    });
  });
  afterAll(async () => {
    await server.close();
    await chain.stop();
  });

  let references = 0;
  const referencePool: string[] = [];
  const generateReference = () => referencePool[references++]!;
  beforeAll(async () => {
    for (let i = 0; i < 20; i++) referencePool.push((await generateKeyPairSigner()).address);
  });

  async function walletWithClones(amount: bigint): Promise<KeyPairSigner> {
    const wallet = await generateKeyPairSigner();
    chain.airdrop(wallet.address, 1_000_000_000n);
    chain.setTokenAccount(await ata(wallet.address, TEST_MINTS.CLONES), TEST_MINTS.CLONES, wallet.address, amount);
    return wallet;
  }

  /** What a wallet app does with a transaction request: GET, POST its address, sign, send. */
  async function payAsAWallet(request: PaymentRequest, wallet: KeyPairSigner) {
    const url = `${server.url}/api/pay/tx/${request.id}`;
    const get = await fetch(url);
    expect(await get.json()).toEqual({ label: "CLONES Forge", icon: "https://forge.example.com/icon.svg" });
    const post = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: wallet.address }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get("access-control-allow-origin")).toBe("*");
    const { transaction, message } = (await post.json()) as { transaction: string; message: string };
    const decoded = getTransactionDecoder().decode(getBase64Encoder().encode(transaction));
    const signed = await signTransaction([wallet.keyPair], decoded);
    const rpc = createSolanaRpc(chain.url);
    await rpc
      .sendTransaction(getBase64EncodedWireTransaction(signed), { encoding: "base64", skipPreflight: true })
      .send();
    return message;
  }

  it("GIVEN a 500 CLONES boost request WHEN a wallet signs the served burn THEN the CLONES are destroyed and the ×1.5 boost applies for 72 hours, once", async () => {
    const person = await s.person("booster");
    const { request, boost } = must(await s.core.requestBoost({ accountId: person.id, boostId: "flame" }));
    expect(boost).toMatchObject({ bps: 15_000, hours: 72 });
    const wallet = await walletWithClones(CLONES(800n));
    const message = await payAsAWallet(request, wallet);
    expect(message).toBe("Burn 500 CLONES for ×1.5 XP for 72 h");
    const poll = await watcher.pollOnce();
    expect(poll.burns).toHaveLength(1);
    expect(poll.burns[0]!.granted).toMatchObject({ bps: 15_000 });
    const account = must(await s.core.getProfile(person.id)).account;
    expect(account.boostBps).toBe(15_000);
    expect(account.boostUntil!.getTime() - s.deps.clock.now().getTime()).toBe(72 * 3600_000);
    expect(await tokenBalance(wallet.address)).toBe(CLONES(300n));
    // The same burn seen again changes nothing, and the paid request serves no second burn.
    cursors.clear();
    expect((await watcher.pollOnce()).burns).toEqual([]);
    const again = await fetch(`${server.url}/api/pay/tx/${request.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: wallet.address }),
    });
    expect(again.status).toBe(410);
  });

  it("GIVEN a forged transaction (memo and reference, no burn), a burn of another mint, a failed burn, or too small a burn THEN no boost", async () => {
    const person = await s.person("forger");
    const { request } = must(await s.core.requestBoost({ accountId: person.id, boostId: "blaze" }));
    const wallet = await walletWithClones(CLONES(5_000n));
    const keys = [request.reference, treasury];
    // 1. The memo and the keys, but nothing burned.
    await sendWith(wallet, [withKeys(getAddMemoInstruction({ memo: paymentMemo(request) }), keys)]);
    // 2. A burn of a worthless look-alike mint.
    const fake = (await generateKeyPairSigner()).address;
    chain.createMint(fake, 9, CLONES(10_000n), (await generateKeyPairSigner()).address);
    chain.setTokenAccount(await ata(wallet.address, fake), fake, wallet.address, CLONES(5_000n));
    await sendWith(wallet, [burnOf(wallet, fake, CLONES(2_000n), keys)]);
    // 3. A burn of more CLONES than the wallet holds: the transaction fails.
    await sendWith(wallet, [burnOf(wallet, TEST_MINTS.CLONES, CLONES(9_000n), keys)]);
    // 4. A real CLONES burn, but 100 instead of 2000.
    await sendWith(wallet, [burnOf(wallet, TEST_MINTS.CLONES, CLONES(100n), keys)]);
    const poll = await watcher.pollOnce();
    expect(poll.burns.map((b) => [b.payment.outcome, b.granted])).toEqual([["underpaid", null]]);
    const account = must(await s.core.getProfile(person.id)).account;
    expect(account.boostBps).toBe(10_000);
    expect(account.boostUntil).toBeNull();
  });

  it("refuses a request id it does not know, and a body without a wallet address", async () => {
    expect((await fetch(`${server.url}/api/pay/tx/no-such-request`)).status).toBe(200); // GET shows the label only
    const unknown = await fetch(`${server.url}/api/pay/tx/no-such-request`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: treasury }),
    });
    expect(unknown.status).toBe(404);
    const person = await s.person("x");
    const { request } = must(await s.core.requestBoost({ accountId: person.id, boostId: "spark" }));
    const bad = await fetch(`${server.url}/api/pay/tx/${request.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: "not an address" }),
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${server.url}/api/pay/tx/${request.id}`, { method: "OPTIONS" })).status).toBe(204);
  });

  async function tokenBalance(wallet: string): Promise<bigint> {
    const account = chain.svm.getAccount(address(await ata(wallet, TEST_MINTS.CLONES)));
    if (!account.exists) return 0n;
    return new DataView(account.data.buffer, account.data.byteOffset).getBigUint64(64, true);
  }

  const withKeys = (ix: Instruction, keys: readonly string[]): Instruction => ({
    ...ix,
    accounts: [...(ix.accounts ?? []), ...keys.map((k) => ({ address: address(k), role: AccountRole.READONLY }))],
  });

  const burnOf = (wallet: KeyPairSigner, mint: string, amount: bigint, keys: readonly string[]) => ({
    mint,
    amount,
    keys,
    wallet,
  });

  async function sendWith(
    wallet: KeyPairSigner,
    parts: Array<Instruction | { mint: string; amount: bigint; keys: readonly string[]; wallet: KeyPairSigner }>,
  ) {
    const instructions: Instruction[] = [];
    for (const p of parts)
      instructions.push(
        "programAddress" in p
          ? p
          : withKeys(
              getBurnCheckedInstruction({
                account: address(await ata(p.wallet.address, p.mint)),
                mint: address(p.mint),
                authority: p.wallet,
                amount: p.amount,
                decimals: 9,
              }),
              p.keys,
            ),
      );
    const rpc = createSolanaRpc(chain.url);
    const { value: lifetime } = await rpc.getLatestBlockhash().send();
    const message = pipe(
      createTransactionMessage({ version: 0 }),
      (m) => setTransactionMessageFeePayerSigner(wallet, m),
      (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
      (m) => appendTransactionMessageInstructions(instructions, m),
    );
    const signed = await signTransactionMessageWithSigners(message);
    await rpc
      .sendTransaction(getBase64EncodedWireTransaction(signed), { encoding: "base64", skipPreflight: true })
      .send();
  }
});
