// Recordings made by the original Forge desktop app (clones-sol/desktop), graded end to end:
// test/fixtures/forge-app holds one in that app's exact format (Linux, rdev names), written by
// hand; its video is made here. The same session recorded by this project is graded beside it,
// each in a database of its own (being the same demonstration, either would be the other's copy).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Recording } from "../../core/grading/recording.js";
import { openDatabase, type Database } from "../../prisma/database.js";
import { prismaUnitOfWork } from "../../prisma/unit-of-work.js";
import { localDiskStorage } from "../../server/uploads/storage.js";
import { takeIn, testGrader } from "../support/grading-rig.js";
import { memoryNotifier } from "../support/memory-notifier.js";
import {
  busyScript,
  makeRecording,
  makeVideo,
  T0,
  type RecordingFiles,
  type ScriptedEvent,
} from "../support/recording-fixtures.js";
import { USDC, scenario } from "../support/scenario.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/forge-app");

/** One database with a funded factory (threshold 50), and a way to grade a recording folder in it. */
async function world(work: string) {
  const db: Database = await openDatabase({ kind: "pglite" });
  const s = scenario(prismaUnitOfWork(db.prisma));
  const f = await s.factory(await s.person("carol"), { rewardPerDemo: USDC(2), threshold: 50 });
  await s.fund(f, USDC(100));
  const storage = localDiskStorage(join(work, "blobs"));
  const { notifier, sent } = memoryNotifier();
  const grade = testGrader(s, { storage, notifier, workDir: work });
  let uploads = 0;
  return {
    db,
    factory: f,
    async submit(files: RecordingFiles): Promise<{ recording: Recording; paid: bigint; dm: string }> {
      const farmer = await s.person(`farmer${++uploads}`);
      s.deps.clock.advance(1_000);
      const uploadId = await takeIn(
        s,
        { storage, workDir: work },
        {
          accountId: farmer.id,
          factory: f,
          uploadId: `upload-${uploads}`,
          files,
        },
      );
      await grade({ recordingId: uploadId, regrade: false });
      const [submission] = await s.core.listSubmissions(farmer.id, { offset: 0, limit: 1 });
      return {
        recording: (await s.core.getRecording(uploadId))!,
        paid: submission?.paid ?? 0n,
        dm: sent.filter((d) => d.accountId === farmer.id).at(-1)?.text ?? "",
      };
    },
  };
}

/** The fixture's folder, its log and meta optionally edited, beside a video like the app's (1280x720, 30 fps). */
function desktopRecording(
  dir: string,
  video: string,
  edit: { log?: (lines: string[]) => string[]; meta?: (meta: Record<string, unknown>) => void } = {},
): RecordingFiles {
  mkdirSync(dir, { recursive: true });
  const files = {
    dir,
    video: join(dir, "recording.mp4"),
    inputLog: join(dir, "input_log.jsonl"),
    meta: join(dir, "meta.json"),
  };
  copyFileSync(video, files.video);
  const lines = readFileSync(join(FIXTURE, "input_log.jsonl"), "utf8").split("\n");
  writeFileSync(files.inputLog, (edit.log ? edit.log(lines) : lines).join("\n"));
  const meta = JSON.parse(readFileSync(join(FIXTURE, "meta.json"), "utf8")) as Record<string, unknown>;
  edit.meta?.(meta);
  writeFileSync(files.meta, JSON.stringify(meta, null, 2));
  return files;
}

/** The fixture's session as this project's recorder writes it: the same clicks, words, moves and scroll. */
const twinSession: ScriptedEvent[] = [
  ...busyScript(12, 9),
  { event: "mousemove", data: { x: 640, y: 300 }, time: T0 + 2_600 },
  { event: "mousemove", data: { x: 700, y: 333 }, time: T0 + 5_400 },
  { event: "mousemove", data: { x: 900, y: 420 }, time: T0 + 11_400 },
  ...[11_500, 11_580, 11_660].map((ms) => ({
    event: "mousewheel",
    data: { delta: -1, x: 900, y: 420 },
    time: T0 + ms,
  })),
].sort((a, b) => a.time - b.time);

