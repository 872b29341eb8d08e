import type { InputEvent } from "./events.js";
import type { Pause } from "./meta.js";
import { toVideoTime, type Timeline } from "./video-time.js";

export interface Cut {
  readonly startMs: number;
  readonly endMs: number;
}

/** Sorts cuts, clamps them to the video and merges overlaps; empty ranges disappear. */
export function normalizeCuts(cuts: readonly Cut[], videoMs: number): Cut[] {
  const sorted = cuts
    .map((c) => ({ startMs: Math.max(0, c.startMs), endMs: Math.min(videoMs, c.endMs) }))
    .filter((c) => c.endMs > c.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: Cut[] = [];
  for (const cut of sorted) {
    const last = merged.at(-1);
    if (last && cut.startMs <= last.endMs)
      merged[merged.length - 1] = { ...last, endMs: Math.max(last.endMs, cut.endMs) };
    else merged.push(cut);
  }
  return merged;
}

const inside = (v: number, cuts: readonly Cut[]) => cuts.some((c) => v >= c.startMs && v < c.endMs);
const strictlyInside = (v: number, cuts: readonly Cut[]) => cuts.some((c) => v > c.startMs && v < c.endMs);
const removedBefore = (v: number, cuts: readonly Cut[]) =>
  cuts.reduce((sum, c) => sum + (c.endMs <= v ? c.endMs - c.startMs : 0), 0);

/**
 * Removes the events whose video time falls in a cut and moves every later event (and pause)
 * earlier by the video removed before it, plus the length of any pause that disappeared
 * inside a cut, so that event time still maps onto the trimmed video with the same sync
 * marker. `cuts` must be normalized.
 */
export function trimEvents(
  events: readonly InputEvent[],
  timeline: Timeline,
  cuts: readonly Cut[],
): { events: InputEvent[]; pauses: Pause[]; removed: number } {
  const pauseAt = timeline.pauses.map((p) => ({ pause: p, v: toVideoTime(p.start_ms, timeline) }));
  const dropped = pauseAt.filter((p) => strictlyInside(p.v, cuts)).map((p) => p.pause);
  const shift = (time: number) => {
    const v = toVideoTime(time, timeline);
    const lostPauses = dropped.reduce((sum, p) => sum + (p.end_ms <= time ? p.end_ms - p.start_ms : 0), 0);
    return removedBefore(v, cuts) + lostPauses;
  };
  const kept = events.filter((e) => !inside(toVideoTime(e.time, timeline), cuts));
  return {
    events: kept.map((e) => ({ ...e, time: e.time - shift(e.time) })),
    pauses: pauseAt
      .filter((p) => !dropped.includes(p.pause))
      .map(({ pause }) => {
        const by = shift(pause.start_ms);
        return { start_ms: pause.start_ms - by, end_ms: pause.end_ms - by };
      }),
    removed: events.length - kept.length,
  };
}
