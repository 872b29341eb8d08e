import { describe, expect, it } from "vitest";
import { recordingMetaSchema } from "../../../core/recordings/meta.js";
import { pausesBetween } from "../../../recorder/capture/assemble-video.js";
import { buildMeta, type MetaInput } from "../../../recorder/recording/meta.js";
import { toVideoTime } from "../../../recorder/recording/video-time.js";

const input: MetaInput = {
  id: "20250101-120000-abcd",
  startedAt: Date.UTC(2025, 0, 1, 12, 0, 0),
  durationMs: 4_267,
  system: { platform: "linux", arch: "x64", version: "6.1", locale: "en-US" },
  screen: {
    width: 1280,
    height: 720,
    scaleFactor: 1,
    monitors: [{ x: 0, y: 0, width: 1280, height: 720, primary: true }],
  },
  fps: 15,
  quest: { title: "Fill the form", app: "", objectives: ["Fill it"], factoryId: "f1", taskId: "t1" },
  videoStartMs: 1_735_732_800_300,
  pauses: [{ start_ms: 1_735_732_801_300, end_ms: 1_735_732_803_300 }],
  blockedApps: ["keepass"],
  maskedKeys: 3,
  contentHash: "a".repeat(64),
  recorderVersion: "0.1.0",
};

describe("meta.json", () => {
  it("GIVEN a finished recording THEN meta has the original fields in their units and every extension", () => {
    const meta = buildMeta(input);
    expect(meta).toMatchObject({
      id: "20250101-120000-abcd",
      timestamp: "2025-01-01T12:00:00.000Z",
      duration: 4.267,
      primary_monitor: { width: 1280, height: 720 },
      quest: {
        title: "Fill the form",
        objectives: ["Fill it"],
        pool_id: "f1",
        task_id: "t1",
        reward: { max_reward: 0 },
      },
      scale_factor: 1,
      video: { width: 1280, height: 720, fps: 15, source: { x: 0, y: 0, width: 1280, height: 720 } },
      sync: { video_start_ms: 1_735_732_800_300 },
      pauses: [{ start_ms: 1_735_732_801_300, end_ms: 1_735_732_803_300 }],
      blocked_apps: ["keepass"],
      masked_keys: 3,
      content_hash: "a".repeat(64),
      recorder: { name: "forge", version: "0.1.0" },
    });
  });

  it("GIVEN the meta the recorder writes THEN the server's schema (core) accepts it unchanged", () => {
    const meta = buildMeta(input);
    const parsed = recordingMetaSchema.safeParse(meta);
    expect(parsed.success).toBe(true);
  });
});

describe("pauses from segments", () => {
  it("GIVEN segments with their first frames and durations THEN each pause runs from where the video ends to the next first frame", () => {
    const segments = [
      { path: "a", startedAtMs: 10_000, durationMs: 2_000 },
      { path: "b", startedAtMs: 15_000, durationMs: 1_000 },
      { path: "c", startedAtMs: 20_000, durationMs: 500 },
    ];
    const pauses = pausesBetween(segments);
    expect(pauses).toEqual([
      { start_ms: 12_000, end_ms: 15_000 },
      { start_ms: 16_000, end_ms: 20_000 },
    ]);
    // Each segment's first frame then lands exactly where the joined video has it.
    const timeline = { videoStartMs: 10_000, pauses };
    expect([15_000, 20_000].map((t) => toVideoTime(t, timeline))).toEqual([2_000, 3_000]);
  });

  it("GIVEN one segment THEN there is no pause", () => {
    expect(pausesBetween([{ path: "a", startedAtMs: 1, durationMs: 5 }])).toEqual([]);
  });
});
