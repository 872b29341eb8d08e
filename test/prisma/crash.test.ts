// A worker killed in the middle of a settlement: nothing it did is kept, and the retry pays
// exactly once.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { createTestDatabase } from "../support/postgres-server.js";
import { postgresUrl } from "../support/databases.js";
import { USDC, must, scenario } from "../support/scenario.js";

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

    const child = spawn(process.execPath, ["--import", "tsx", "test/support/crash-child.ts", url, sub.id], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("IN-TRANSACTION") && resolve());
      child.on("exit", (code) => reject(new Error(`child exited early with ${code}`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));

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
});
