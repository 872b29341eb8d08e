// A worker killed in the middle of a settlement, or of a batch of them: nothing it did is kept,
// and the retry pays exactly once.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { createTestDatabase } from "../support/postgres-server.js";
import { postgresUrl } from "../support/databases.js";
import { USDC, must, scenario } from "../support/scenario.js";

/** Settles `ids` in a child process (test/support/crash-child.ts) and SIGKILLs it before the commit. */
async function killMidTransaction(url: string, ids: readonly string[]): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/crash-child.ts", url, ...ids], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("IN-TRANSACTION") && resolve());
    child.on("exit", (code) => reject(new Error(`child exited early with ${code}`)));
  });
  child.kill("SIGKILL");
  await new Promise((r) => child.on("exit", r));
}

describe.skipIf(!postgresUrl())("a worker killed mid-settlement (Postgres)", () => {
  let url: string;
  let db: Database;
  beforeAll(async () => {
    url = await createTestDatabase(postgresUrl());
    db = await openDatabase({ kind: "postgres", url });
  });
  afterAll(() => db.close());

  it("GIVEN SIGKILL after the settlement was written but before commit THEN nothing is kept, and settling again pays once", async () => {
    const s = scenario(prismaUnitOfWork(db.prisma));
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(5));
    const farmer = await s.person();
    const sub = must(await s.submit(farmer, f));

    await killMidTransaction(url, [sub.id]);

    // The killed transaction held the farmer's lock; Postgres releases it when the connection drops.
    const overview = must(await s.core.getFactoryOverview(f.id));
    expect(overview.stats.settled).toBe(0);
    expect(await db.prisma.payout.count({ where: { submissionId: sub.id } })).toBe(0);

    const settled = must(await s.core.settleSubmission({ submissionId: sub.id, score: 90 }));
    expect(settled.replayed).toBe(false);
    expect(settled.split.farmerNet).toBe(USDC(0.81));
    const again = must(await s.core.settleSubmission({ submissionId: sub.id, score: 90 }));
    expect(again.replayed).toBe(true);
    expect(await db.prisma.payout.count({ where: { submissionId: sub.id } })).toBe(1);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(4.1));
    expect(await verifyLedger(db.prisma)).toMatchObject({ negative: [], mismatched: [] });
  }, 60_000);

  it("GIVEN SIGKILL after a batch of 12 settlements was written but before commit THEN none is kept, and settling them again pays each once", async () => {
    const s = scenario(prismaUnitOfWork(db.prisma));
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(20));
    const farmers = await Promise.all(Array.from({ length: 4 }, () => s.person()));
    const ids: string[] = [];
    // Three submissions per farmer, of one task: the batch settles them over three rounds.
    for (let i = 0; i < 12; i++) ids.push(must(await s.submit(farmers[i % 4]!, f, i % 2)).id);

    await killMidTransaction(url, ids);

    // The killed transaction held the farmers' locks; Postgres releases them when the connection drops.
    expect(must(await s.core.getFactoryOverview(f.id)).stats.settled).toBe(0);
    expect(await db.prisma.payout.count({ where: { submissionId: { in: ids } } })).toBe(0);

    const inputs = ids.map((submissionId) => ({ submissionId, score: 90 }));
    const settled = (await s.core.settleSubmissions(inputs)).map((r) => must(r));
    expect(settled.filter((x) => !x.replayed)).toHaveLength(12);
    const again = (await s.core.settleSubmissions(inputs)).map((r) => must(r));
    expect(again.filter((x) => !x.replayed)).toHaveLength(0);
    // Each farmer's three submissions are of one task and all score 90: the first pays 0.9, the
    // others nothing more.
    expect(settled.map((x) => x.split.gross)).toEqual(ids.map((_, i) => (i < 4 ? USDC(0.9) : 0n)));
    expect(await db.prisma.payout.count({ where: { submissionId: { in: ids } } })).toBe(4);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(20 - 3.6));
    expect(await verifyLedger(db.prisma)).toMatchObject({ negative: [], mismatched: [] });
  }, 60_000);
});
