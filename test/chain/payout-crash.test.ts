// The payout process killed with SIGKILL over and over while it pays hundreds of people, with
// two of them running at once and the network losing transactions (so blockhashes expire and
// batches are signed again): at the end every payout is confirmed exactly once and the chain
// and the ledger agree to the unit.
import type { ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import { address, createSolanaRpc, generateKeyPairSigner } from "@solana/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeTransfers } from "../../chain/decode-transfers.js";
import type { Factory } from "../../core/factories/factory.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { ata } from "../support/chain-payments.js";
import { TEST_MINTS } from "../support/core-deps.js";
import { postgresUrl } from "../support/databases.js";
import { keypairWithBytes } from "../support/keypair.js";
import { LocalChain } from "../support/local-chain.js";
import { startPayoutProcess } from "../support/payout-process.js";
import { createTestDatabase } from "../support/postgres-server.js";
import { startTestRedis } from "../support/redis.js";
import { USDC, must, scenario } from "../support/scenario.js";

const FARMERS = 60;
const TASKS = 5;
const KILLS = 50;
const CRASH_POINTS = ["after-signed", "after-sent", "before-confirm"] as const;

describe.skipIf(!postgresUrl())("payouts survive SIGKILL at any point (Postgres, Redis, the local chain)", () => {
  const chain = new LocalChain();
  let db: Database;
  let url: string;
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let treasury: Awaited<ReturnType<typeof keypairWithBytes>>;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    await chain.start();
    redis = await startTestRedis();
    url = await createTestDatabase(postgresUrl());
    db = await openDatabase({ kind: "postgres", url, poolSize: 8 });
    treasury = await keypairWithBytes();
    chain.airdrop(treasury.signer.address, 100_000_000_000n);
    chain.createMint(TEST_MINTS.USDC, 6, 10n ** 15n, (await generateKeyPairSigner()).address);
  }, 120_000);
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await db?.close();
    await redis?.stop();
    await chain.stop();
  });

  /** Starts the payouts process; resolves once it runs. It may kill itself at `crashAt`. */
  async function startChild(crashAt?: string): Promise<ChildProcess> {
    const child = await startPayoutProcess({
      databaseUrl: url,
      redisUrl: redis.url,
      rpcUrl: chain.url,
      treasury: { json: treasury.json, address: treasury.signer.address },
      crashAt,
    });
    children.add(child);
    child.on("exit", () => children.delete(child));
    return child;
  }

  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once("exit", () => resolve()));

  it(`GIVEN ${FARMERS * TASKS} payouts to ${FARMERS} wallets WHEN the payout process is SIGKILLed ${KILLS}+ times (at random, and right after signing, sending or before confirming), two run at once and a fifth of the transactions are lost THEN every payout is paid exactly once and chain == ledger`, async () => {
    const s = scenario(prismaUnitOfWork(db.prisma), {
      payments: { treasury: treasury.signer.address, stakingVault: null, newReference: () => "" },
    });
    chain.setTokenAccount(
      await ata(treasury.signer.address, TEST_MINTS.USDC),
      TEST_MINTS.USDC,
      treasury.signer.address,
      0n,
    );
    const owner = await s.person("creator");
    const factory: Factory = await s.factory(owner, {
      rewardPerDemo: USDC(1),
      tasks: Array.from({ length: TASKS }, (_, i) => ({ title: `Task ${i}`, prompt: `Do task ${i}` })),
    });
    await s.fund(factory, USDC(FARMERS * TASKS));
    chain.setTokenAccount(
      await ata(treasury.signer.address, TEST_MINTS.USDC),
      TEST_MINTS.USDC,
      treasury.signer.address,
      USDC(FARMERS * TASKS),
    );
    const farmers = [];
    for (let i = 0; i < FARMERS; i++) {
      const farmer = await s.person(`farmer${i}`);
      const wallet = (await generateKeyPairSigner()).address;
      must(await s.core.linkWallet({ accountId: farmer.id, address: wallet }));
      farmers.push({ farmer, wallet });
    }
    const work = farmers.flatMap((f) => Array.from({ length: TASKS }, (_, task) => ({ ...f, task })));
    work.sort(() => Math.random() - 0.5);

    // The network loses a fifth of what is sent, and blocks pass quickly: lost ones expire.
    chain.drop = () => Math.random() < 0.2;
    const ticker = setInterval(() => chain.advanceBlocks(12), 100);
    let kills = 0;
    let selfKills = 0;
    const running: ChildProcess[] = [];
    try {
      while (kills < KILLS || work.length > 0) {
        for (const item of work.splice(0, 8)) {
          const sub = must(await s.submit(item.farmer, factory, item.task));
          must(await s.core.settleSubmission({ submissionId: sub.id, score: 60 + randomInt(41) }));
        }
        while (running.length < 2) {
          const crashAt = Math.random() < 0.5 ? CRASH_POINTS[randomInt(CRASH_POINTS.length)] : undefined;
          running.push(await startChild(crashAt));
        }
        // Let them work a little, then kill one (unless it already killed itself).
        await new Promise((r) => setTimeout(r, 100 + randomInt(700)));
        const victim = running.splice(randomInt(running.length), 1)[0]!;
        if (victim.exitCode !== null || victim.signalCode !== null) selfKills++;
        else victim.kill("SIGKILL");
        await exited(victim);
        kills++;
        for (const child of [...running])
          if (child.exitCode !== null || child.signalCode !== null) {
            running.splice(running.indexOf(child), 1);
            selfKills++;
            kills++;
          }
      }
    } finally {
      clearInterval(ticker);
      chain.drop = undefined;
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);

    // One last process, left alone, finishes the job.
    const last = await startChild();
    const deadline = Date.now() + 120_000;
    for (;;) {
      const left = await db.prisma.payout.count({ where: { status: { not: "paid" } } });
      if (left === 0) break;
      if (Date.now() > deadline) throw new Error(`${left} payouts still not paid`);
      chain.advanceBlocks(20); // lost transactions from the killed processes expire
      await new Promise((r) => setTimeout(r, 300));
    }
    last.kill("SIGKILL");
    await exited(last);

    // Every payout paid once: each wallet holds exactly what its payouts add up to.
    const payouts = await db.prisma.payout.findMany();
    expect(payouts).toHaveLength(FARMERS * TASKS);
    for (const { farmer, wallet } of farmers) {
      const owed = payouts
        .filter((p) => p.recipientId === farmer.id)
        .reduce((sum, p) => sum + BigInt(p.units.toFixed()), 0n);
      expect(await tokenBalance(wallet)).toBe(owed);
    }
    // The treasury holds exactly what the ledger holds for others; the ledger is sound.
    expect(await tokenBalance(treasury.signer.address)).toBe(await s.core.ledgerHeldTotal("USDC"));
    expect(await verifyLedger(db.prisma)).toMatchObject({ negative: [], mismatched: [] });
    // Every batch was confirmed by exactly one attempt, and every transaction of the
    // treasury that landed is one of those attempts: nothing went out unrecorded.
    const attempts = await db.prisma.payoutAttempt.findMany();
    const confirmed = attempts.filter((a) => a.status === "confirmed");
    const batches = await db.prisma.payoutBatch.findMany();
    expect(batches.every((b) => b.status === "confirmed")).toBe(true);
    expect(new Set(confirmed.map((a) => a.batchId)).size).toBe(batches.length);
    expect(confirmed).toHaveLength(batches.length);
    const rpc = createSolanaRpc(chain.url);
    const landed = await rpc.getSignaturesForAddress(address(treasury.signer.address), { limit: 1000 }).send();
    const outgoing = [];
    for (const sig of landed.filter((l) => l.err === null)) {
      const tx = await rpc
        .getTransaction(sig.signature, { encoding: "base64", maxSupportedTransactionVersion: 0 })
        .send();
      if (decodeTransfers(tx as never).some((t) => t.authority === treasury.signer.address))
        outgoing.push(String(sig.signature));
    }
    expect(outgoing.sort()).toEqual(confirmed.map((a) => a.signature).sort());
    const expired = attempts.filter((a) => a.status === "expired").length;
    console.info(
      `payout crash run: ${kills} kills (${selfKills} at a crash point), ${batches.length} batches, ${expired} expired attempts signed again`,
    );
    expect(expired).toBeGreaterThan(0);
  }, 600_000);

  async function tokenBalance(owner: string): Promise<bigint> {
    const account = chain.svm.getAccount(address(await ata(owner, TEST_MINTS.USDC)));
    return account.exists ? new DataView(account.data.buffer, account.data.byteOffset).getBigUint64(64, true) : 0n;
  }
});
