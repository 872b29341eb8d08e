import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startMaintenance } from "../../jobs/maintenance.js";
import { startTestRedis } from "../support/redis.js";

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let connection: Redis;
beforeAll(async () => {
  redis = await startTestRedis();
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  connection.disconnect();
  await redis.stop();
});

it("GIVEN two worker processes THEN one ledger roll-up schedule exists and its jobs run the task", async () => {
  let calls = 0;
  const tasks = { rollUpLedger: async () => ++calls };
  const a = await startMaintenance(connection, tasks);
  const b = await startMaintenance(connection, tasks);
  try {
    const schedulers = await a.queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual(["ledger-roll-up"]);
    const job = await a.queue.add("ledger-roll-up", {});
    const deadline = Date.now() + 20_000;
    while ((await job.getState()) !== "completed" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await a.queue.getJob(job.id!))?.returnvalue).toEqual({ accounts: expect.any(Number) });
    expect(calls).toBeGreaterThanOrEqual(1);
  } finally {
    await a.close();
    await b.close();
  }
});

it("GIVEN an upload purge task THEN its schedule exists beside the roll-up and its jobs run it", async () => {
  let purged = 0;
  const a = await startMaintenance(connection, { rollUpLedger: async () => 0, purgeUploads: async () => ++purged });
  try {
    const schedulers = await a.queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(["ledger-roll-up", "upload-purge"]);
    const job = await a.queue.add("upload-purge", {});
    const deadline = Date.now() + 20_000;
    while ((await job.getState()) !== "completed" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await a.queue.getJob(job.id!))?.returnvalue).toEqual({
      uploads: expect.any(Number),
      pairingCodes: 0,
      wizards: 0,
      chartFiles: 0,
      requeued: 0,
    });
    expect(purged).toBeGreaterThanOrEqual(1);
  } finally {
    await a.close();
  }
});

it.each(["purgeWizards", "purgeChartFiles"] as const)(
  "GIVEN only the %s task THEN the purge schedule exists and its jobs run it",
  async (task) => {
    let purged = 0;
    const a = await startMaintenance(connection, { rollUpLedger: async () => 0, [task]: async () => ++purged });
    try {
      expect((await a.queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual(["ledger-roll-up", "upload-purge"]);
      const job = await a.queue.add("upload-purge", {});
      const deadline = Date.now() + 20_000;
      while ((await job.getState()) !== "completed" && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const counted = task === "purgeWizards" ? "wizards" : "chartFiles";
      expect((await a.queue.getJob(job.id!))?.returnvalue).toMatchObject({ [counted]: expect.any(Number) });
      expect(purged).toBeGreaterThanOrEqual(1);
    } finally {
      await a.close();
    }
  },
);

it("GIVEN only a pairing-code purge task THEN the purge schedule exists and its jobs delete expired codes", async () => {
  let purged = 0;
  const a = await startMaintenance(connection, {
    rollUpLedger: async () => 0,
    purgePairingCodes: async () => ++purged,
  });
  try {
    const schedulers = await a.queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(["ledger-roll-up", "upload-purge"]);
    const job = await a.queue.add("upload-purge", {});
    const deadline = Date.now() + 20_000;
    while ((await job.getState()) !== "completed" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await a.queue.getJob(job.id!))?.returnvalue).toMatchObject({ pairingCodes: expect.any(Number) });
    expect(purged).toBeGreaterThanOrEqual(1);
  } finally {
    await a.close();
  }
});
