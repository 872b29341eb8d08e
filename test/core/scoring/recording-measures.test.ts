import { describe, expect, it } from "vitest";
import type { Action } from "../../../core/recordings/action.js";
import { extractActions } from "../../../core/recordings/extract-actions.js";
import { actionRedundancy } from "../../../core/scoring/action-redundancy.js";
import { idleRatio } from "../../../core/scoring/idle-ratio.js";
import { measureRecording } from "../../../core/scoring/measure-recording.js";
import { click, ev, meta, typing, VIDEO } from "../recordings/builders.js";

const at = (kind: Action["kind"], atMs: number, extra: Partial<Action> = {}): Action => ({
  kind,
  atMs,
  frameMs: atMs,
  ...extra,
});

describe("idle ratio", () => {
  it.each([
    ["input every second", [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000], 10_000, 0],
    ["a 6 s gap in 10 s", [0, 1000, 7000, 8000, 9000, 9500], 10_000, 0.6],
    ["a gap of exactly 5 s", [0, 5000, 9000], 10_000, 0],
    ["no input in the first 20 s of 30 s", [20_000, 21_000, 25_000, 29_000], 30_000, 20_000 / 30_000],
    ["no input at all", [], 10_000, 1],
  ])("GIVEN %s THEN %d", (_name, times, duration, expected) => {
    expect(idleRatio(times, duration)).toBeCloseTo(expected);
  });

  it("GIVEN an empty video THEN entirely idle", () => {
    expect(idleRatio([1, 2], 0)).toBe(1);
  });
});

describe("redundant actions", () => {
  it("GIVEN a click repeated on the same spot, a scroll reversed and an undo THEN 3 of 6 are redundant", () => {
    const actions = [
      at("click", 0, { x: 10, y: 10 }),
      at("click", 800, { x: 14, y: 12 }),
      at("scroll", 2000, { delta: 5 }),
      at("scroll", 3000, { delta: -5 }),
      at("hotkey", 4000, { keys: ["Control", "z"] }),
      at("type", 5000, { text: "x" }),
    ];
    expect(actionRedundancy(actions)).toBe(0.5);
  });

  it("GIVEN clicks far apart or slow, and scrolls in one direction THEN none are redundant", () => {
    const actions = [
      at("click", 0, { x: 10, y: 10 }),
      at("click", 500, { x: 100, y: 10 }),
      at("click", 3000, { x: 100, y: 10 }),
      at("scroll", 4000, { delta: 5 }),
      at("scroll", 5000, { delta: 5 }),
    ];
    expect(actionRedundancy(actions)).toBe(0);
    expect(actionRedundancy([])).toBe(0);
  });
});

describe("measuring a recording", () => {
  it("GIVEN a 60 s video with input in its first 10 s only THEN the signals say idle, sparse and covering 10 s", () => {
    const events = [...typing(0, "hello"), ...click(5000, 10, 10), ev.move(10_000, 20, 20)];
    const m = meta();
    const measures = measureRecording(events, extractActions(events, m, VIDEO), m, VIDEO);
    expect(measures).toEqual({
      videoDurationMs: 60_000,
      eventSpanMs: 10_000,
      outOfOrderEvents: 0,
      eventCount: events.length,
      actionCount: 2,
      idleRatio: 50_000 / 60_000,
      actionsPerMinute: 2,
      redundantActionRatio: 0,
    });
  });

  it("GIVEN the log's lines swapped THEN the disorder is counted but the span is unchanged", () => {
    const events = [ev.move(0, 1, 1), ev.move(2000, 2, 2), ev.move(1000, 3, 3), ev.move(3000, 4, 4)];
    const measures = measureRecording(events, [], meta(), VIDEO);
    expect(measures.outOfOrderEvents).toBe(1);
    expect(measures.eventSpanMs).toBe(3000);
  });
});