describe("recordings from the original Forge desktop app", () => {
  const work = mkdtempSync(join(tmpdir(), "forge-compat-"));
  const video = join(work, "desktop.mp4");
  let desktop: Awaited<ReturnType<typeof world>>;
  let clean: Awaited<ReturnType<Awaited<ReturnType<typeof world>>["submit"]>>;

  beforeAll(async () => {
    makeVideo(video, { seconds: 12, width: 1280, height: 720, fps: 30 });
    desktop = await world(join(work, "desktop"));
    clean = await desktop.submit(desktopRecording(join(work, "clean"), video));
  });
  afterAll(async () => {
    await desktop?.db.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("GIVEN the fixture and the same session in this project's format THEN both are graded and paid within a point, and what the parser skipped is reported", async () => {
    const project = await world(join(work, "project"));
    try {
      const twin = await project.submit(
        makeRecording(join(work, "twin"), {
          factoryId: project.factory.id,
          taskId: project.factory.tasks[0]!.id,
          seconds: 12,
          events: twinSession,
        }),
      );
      console.log(
        `forge-app fixture: ${clean.recording.grade!.score}/100 paid ${clean.paid}; ` +
          `this project's format: ${twin.recording.grade!.score}/100 paid ${twin.paid}`,
      );
      for (const graded of [clean, twin]) {
        expect(graded.recording.status).toBe("graded");
        expect(graded.recording.grade!.score).toBeGreaterThanOrEqual(50);
        expect(graded.paid).toBeGreaterThan(0n);
      }
      expect(Math.abs(clean.recording.grade!.score - twin.recording.grade!.score)).toBeLessThanOrEqual(1);
      expect(clean.recording.grade!.actionCount).toBe(twin.recording.grade!.actionCount);
      expect(clean.recording.grade!.inputLog).toEqual({
        lines: 111,
        events: 87,
        ignored: { ffmpeg_stderr: 24, axtree: 1 },
        unknown: {},
        malformed: 0,
        malformedLines: [],
        unknownKeys: 1,
        unknownButtons: 1,
        unplacedButtons: 0,
      });
      expect(clean.recording.grade!.reasons.map((r) => r.code)).not.toContain("events_out_of_order");
    } finally {
      await project.db.close();
    }
  });

  it("GIVEN one malformed line and an event kind the parser does not know THEN only that line is lost: graded, paid, the line's number in the grade", async () => {
    const other = await world(join(work, "other"));
    try {
      const files = desktopRecording(join(work, "malformed"), video, {
        log: (lines) =>
          lines.map((l, i) =>
            i === 69 ? l.slice(0, 25) : i === 70 ? `${l}\n{"data":{},"event":"clipboard","time":${T0 + 4_000}}` : l,
          ),
      });
      const { recording, paid, dm } = await other.submit(files);
      expect(recording.status).toBe("graded");
      expect(paid).toBeGreaterThan(0n);
      expect(Math.abs(recording.grade!.score - clean.recording.grade!.score)).toBeLessThanOrEqual(1);
      expect(recording.grade!.inputLog).toMatchObject({
        malformed: 1,
        malformedLines: [{ line: 70, problem: "json_malformed" }],
        unknown: { clipboard: 1 },
      });
      expect(recording.grade!.reasons).toContainEqual(
        expect.objectContaining({ code: "input_lines_skipped", params: expect.objectContaining({ line: 70 }) }),
      );
      expect(dm).toContain("line 70");
    } finally {
      await other.db.close();
    }
  });

  it("GIVEN the fixture's log shifted by an hour THEN rejected with events_outside_recording, an hour off", async () => {
    const shifted = desktopRecording(join(work, "shifted"), video, {
      log: (lines) => lines.map((l) => l.replace(/"time":(\d+)/, (_m, t: string) => `"time":${Number(t) + 3_600_000}`)),
    });
    const { recording, paid } = await desktop.submit(shifted);
    expect(recording.status).toBe("rejected");
    expect(recording.grade!.score).toBe(0);
    expect(paid).toBe(0n);
    expect(recording.grade!.reasons[0]).toMatchObject({
      code: "events_outside_recording",
      params: { count: 87, seconds: 3600 },
    });
  });

  it("GIVEN the fixture's meta.json with primary_monitor.width as a string THEN rejected with meta_invalid naming that field", async () => {
    const files = desktopRecording(join(work, "bad-meta"), video, {
      meta: (meta) => {
        meta.primary_monitor = { width: "1280", height: 720 };
      },
    });
    const { recording } = await desktop.submit(files);
    expect(recording.status).toBe("rejected");
    expect(recording.grade!.reasons[0]).toMatchObject({
      code: "meta_invalid",
      text: "meta.json: primary_monitor.width must be a number.",
      params: { field: "primary_monitor.width" },
    });
  });
});
