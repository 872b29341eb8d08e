import { describe, expect, it } from "vitest";
import type { InputEvent } from "../../../recorder/recording/events.js";
import { normalizeCuts, trimEvents } from "../../../recorder/recording/trim-events.js";
import { toVideoTime } from "../../../recorder/recording/video-time.js";
import { keptRanges } from "../../../recorder/commands/trim.js";

const START = 1_000_000;
const at = (videoMs: number, key = String(videoMs)): InputEvent => ({
  event: "keydown",
  data: { key },
  time: START + videoMs,
});

describe("trimming events", () => {
  it("GIVEN a cut 10s-25s THEN events inside go, later events move 15 s earlier, earlier ones stay", () => {
    const timeline = { videoStartMs: START, pauses: [] };
    const events = [at(5_000), at(10_000), at(24_999), at(25_000), at(40_000)];
    const result = trimEvents(events, timeline, [{ startMs: 10_000, endMs: 25_000 }]);
    expect(result.removed).toBe(2);
    expect(result.events.map((e) => [e.data.key, toVideoTime(e.time, timeline)])).toEqual([
      ["5000", 5_000],
      ["25000", 10_000],
      ["40000", 25_000],
    ]);
  });

  it("GIVEN a pause after the cut THEN the pause moves with the events and still maps them onto the trimmed video", () => {
    // Video: 0-20 s recorded, a 60 s pause, then 20-30 s. Event at video 25 s = epoch START+85 s.
    const pause = { start_ms: START + 20_000, end_ms: START + 80_000 };
    const timeline = { videoStartMs: START, pauses: [pause] };
    const late: InputEvent = { event: "mousedown", data: { x: 1, y: 1 }, time: START + 85_000 };
    expect(toVideoTime(late.time, timeline)).toBe(25_000);
    const result = trimEvents([at(2_000), late], timeline, [{ startMs: 5_000, endMs: 8_000 }]);
    const after = { videoStartMs: START, pauses: result.pauses };
    expect(result.pauses).toEqual([{ start_ms: START + 17_000, end_ms: START + 77_000 }]);
    expect(result.events.map((e) => toVideoTime(e.time, after))).toEqual([2_000, 22_000]);
  });

  it("GIVEN a pause inside a cut THEN the pause disappears and later events still land right", () => {
    const pause = { start_ms: START + 10_000, end_ms: START + 70_000 }; // at video 10 s
    const timeline = { videoStartMs: START, pauses: [pause] };
    const late: InputEvent = { event: "mousedown", data: { x: 1, y: 1 }, time: START + 80_000 }; // video 20 s
    const result = trimEvents([late], timeline, [{ startMs: 8_000, endMs: 12_000 }]);
    expect(result.pauses).toEqual([]);
    expect(result.events.map((e) => toVideoTime(e.time, { videoStartMs: START, pauses: [] }))).toEqual([16_000]);
  });

  it("GIVEN overlapping, unsorted and out-of-range cuts THEN they are merged and clamped to the video", () => {
    const cuts = normalizeCuts(
      [
        { startMs: 20_000, endMs: 30_000 },
        { startMs: 5_000, endMs: 12_000 },
        { startMs: 10_000, endMs: 15_000 },
        { startMs: 55_000, endMs: 90_000 },
        { startMs: 70_000, endMs: 80_000 },
      ],
      60_000,
    );
    expect(cuts).toEqual([
      { startMs: 5_000, endMs: 15_000 },
      { startMs: 20_000, endMs: 30_000 },
      { startMs: 55_000, endMs: 60_000 },
    ]);
    expect(keptRanges(cuts, 60_000)).toEqual([
      { startMs: 0, endMs: 5_000 },
      { startMs: 15_000, endMs: 20_000 },
      { startMs: 30_000, endMs: 55_000 },
    ]);
  });
});
