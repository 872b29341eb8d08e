// "Seen" before "confirmed" on the local chain: the cluster holds confirmations until told,
// so the test can look at the moment between the wallet sending and the watcher crediting.
import { generateKeyPairSigner } from "@solana/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memosFromLogs, startSeenListener, type SeenTransaction } from "../../chain/seen-listener.js";
import { createWatcher } from "../../chain/watcher.js";
import { createTokenRegistry } from "../../core/money/tokens.js";
import { paymentMemo } from "../../core/payments/payment.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaCursorStore } from "../../prisma/chain-cursors.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { ata, newWallet, pay } from "../support/chain-payments.js";
import { randomWallet } from "../support/core-deps.js";
import { LocalChain } from "../support/local-chain.js";
import { USDC, scenario } from "../support/scenario.js";

const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("payments seen before they are confirmed", () => {
  const chain = new LocalChain();
  chain.holdConfirmations = true;
  let db: Database;
  let treasury: string;
  let usdc: string;
  let s: ReturnType<typeof scenario>;
  let watcher: ReturnType<typeof createWatcher>;
  const seen: SeenTransaction[] = [];
  const errors: unknown[] = [];
  let listener: { stop(): void };

  beforeAll(async () => {
    await chain.start();
    db = await openDatabase({ kind: "pglite" });
    treasury = (await generateKeyPairSigner()).address;
    usdc = (await generateKeyPairSigner()).address;
    chain.createMint(usdc, 6, 10n ** 15n, (await generateKeyPairSigner()).address);
    const treasuryUsdc = await ata(treasury, usdc);
    chain.setTokenAccount(treasuryUsdc, usdc, treasury, 0n);
    const tokens = createTokenRegistry({ USDC: usdc, CLONES: (await generateKeyPairSigner()).address });
    s = scenario(prismaUnitOfWork(db.prisma), {
      tokens,
      payments: { treasury, stakingVault: randomWallet(), newReference: randomWallet },
    });
    watcher = createWatcher({
      rpcUrl: chain.url,
      core: s.core,
      tokens,
      cursors: prismaCursorStore(db.prisma),
      wallets: [treasury],
      tokenAccounts: [treasuryUsdc],
    });
    listener = startSeenListener({
      wsUrl: chain.wsUrl,
      addresses: [treasury, treasuryUsdc],
      retryMs: 50,
      onSeen: async (tx) => {
        seen.push(tx);
        await s.core.markPaymentSeen(tx);
      },
      onError: (error) => errors.push(error),
    });
    await new Promise((r) => setTimeout(r, 200)); // let both subscriptions register
  });
  afterAll(async () => {
    listener.stop();
    await db.close();
    await chain.stop();
  });

  async function payRequest(units: bigint, memo: string, reference: string) {
    const payer = await newWallet(chain);
    chain.setTokenAccount(await ata(payer.address, usdc), usdc, payer.address, 10n ** 9n);
    return pay(chain, payer, {
      recipient: treasury,
      amount: units,
      splToken: { mint: usdc, decimals: 6 },
      references: [reference],
      memo,
      version: 0,
    });
  }

  it("GIVEN a request WHEN its payment is processed THEN it is marked seen at once, and credited only once confirmed", async () => {
    const owner = await s.person();
    const f = await s.factory(owner);
    const request = await s.fundRequest(f, USDC(25));
    const signature = await payRequest(25_000_000n, paymentMemo(request), request.reference);

    await until(() => seen.some((x) => x.signature === signature));
    expect(seen.find((x) => x.signature === signature)?.memos).toEqual([paymentMemo(request)]);
    expect((await watcher.pollOnce()).recorded).toEqual([]); // not confirmed yet: nothing credited
    const again = await s.core.markPaymentSeen({ signature, memos: [paymentMemo(request)] });
    expect(again).toEqual([]); // seen once

    chain.confirm();
    const poll = await watcher.pollOnce();
    expect(poll.recorded.map((r) => [r.request?.id, r.payment.outcome])).toEqual([[request.id, "credited"]]);
    expect(seen.filter((x) => x.signature === signature)).toHaveLength(1); // both subscriptions, one report
  });

  it("GIVEN the socket drops WHEN a later payment is processed THEN the listener has resubscribed and sees it", async () => {
    chain.dropSockets();
    await new Promise((r) => setTimeout(r, 300));
    const owner = await s.person();
    const f = await s.factory(owner);
    const request = await s.fundRequest(f, USDC(1));
    const signature = await payRequest(1_000_000n, paymentMemo(request), request.reference);
    await until(() => seen.some((x) => x.signature === signature));
    expect(errors.length).toBeGreaterThan(0);
    chain.confirm();
  });

  it("GIVEN memos of other people or forged ids THEN nothing is marked", async () => {
    expect(await s.core.markPaymentSeen({ signature: "x", memos: ["hello", "forge:fund:doesnotexist"] })).toEqual([]);
    expect(memosFromLogs(['Program log: Memo (len 5): "hello"', "Program log: other"])).toEqual(["hello"]);
    expect(memosFromLogs(["Program log: Memo (len 3)", "Program log: a:b", "Program log: x"])).toEqual(["a:b"]);
  });
});
