import type { InputEvent } from "./events.js";
import type { Pause } from "./meta.js";

/** What maps event time (epoch ms) onto video time: the sync marker and the paused spans. */
export interface Timeline {
  readonly videoStartMs: number;
  readonly pauses: readonly Pause[];
}

/**
 * The timeline of a recording: our sync marker when present, otherwise (original Forge
 * recordings) video time 0 is the first event.
 */
export function timelineOf(
  meta: { sync?: { video_start_ms: number }; pauses?: Pause[] },
  events: readonly InputEvent[],
): Timeline {
  return {
    videoStartMs: meta.sync?.video_start_ms ?? events[0]?.time ?? 0,
    pauses: [...(meta.pauses ?? [])].sort((a, b) => a.start_ms - b.start_ms),
  };
}

/** Video time (ms) of an event time: minus the start and every pause that ended before it. */
export function toVideoTime(time: number, timeline: Timeline): number {
  let paused = 0;
  for (const p of timeline.pauses) if (p.end_ms <= time) paused += p.end_ms - p.start_ms;
  return time - timeline.videoStartMs - paused;
}
