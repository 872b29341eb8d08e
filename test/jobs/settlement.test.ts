// Settlement jobs through real Redis and BullMQ, against PGlite.
import type { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../core/index.js";
import { enqueueSettlement, createSettlementQueue, type SettlementJob } from "../../jobs/queues.js";
import { startWorkers } from "../../jobs/workers.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { verifyLedger } from "../../prisma/verify-ledger.js";
import { finished, startTestRedis } from "../support/redis.js";
import { USDC, must, scenario } from "../support/scenario.js";

describe("settlement jobs", () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let connection: Redis;
  let db: Database;
  let s: ReturnType<typeof scenario>;
  let queue: Queue<SettlementJob>;
  let failures: Array<{ jobId?: string; final: boolean; message: string }>;
  let workers: Array<ReturnType<typeof startWorkers>>;

  beforeAll(async () => {
    redis = await startTestRedis();
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    db = await openDatabase({ kind: "pglite" });
    s = scenario(prismaUnitOfWork(db.prisma));
    const core: Core = createCore(s.deps);
    failures = [];
    // Two workers, as on two machines, sharing one queue.
    workers = [1, 2].map(() =>
      startWorkers({
        connection,
        core,
        concurrency: 4,
        events: {
          completed: () => undefined,
          failed: (_q, jobId, error, final) => failures.push({ jobId, final, message: error.message }),
        },
      }),
    );
    queue = createSettlementQueue(connection);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await queue.close();
    connection.disconnect();
    await db.close();
    await redis.stop();
  });

  it("GIVEN 30 reserved submissions WHEN their settlements are queued (some twice) THEN each is paid exactly once", async () => {
    const f = await s.factory(await s.person());
    await s.fund(f, USDC(40));
    const subs = [];
    for (let i = 0; i < 30; i++) subs.push(must(await s.submit(await s.person(), f)));
    const jobs = subs.map((sub, i) => ({ submissionId: sub.id, score: 50 + i }));
    await Promise.all(jobs.map((j) => enqueueSettlement(queue, j)));
    await Promise.all(jobs.slice(0, 10).map((j) => enqueueSettlement(queue, j))); // deduplicated by jobId
    // A second job under another id for the same submission: the database refuses to pay twice.
    const extra = await queue.add("settle", jobs[0]!, { jobId: `manual-retry-${jobs[0]!.submissionId}` });
    const extraResult = await finished(queue, extra.id!);
    expect(extraResult).toMatchObject({ submissionId: jobs[0]!.submissionId });
    await waitFor(async () => must(await s.core.getFactoryOverview(f.id)).stats.settled === 30);
    const stats = must(await s.core.getFactoryOverview(f.id)).stats;
    const expectedSpent = jobs.reduce((sum, j) => sum + (USDC(1) * BigInt(j.score)) / 100n, 0n);
    expect(stats.spent).toBe(expectedSpent);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(40) - expectedSpent);
    const audit = await verifyLedger(db.prisma);
    expect(audit.mismatched).toEqual([]);
    expect(failures).toEqual([]);
  });

  it("GIVEN an unknown submission or a bad payload THEN the job fails at once, without retries", async () => {
    const unknown = await queue.add("settle", { submissionId: "nope", score: 80 }, { jobId: "settle-unknown" });
    await expect(finished(queue, unknown.id!)).rejects.toThrow("SUBMISSION_NOT_FOUND");
    const bad = await queue.add("settle", { submissionId: "x", score: 180 } as SettlementJob, { jobId: "settle-bad" });
    await expect(finished(queue, bad.id!)).rejects.toThrow("invalid payload");
    expect((await queue.getJob("settle-unknown"))?.attemptsMade).toBe(1);
    expect(
      failures
        .filter((f) => f.final)
        .map((f) => f.jobId)
        .sort(),
    ).toEqual(["settle-bad", "settle-unknown"]);
  });

  it("enqueueSettlement validates before it queues", async () => {
    await expect(enqueueSettlement(queue, { submissionId: "", score: 50 })).rejects.toThrow();
  });
});

describe("a settlement batch that throws", () => {
  it("is reported once with its size, and its jobs are then settled one by one", async () => {
    const redis = await startTestRedis();
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const db = await openDatabase({ kind: "pglite" });
    const s = scenario(prismaUnitOfWork(db.prisma));
    const real = createCore(s.deps);
    let throwsLeft = 1;
    const core: Core = {
      ...real,
      settleSubmissions: async (inputs) => {
        if (throwsLeft-- > 0) throw new Error("connection reset mid-batch");
        return real.settleSubmissions(inputs);
      },
    };
    const batches: Array<{ queue: string; size: number; message: string }> = [];
    const workers = startWorkers({
      connection,
      core,
      concurrency: 4,
      events: {
        completed: () => undefined,
        failed: () => undefined,
        batchFailed: (queue, error, size) => batches.push({ queue, size, message: (error as Error).message }),
      },
    });
    const queue = createSettlementQueue(connection);
    try {
      const f = await s.factory(await s.person());
      await s.fund(f, USDC(10));
      const sub = must(await s.submit(await s.person(), f));
      await enqueueSettlement(queue, { submissionId: sub.id, score: 90 });
      expect(await finished(queue, `settle-${sub.id}`)).toMatchObject({ submissionId: sub.id });
      expect(batches).toEqual([{ queue: "settlement", size: 1, message: "connection reset mid-batch" }]);
      expect(must(await s.core.getFactoryOverview(f.id)).stats.settled).toBe(1);
    } finally {
      await workers.close();
      await queue.close();
      connection.disconnect();
      await db.close();
      await redis.stop();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
