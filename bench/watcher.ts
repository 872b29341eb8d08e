// The payment watcher's cost and detection latency against open requests, beside the naive
// approach of one reference lookup (getSignaturesForAddress) per open request and poll.
import { address, createSolanaRpc, generateKeyPairSigner } from "@solana/kit";
import { randomUUID } from "node:crypto";
import { createWatcher } from "../chain/watcher.js";
import { openDatabase } from "../prisma/database.js";
import { prismaCursorStore } from "../prisma/chain-cursors.js";
import { prismaUnitOfWork } from "../prisma/unit-of-work.js";
import { createTokenRegistry } from "../core/money/tokens.js";
import { newWallet, pay } from "../test/support/chain-payments.js";
import { randomWallet } from "../test/support/core-deps.js";
import { LocalChain } from "../test/support/local-chain.js";
import { scenario } from "../test/support/scenario.js";

export interface WatcherFigures {
  callsPerPoll: number;
  detectP95Ms: number;
  naiveCallsPerPoll: number;
  naiveDetectP95Ms: number;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchWatcher(openRequests: number, pollMs: number, payments = 20): Promise<WatcherFigures> {
  const chain = await new LocalChain().start();
  const db = await openDatabase({ kind: "pglite" });
  try {
    const treasury = (await generateKeyPairSigner()).address;
    chain.airdrop(treasury, 1_000_000_000n); // a live treasury holds SOL (and so is rent-exempt)
    const tokens = createTokenRegistry({});
    const s = scenario(prismaUnitOfWork(db.prisma), {
      tokens,
      payments: { treasury, stakingVault: null, newReference: randomWallet },
    });
    const owner = await s.person();
    const f = await s.factory(owner, { token: "SOL", rewardPerDemo: 1_000_000n });
    // The open requests, inserted in bulk; the last `payments` of them get paid.
    const rows = Array.from({ length: openRequests }, () => ({
      id: randomUUID(),
      reference: randomWallet(),
      purpose: "fund",
      ownerId: owner.id,
      factoryId: f.id,
      token: "SOL",
      units: "1000",
      recipient: treasury,
      status: "open",
      expiresAt: new Date(Date.now() + 3600_000),
      createdAt: new Date(),
    }));
    for (let i = 0; i < rows.length; i += 5_000)
      await db.prisma.paymentRequest.createMany({ data: rows.slice(i, i + 5_000) });
    const paid = rows.slice(-payments);
    const watcher = createWatcher({
      rpcUrl: chain.url,
      core: s.core,
      tokens,
      cursors: prismaCursorStore(db.prisma),
      wallets: [treasury],
      tokenAccounts: [],
    });
    const payer = await newWallet(chain, 10n ** 12n);

    // Ours: a poll every pollMs; payments land at spread-out moments.
    const sentAt = new Map<string, number>();
    const detected: number[] = [];
    const callCounts: number[] = [];
    let running = true;
    const loop = (async () => {
      while (running) {
        const started = performance.now();
        const poll = await watcher.pollOnce();
        callCounts.push(poll.rpcCalls - poll.transactions);
        for (const r of poll.recorded) detected.push(performance.now() - sentAt.get(r.request!.reference)!);
        await sleep(Math.max(0, pollMs - (performance.now() - started)));
      }
    })();
    for (const request of paid) {
      await sleep(pollMs * (0.3 + Math.random()));
      sentAt.set(request.reference, performance.now());
      await pay(chain, payer, { recipient: treasury, amount: 1000n, references: [request.reference] });
    }
    while (detected.length < paid.length) await sleep(20);
    running = false;
    await loop;

    // Naive: every poll asks about every open request's reference.
    const rpc = createSolanaRpc(chain.url);
    const naivePoll = async () => {
      let calls = 0;
      for (const r of rows) {
        calls++;
        await rpc.getSignaturesForAddress(address(r.reference), { limit: 1 }).send();
      }
      return calls;
    };
    const started = performance.now();
    const naiveCalls = await naivePoll();
    const naivePollMs = performance.now() - started;
    // A payment confirmed just after a naive poll started waits for the rest of it and the next.
    const naiveDetect = Array.from({ length: payments }, () => naivePollMs + Math.random() * naivePollMs);
    return {
      callsPerPoll: Math.max(...callCounts),
      detectP95Ms: p95(detected),
      naiveCallsPerPoll: naiveCalls,
      naiveDetectP95Ms: p95(naiveDetect),
    };
  } finally {
    await db.close();
    await chain.stop();
  }
}
