// A grading worker on a machine without ffmpeg: real BullMQ, Redis, PGlite and files. The job
// fails once (no 20 minutes of retries), the farmer hears grading is delayed (once, whatever the
// retries), the recording waits, and once ffmpeg is back the sweep grades it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGrader, requeueGrading, type GradingOutcome } from "../../app/grading.js";
import { ffmpegMedia, mediaTools } from "../../app/media.js";
import { moneyNotices } from "../../bots/notices/money-notices.js";
import type { Factory } from "../../core/factories/factory.js";
import { gradingQueue, startGradingWorker } from "../../jobs/grade-recordings.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { localDiskStorage } from "../../server/uploads/storage.js";
import { takeIn } from "../support/grading-rig.js";
import { memoryNotifier } from "../support/memory-notifier.js";
import { makeRecording } from "../support/recording-fixtures.js";
import { finished, startTestRedis } from "../support/redis.js";
import { USDC, must, scenario } from "../support/scenario.js";

/** As app/main.ts: a recording ungraded this long lost its job. */
const STALE_MS = 30 * 60_000;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

describe("grading on a worker without ffmpeg", () => {
  const work = mkdtempSync(join(tmpdir(), "forge-no-ffmpeg-"));
  const storage = localDiskStorage(join(work, "blobs"));
  const noTools = mkdtempSync(join(work, "empty-bin-"));
  const path = process.env.PATH;
  const { notifier, dmsTo } = memoryNotifier();
  let db: Database;
  let s: ReturnType<typeof scenario>;
  let f: Factory;
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let connection: Redis;
  let grading: ReturnType<typeof gradingQueue>;
  let uploads = 0;

  beforeAll(async () => {
    redis = await startTestRedis();
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    grading = gradingQueue(connection);
    await grading.queue.obliterate({ force: true });
    db = await openDatabase({ kind: "pglite" });
    s = scenario(prismaUnitOfWork(db.prisma));
    f = await s.factory(await s.person("carol"), { rewardPerDemo: USDC(2), threshold: 50 });
    await s.fund(f, USDC(100));
  });
  afterEach(() => {
    process.env.PATH = path;
  });
  afterAll(async () => {
    await grading.close();
    connection.disconnect();
    await redis.stop();
    await db.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** A farmer's recording, taken in (made with ffmpeg, before the test takes it away). */
  async function uploaded(name: string, seed: number) {
    const farmer = await s.person(name);
    s.deps.clock.advance(1_000);
    const files = makeRecording(join(work, name), { factoryId: f.id, taskId: f.tasks[0]!.id, seconds: 12, seed });
    const id = await takeIn(
      s,
      { storage, workDir: work },
      { accountId: farmer.id, factory: f, uploadId: `up-${++uploads}`, files },
    );
    return { farmer, id };
  }

  /** The grader as the worker composes it: the farmer's notices, the tools check, the duration hook. */
  function worker(tools: ReturnType<typeof mediaTools> | undefined, outcomes: GradingOutcome[]) {
    const grade = createGrader({
      core: s.core,
      tokens: s.deps.tokens,
      storage,
      media: ffmpegMedia,
      judge: null,
      notices: moneyNotices({ core: s.core, tokens: s.deps.tokens, notifier, explorer: (sig) => `tx/${sig}` }),
      logger: silent as never,
      workDir: join(work, "scratch"),
      tools,
      onGraded: (outcome, seconds) => {
        expect(seconds).toBeGreaterThanOrEqual(0);
        outcomes.push(outcome);
      },
    });
    return startGradingWorker(connection, grade);
  }

  const failure = (jobId: string) =>
    finished(grading.queue, jobId).then(
      () => "completed",
      (error: Error) => error.message,
    );

  it("GIVEN ffmpeg and ffprobe missing WHEN a recording is graded THEN the job fails once, the farmer is told grading is delayed once, and the sweep grades it once they are back", async () => {
    const { farmer, id } = await uploaded("dora", 1);
    let clock = 0;
    const tools = mediaTools({ now: () => clock });
    const outcomes: GradingOutcome[] = [];
    const w = worker(tools, outcomes);
    try {
      process.env.PATH = noTools;
      await grading.grade(id);
      expect(await failure(`grade-${id}`)).toBe(
        `MEDIA_TOOLS_MISSING: ffmpeg and ffprobe missing on this worker, install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg); recording ${id} waits ungraded and is queued again once they run`,
      );
      const job = (await grading.queue.getJob(`grade-${id}`))!;
      expect(job.attemptsMade).toBe(1); // not the 8 attempts with backoff a storage hiccup gets
      expect((await s.core.getRecording(id))!.status).toBe("processing");
      expect(dmsTo(farmer.id).map((d) => d.text)).toEqual([
        expect.stringMatching(/^⏳ Grading your recording \(.+ — .+\) is delayed by a problem on our side\./),
      ]);

      // The sweep, while the tools are still missing, leaves the job waiting, even once stale.
      s.deps.clock.advance(STALE_MS + 1);
      expect(await requeueGrading({ core: s.core, queue: grading, tools, staleMs: STALE_MS })).toBe(1);
      expect(await grading.queue.getJobState(`grade-${id}`)).toBe("failed");
      // Retried anyway (a sweep on another worker): it fails again, and the farmer hears nothing more.
      expect(await grading.retryWaitingForTools()).toBe(1);
      expect(await failure(`grade-${id}`)).toMatch(/^MEDIA_TOOLS_MISSING/);
      expect(dmsTo(farmer.id)).toHaveLength(1);

      process.env.PATH = path;
      clock += 30_000; // the cached check is due again
      await requeueGrading({ core: s.core, queue: grading, tools, staleMs: STALE_MS });
      expect(await failure(`grade-${id}`)).toBe("completed");
      expect((await s.core.getRecording(id))!.status).not.toBe("processing");
      expect(dmsTo(farmer.id).map((d) => d.id)).toEqual([`grading-delayed:${id}:first`, `grade:${id}:first`]);
      expect(outcomes).toEqual(["waiting_for_tools", "waiting_for_tools", "graded"]);
    } finally {
      await w.close();
    }
  });

  it("GIVEN ffprobe vanishes under a running worker (no tools check) WHEN an appeal's regrade runs THEN it waits for the tools without retries, and is regraded once they are back", async () => {
    const { farmer, id } = await uploaded("eve", 2);
    const outcomes: GradingOutcome[] = [];
    const w = worker(undefined, outcomes);
    try {
      await grading.grade(id);
      expect(await failure(`grade-${id}`)).toBe("completed");
      must(await s.core.appealGrade({ recordingId: id, accountId: farmer.id }));
      process.env.PATH = noTools;
      await grading.regrade(id);
      expect(await failure(`regrade-${id}`)).toMatch(/^MEDIA_TOOLS_MISSING: ffprobe missing on this worker/);
      expect((await grading.queue.getJob(`regrade-${id}`))!.attemptsMade).toBe(1);
      expect(dmsTo(farmer.id).at(-1)!.text).toMatch(/^⏳ The regrade after your appeal .* Your current grade stands/);

      process.env.PATH = path;
      expect(await grading.retryWaitingForTools()).toBe(1);
      expect(await failure(`regrade-${id}`)).toBe("completed");
      expect(dmsTo(farmer.id).map((d) => d.id)).toEqual([
        `grade:${id}:first`,
        `grading-delayed:${id}:regrade`,
        `grade:${id}:regrade`,
      ]);
      expect(outcomes).toEqual(["graded", "waiting_for_tools", "regraded"]);
    } finally {
      await w.close();
    }
  });
});
