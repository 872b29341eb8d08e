import { describe, expect, it } from "vitest";
import { parseInputLog } from "../../../core/recordings/input-log.js";
import { recordingMetaSchema } from "../../../core/recordings/meta.js";
import { eventsOutsideRecording, recordingSpan, SPAN_TOLERANCE_MS } from "../../../core/recordings/recording-span.js";
import { desktopMetaJson, ev, metaJson, T0 } from "./builders.js";

const START = new Date(T0).toISOString();
/** A 60 s recording by this project's recorder that started at T0. */
const recorderMeta = (overrides: Record<string, unknown> = {}) =>
  recordingMetaSchema.parse(metaJson({ timestamp: START, duration: 60, ...overrides }));
/** The desktop app's meta: timestamp just before the logger, duration truncated to 53 s. */
const desktopMeta = (overrides: Record<string, unknown> = {}) =>
  recordingMetaSchema.parse(desktopMetaJson({ timestamp: START, duration_seconds: 53, ...overrides }));
const VIDEO_MS = 60_000;

describe("events inside the recording's own time", () => {
  it("GIVEN events from the start to the end THEN none is outside", () => {
    const events = [ev.move(0, 1, 1), ev.key(30_000, "a", "a"), ev.move(60_000, 2, 2)];
    expect(eventsOutsideRecording(events, recorderMeta(), VIDEO_MS)).toBeNull();
  });

  it("GIVEN the same log shifted by an hour THEN every event is outside, by an hour", () => {
    const events = [ev.move(0, 1, 1), ev.key(30_000, "a", "a"), ev.move(60_000, 2, 2)].map((e) => ({
      ...e,
      time: e.time + 3_600_000,
    }));
    expect(eventsOutsideRecording(events, recorderMeta(), VIDEO_MS)).toEqual({ count: 3, seconds: 3600 });
    const earlier = events.map((e) => ({ ...e, time: e.time - 7_200_000 }));
    expect(eventsOutsideRecording(earlier, recorderMeta(), VIDEO_MS)).toEqual({ count: 3, seconds: 3600 });
  });

  it("GIVEN the desktop app's truncated duration THEN the last event in the final second is inside, and the tolerance is exactly 5 s", () => {
    const meta = desktopMeta();
    expect(eventsOutsideRecording([ev.move(53_900, 1, 1)], meta, VIDEO_MS)).toBeNull();
    expect(eventsOutsideRecording([ev.move(53_000 + SPAN_TOLERANCE_MS, 1, 1)], meta, VIDEO_MS)).toBeNull();
    expect(eventsOutsideRecording([ev.move(53_000 + SPAN_TOLERANCE_MS + 1, 1, 1)], meta, VIDEO_MS)).toEqual({
      count: 1,
      seconds: 5,
    });
    expect(eventsOutsideRecording([ev.move(-SPAN_TOLERANCE_MS - 1, 1, 1)], meta, VIDEO_MS)).toEqual({
      count: 1,
      seconds: 5,
    });
  });

  it("GIVEN an accessibility tree stamped before the timestamp and ffmpeg lines after the end THEN they do not count", () => {
    const line = (event: string, data: unknown, ms: number) => JSON.stringify({ data, event, time: T0 + ms });
    const log = [
      line("axtree", { duration: 1900, tree: [] }, -30_000),
      line("mousemove", { x: 1, y: 1 }, 1_000),
      line("ffmpeg_stderr", { output: "frame=  360" }, 120_000),
    ].join("\n");
    const parsed = parseInputLog(log, { vocabulary: "rdev", platform: "macos" });
    expect(parsed.ok && eventsOutsideRecording(parsed.value.events, desktopMeta(), VIDEO_MS)).toBeNull();
  });

  it("GIVEN paused time THEN the span grows by it: the video and the duration leave it out", () => {
    const pauses = [{ start_ms: T0 + 10_000, end_ms: T0 + 40_000 }];
    const meta = recorderMeta({ pauses });
    expect(recordingSpan([], meta, VIDEO_MS)).toEqual({ start: T0, end: T0 + 90_000 });
    expect(eventsOutsideRecording([ev.move(89_000, 1, 1)], meta, VIDEO_MS)).toBeNull();
    const fromLog = [
      { event: "pause" as const, time: T0 + 10_000 },
      { event: "resume" as const, time: T0 + 40_000 },
    ];
    expect(recordingSpan(fromLog, recorderMeta(), VIDEO_MS).end).toBe(T0 + 90_000);
  });

  it("GIVEN the recorder's sync marker after its timestamp THEN the span starts at the timestamp and ends a video later than the marker", () => {
    const meta = recorderMeta({ sync: { video_start_ms: T0 + 1_500 } });
    expect(recordingSpan([], meta, VIDEO_MS)).toEqual({ start: T0, end: T0 + 61_500 });
  });

  it("GIVEN a desktop meta left at 0 s by a crash THEN the video's duration stands in", () => {
    const meta = desktopMeta({ status: "recording", duration_seconds: 0 });
    expect(recordingSpan([], meta, 42_000).end).toBe(T0 + 42_000);
  });
});
