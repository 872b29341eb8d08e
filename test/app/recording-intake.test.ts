// The intake as an upload meets it when the factory's pool cannot pay: refused with words that
// say the pool is empty (what the recorder prints), and nothing kept.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingIntake } from "../../app/recording-intake.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { localDiskStorage } from "../../server/uploads/storage.js";
import { makeRecording } from "../support/recording-fixtures.js";
import { USDC, must, scenario } from "../support/scenario.js";

describe("the recording intake", () => {
  const work = mkdtempSync(join(tmpdir(), "forge-intake-"));
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ kind: "pglite" });
  });
  afterAll(async () => {
    await db?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("GIVEN a live factory whose pool holds less than one reward WHEN a recording is uploaded THEN it is refused as an empty pool, and nothing is stored or held", async () => {
    const s = scenario(prismaUnitOfWork(db.prisma));
    const f = await s.factory(await s.person("carol"), { rewardPerDemo: USDC(2) });
    await s.fund(f, USDC(1));
    const farmer = await s.person("fred");
    const blobs = join(work, "blobs");
    const queued: string[] = [];
    const intake = recordingIntake({
      core: s.core,
      storage: localDiskStorage(blobs),
      enqueueGrading: async (id) => void queued.push(id),
    });
    const files = makeRecording(join(work, "rec"), { factoryId: f.id, taskId: f.tasks[0]!.id, seconds: 3 });
    const result = await intake.accept({
      accountId: farmer.id,
      factoryId: f.id,
      taskId: f.tasks[0]!.id,
      uploadId: "upload-empty-pool",
      files,
      workDir: work,
    });
    expect(result).toMatchObject({ ok: false, code: "POOL_EXHAUSTED" });
    expect(!result.ok && result.message).toContain("reward pool is empty");
    expect(!result.ok && result.message).not.toContain("used up");
    expect(queued).toEqual([]);
    expect(must(await s.core.getFactoryOverview(f.id)).available).toBe(USDC(1));
    expect(await s.core.getRecording("upload-empty-pool")).toBeNull();
    expect(readdirSync(blobs, { recursive: true }).filter((p) => String(p).endsWith(".mp4"))).toEqual([]);
  });
});
