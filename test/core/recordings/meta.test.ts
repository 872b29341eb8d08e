import { describe, expect, it } from "vitest";
import { recordingMetaSchema } from "../../../core/recordings/meta.js";
import { metaJson } from "./builders.js";

const parses = (json: unknown) => recordingMetaSchema.safeParse(json).success;

describe("meta.json validation", () => {
  it("GIVEN meta.json as the original Forge app writes it THEN it validates without our extensions", () => {
    expect(parses(metaJson())).toBe(true);
  });

  it("GIVEN the original app's optional fields missing (os version, keyboard layout, reward) THEN it still validates", () => {
    const json = metaJson();
    delete json.version;
    delete json.keyboard_layout;
    json.quest = { title: "Rename a file", app: "Files", objectives: [], pool_id: 7, task_id: "t" };
    const parsed = recordingMetaSchema.parse(json);
    expect(parsed.quest.pool_id).toBe("7");
  });

  it("GIVEN all our extensions THEN they validate and are kept", () => {
    const parsed = recordingMetaSchema.parse(
      metaJson({
        scale_factor: 2,
        monitors: [{ x: 0, y: 0, width: 640, height: 360, scale_factor: 2, primary: true }],
        video: { width: 1280, height: 720, fps: 15, source: { x: 0, y: 0, width: 640, height: 360 } },
        sync: { video_start_ms: 1_700_000_000_000 },
        pauses: [{ start_ms: 1_700_000_001_000, end_ms: 1_700_000_002_000 }],
        blocked_apps: ["KeePassXC"],
        masked_keys: 3,
        content_hash: "a".repeat(64),
        recorder: { name: "forge", version: "0.1.0" },
      }),
    );
    expect(parsed.video?.source.width).toBe(640);
    expect(parsed.pauses).toHaveLength(1);
  });

  it.each([
    ["a missing primary monitor", { primary_monitor: undefined }],
    ["a missing quest", { quest: undefined }],
    ["a negative duration", { duration: -1 }],
    ["a duration over 4 h", { duration: 4 * 3600 + 1 }],
    ["a negative monitor size", { primary_monitor: { width: -1280, height: 720 } }],
    ["17 monitors", { monitors: Array.from({ length: 17 }, () => ({ x: 0, y: 0, width: 10, height: 10 })) }],
    ["a 10 KB platform string", { platform: "x".repeat(10_000) }],
    ["a pause that ends before it starts", { pauses: [{ start_ms: 2000, end_ms: 1000 }] }],
    ["a non-hex content hash", { content_hash: "z".repeat(64) }],
    ["a zero fps video", { video: { width: 1, height: 1, fps: 0, source: { x: 0, y: 0, width: 1, height: 1 } } }],
    ["a string duration", { duration: "60" }],
  ])("GIVEN %s THEN meta.json is rejected", (_name, overrides) => {
    expect(parses(metaJson(overrides))).toBe(false);
  });
});
