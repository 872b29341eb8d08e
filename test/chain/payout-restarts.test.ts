// Redis restarted empty and Postgres restarted while the payout process pays: it must not die,
// lose nor repeat anything, and must resume by itself once each is back.
import { spawn, type ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import { existsSync } from "node:fs";
import { address, generateKeyPairSigner } from "@solana/kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../app/local-redis.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { ata } from "../support/chain-payments.js";
import { TEST_MINTS } from "../support/core-deps.js";
import { keypairWithBytes } from "../support/keypair.js";
import { LocalChain } from "../support/local-chain.js";
import { startPayoutProcess } from "../support/payout-process.js";
import { createTestDatabase, findPostgresBin, startPostgres, type PostgresServer } from "../support/postgres-server.js";
import { USDC, must, scenario } from "../support/scenario.js";

const REDIS = "/usr/bin/redis-server";
const PAYOUTS = 100;

/** A redis-server we can kill and start again, empty, on the same port (no persistence). */
async function restartableRedis() {
  const port = await freePort();
  let server: ChildProcess | null = null;
  const start = async () => {
    server = spawn(REDIS, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    await new Promise((r) => setTimeout(r, 300));
  };
  const stop = async () => {
    const s = server;
    if (!s || s.exitCode !== null) return;
    s.kill("SIGKILL");
    await new Promise((r) => s.once("exit", r));
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}

describe.skipIf(!findPostgresBin() || !existsSync(REDIS))("payouts through a Redis and a Postgres restart", () => {
  const chain = new LocalChain();
  let pg: PostgresServer;
  let redis: Awaited<ReturnType<typeof restartableRedis>>;
  let db: Database;
  let url: string;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    await chain.start();
    pg = (await startPostgres())!;
    redis = await restartableRedis();
    url = await createTestDatabase(pg.url);
    db = await openDatabase({ kind: "postgres", url, poolSize: 4 });
  }, 120_000);
  afterAll(async () => {
    child?.kill("SIGKILL");
    await db?.close();
    await redis?.stop();
    pg?.stop();
    await chain.stop();
  });

  /** Retries a step while Postgres is down (the test's own writes go through it too). */
  async function whileDown<T>(step: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await step();
      } catch (error) {
        if (i > 100) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  it(`GIVEN ${PAYOUTS} payouts settled while Redis restarts empty and Postgres restarts THEN the payout process keeps running and pays each exactly once`, async () => {
    const treasury = await keypairWithBytes();
    chain.airdrop(treasury.signer.address, 100_000_000_000n);
    chain.createMint(TEST_MINTS.USDC, 6, 10n ** 15n, (await generateKeyPairSigner()).address);
    const treasuryUsdc = await ata(treasury.signer.address, TEST_MINTS.USDC);
    const s = scenario(prismaUnitOfWork(db.prisma), {
      payments: { treasury: treasury.signer.address, stakingVault: null, newReference: () => "" },
    });
    const factory = await s.factory(await s.person("creator"), { rewardPerDemo: USDC(1) });
    await s.fund(factory, USDC(PAYOUTS));
    chain.setTokenAccount(treasuryUsdc, TEST_MINTS.USDC, treasury.signer.address, USDC(PAYOUTS));
    const farmers: Array<{ farmer: Awaited<ReturnType<typeof s.person>>; wallet: string }> = [];
    for (let i = 0; i < PAYOUTS; i++) {
      const farmer = await s.person(`farmer${i}`);
      const wallet = (await generateKeyPairSigner()).address;
      must(await s.core.linkWallet({ accountId: farmer.id, address: wallet }));
      farmers.push({ farmer, wallet });
    }
    child = await startPayoutProcess({
      databaseUrl: url,
      redisUrl: redis.url,
      rpcUrl: chain.url,
      treasury: { json: treasury.json, address: treasury.signer.address },
    });

    const settle = async (from: number, to: number) => {
      for (const { farmer } of farmers.slice(from, to))
        await whileDown(async () => {
          const sub = must(await s.submit(farmer, factory));
          must(await s.core.settleSubmission({ submissionId: sub.id, score: 60 + randomInt(41) }));
        });
    };
    const paidCount = () => whileDown(() => db.prisma.payout.count({ where: { status: "paid" } }));
    const waitPaid = async (n: number, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while ((await paidCount()) < n) {
        if (Date.now() > deadline) throw new Error(`only ${await paidCount()} of ${n} paid`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };

    await settle(0, 30);
    await waitPaid(30);
    // Redis dies and comes back empty: queues, schedules and rate limits are gone.
    await redis.stop();
    await settle(30, 50);
    await new Promise((r) => setTimeout(r, 1_000));
    await redis.start();
    await waitPaid(50);
    // Postgres stops (connections cut) and starts again a second later.
    const restarting = pg.restart(1_000);
    await settle(50, 70);
    await restarting;
    await settle(70, PAYOUTS);
    await waitPaid(PAYOUTS);

    expect(child.exitCode).toBeNull(); // it survived both
    for (const { farmer, wallet } of farmers) {
      const payouts = await db.prisma.payout.findMany({ where: { recipientId: farmer.id } });
      expect(payouts.map((p) => p.status)).toEqual(["paid"]);
      expect(await tokenBalance(wallet)).toBe(BigInt(payouts[0]!.units.toFixed()));
    }
    expect(await tokenBalance(treasury.signer.address)).toBe(await s.core.ledgerHeldTotal("USDC"));
    expect(await verifyLedger(db.prisma)).toMatchObject({ negative: [], mismatched: [] });
  }, 300_000);

  async function tokenBalance(owner: string): Promise<bigint> {
    const account = chain.svm.getAccount(address(await ata(owner, TEST_MINTS.USDC)));
    return account.exists ? new DataView(account.data.buffer, account.data.byteOffset).getBigUint64(64, true) : 0n;
  }
});
