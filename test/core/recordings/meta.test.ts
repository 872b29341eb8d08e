import { describe, expect, it } from "vitest";
import { parseRecordingMeta, recordingMetaSchema } from "../../../core/recordings/meta.js";
import { parseRfc3339 } from "../../../core/recordings/rfc3339.js";
import { desktopMetaJson, metaJson } from "./builders.js";

const parses = (json: unknown) => recordingMetaSchema.safeParse(json).success;
const problem = (json: unknown) => {
  const result = parseRecordingMeta(JSON.stringify(json));
  return result.ok ? null : `${result.field}: ${result.detail}`;
};

describe("meta.json validation", () => {
  it("GIVEN meta.json as this project's recorder writes it THEN it validates without the extensions", () => {
    const parsed = recordingMetaSchema.parse(metaJson());
    expect(parsed).toMatchObject({
      writer: "recorder",
      startMs: Date.UTC(2026, 0, 1),
      durationSeconds: 60,
      platform: "linux",
    });
  });

  it("GIVEN optional fields missing (os version, keyboard layout, reward) THEN it still validates", () => {
    const json = metaJson();
    delete json.version;
    delete json.keyboard_layout;
    json.quest = { title: "Rename a file", app: "Files", objectives: [], pool_id: 7, task_id: "t" };
    const parsed = recordingMetaSchema.parse(json);
    expect(parsed.quest?.pool_id).toBe("7");
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

  it("GIVEN meta.json as the original desktop app writes it THEN it is read into the same shape, its extra fields dropped", () => {
    const parsed = recordingMetaSchema.parse(desktopMetaJson());
    expect(parsed).toEqual({
      writer: "desktop",
      id: "20250818_135137",
      startMs: Date.UTC(2025, 7, 18, 11, 51, 37) + 719.819,
      durationSeconds: 53,
      status: "completed",
      reason: "done",
      title: "Configure Docker container resources",
      platform: "macos",
      arch: "aarch64",
      version: "15.6.0",
      locale: "fr-FR",
      primary_monitor: { width: 2880, height: 1800 },
      quest: {
        title: "Configure Docker container resources",
        app: "Docker Desktop",
        objectives: ["Open Docker Desktop on your machine", "Navigate to Resources section"],
        pool_id: "688787554c3d6fdf7ac1aceb",
        reward: { max_reward: 10 },
        task_id: "688787554c3d6fdf7ac1acf0",
      },
    });
  });

  it("GIVEN the desktop app's null quest and reason, or a crash's status and zero duration THEN it validates", () => {
    expect(recordingMetaSchema.parse(desktopMetaJson({ quest: null, reason: null }))).toMatchObject({
      quest: null,
      reason: null,
    });
    expect(parses(desktopMetaJson({ status: "recording", duration_seconds: 0 }))).toBe(true);
  });

  it("GIVEN a desktop meta from before February 2025 (id, timestamp, duration_seconds, status, title, description) THEN it validates", () => {
    const old = {
      id: "20250201_101500",
      timestamp: "2025-02-01T10:15:00.123456-05:00",
      duration_seconds: 95,
      status: "completed",
      title: "Recording Session",
      description: "",
    };
    expect(recordingMetaSchema.parse(old)).toMatchObject({
      writer: "desktop",
      startMs: Date.UTC(2025, 1, 1, 15, 15, 0) + 123.456,
      quest: null,
    });
  });

  it("GIVEN Node's platform names THEN they read as the desktop app's", () => {
    expect(recordingMetaSchema.parse(metaJson({ platform: "darwin" })).platform).toBe("macos");
    expect(recordingMetaSchema.parse(metaJson({ platform: "win32" })).platform).toBe("windows");
  });

  it.each([
    ["a negative duration", { duration: -1 }],
    ["a duration over 4 h", { duration: 4 * 3600 + 1 }],
    ["a negative monitor size", { primary_monitor: { width: -1280, height: 720 } }],
    ["17 monitors", { monitors: Array.from({ length: 17 }, () => ({ x: 0, y: 0, width: 10, height: 10 })) }],
    ["a 10 KB platform string", { platform: "x".repeat(10_000) }],
    ["a pause that ends before it starts", { pauses: [{ start_ms: 2000, end_ms: 1000 }] }],
    ["a non-hex content hash", { content_hash: "z".repeat(64) }],
    ["a zero fps video", { video: { width: 1, height: 1, fps: 0, source: { x: 0, y: 0, width: 1, height: 1 } } }],
    ["a string duration", { duration: "60" }],
    ["no duration at all", { duration: undefined }],
    ["both durations", { duration_seconds: 60 }],
    ["a quest without a title", { quest: { app: "Files" } }],
    ["a timestamp without an offset", { timestamp: "2026-01-01T00:00:00" }],
  ])("GIVEN %s THEN meta.json is rejected", (_name, overrides) => {
    expect(parses(metaJson(overrides))).toBe(false);
  });

  it.each([
    [
      "primary_monitor.width as a string",
      desktopMetaJson({ primary_monitor: { width: "2880", height: 1800 } }),
      "primary_monitor.width: must be a number",
    ],
    ["no id", desktopMetaJson({ id: undefined }), "id: is missing"],
    ["no duration", desktopMetaJson({ duration_seconds: undefined }), "duration_seconds: is missing"],
    ["both durations", desktopMetaJson({ duration: 53 }), "duration_seconds: and duration cannot both be given"],
    [
      "a local time without offset",
      desktopMetaJson({ timestamp: "2025-08-18 13:51:37" }),
      "timestamp: must be an RFC 3339 date-time such as 2025-08-18T13:51:37.719+02:00, or epoch milliseconds",
    ],
    [
      "a boolean timestamp",
      desktopMetaJson({ timestamp: true }),
      "timestamp: must be an RFC 3339 date-time such as 2025-08-18T13:51:37.719+02:00, or epoch milliseconds",
    ],
    [
      "a quest objective over 4096 characters",
      desktopMetaJson({ quest: { title: "t", objectives: ["x".repeat(5000)] } }),
      "quest.objectives.0: is too long (at most 4096)",
    ],
    ["a 5 h duration", desktopMetaJson({ duration_seconds: 5 * 3600 }), "duration_seconds: must be at most 14400"],
    ["an array", [], ": must be a JSON object"],
  ])("GIVEN %s THEN the problem names the field and what is wrong", (_name, json, expected) => {
    expect(problem(json)).toBe(expected);
  });

  it("GIVEN text that is not JSON THEN the problem is the file itself", () => {
    expect(parseRecordingMeta("{")).toEqual({ ok: false, field: "", detail: "is not valid JSON" });
  });
});

describe("RFC 3339 timestamps", () => {
  const at = Date.UTC(2025, 7, 18, 11, 51, 37);
  it.each([
    ["2025-08-18T13:51:37+02:00", at],
    ["2025-08-18T13:51:37.7+02:00", at + 700],
    ["2025-08-18T13:51:37.719+02:00", at + 719],
    ["2025-08-18T13:51:37.719819+02:00", at + 719.819],
    ["2025-08-18T13:51:37.719819123+02:00", at + 719.819],
    ["2025-08-18T11:51:37Z", at],
    ["2025-08-18t11:51:37z", at],
    ["2025-08-18T06:21:37-05:30", at],
    ["2016-12-31T23:59:60Z", Date.UTC(2016, 11, 31, 23, 59, 59)],
  ])("GIVEN %s THEN %d", (text, expected) => {
    expect(parseRfc3339(text)).toBeCloseTo(expected, 3);
  });

  it.each([
    "2025-08-18T13:51:37",
    "2025-08-18",
    "2025-13-01T00:00:00Z",
    "2025-02-30T00:00:00Z",
    "2025-08-18T24:00:00Z",
    "2025-08-18T13:51:37.1234567890Z",
    "2025-08-18T13:51:37+24:00",
    " 2025-08-18T13:51:37Z",
  ])("GIVEN %s THEN it is not a timestamp", (text) => {
    expect(parseRfc3339(text)).toBeNull();
  });
});
