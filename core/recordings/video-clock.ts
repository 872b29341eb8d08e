import type { InputEvent } from "./input-log.js";
import type { RecordingMeta } from "./meta.js";

export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Maps an event's epoch time onto video time. Video time 0 is `meta.sync.video_start_ms`,
 * else the first `sync` event (for the desktop app, ffmpeg's start as the parser found it),
 * else the desktop app's timestamp (taken just before it starts ffmpeg), else the first event. Paused spans (`meta.pauses`, else the
 * log's pause/resume pairs) are not in the video, so they are subtracted; a time inside a
 * pause maps to the moment the pause began. Times before the start come out negative.
 * `events` must be sorted by time.
 */
export function videoClock(events: readonly InputEvent[], meta: RecordingMeta): (time: number) => number {
  const start =
    meta.sync?.video_start_ms ??
    events.find((e) => e.event === "sync")?.time ??
    (meta.writer === "desktop" ? meta.startMs : events[0]?.time) ??
    0;
  const pauses = pausedSpans(events, meta)
    .map((p) => ({ start: Math.max(p.start, start), end: p.end }))
    .filter((p) => p.end > p.start);
  // Prefix sums + binary search keep this O(log n) per event even for hostile logs that
  // alternate pause/resume a million times.
  const before: number[] = [];
  let total = 0;
  for (const p of pauses) {
    before.push(total);
    total += p.end - p.start;
  }
  return (time) => {
    const i = lastStartingBefore(pauses, time);
    if (i < 0) return time - start;
    const p = pauses[i]!;
    return time - start - before[i]! - (Math.min(time, p.end) - p.start);
  };
}

/**
 * The spans when capture was paused, merged: `meta.pauses`, else the log's pause/resume pairs
 * (a pause never resumed runs to infinity). `events` must be sorted by time.
 */
export function pausedSpans(events: readonly InputEvent[], meta: RecordingMeta): Span[] {
  return mergeSpans(meta.pauses?.map((p) => ({ start: p.start_ms, end: p.end_ms })) ?? pausesFromLog(events));
}

function pausesFromLog(events: readonly InputEvent[]): Span[] {
  const spans: Span[] = [];
  let pausedAt: number | null = null;
  for (const e of events) {
    if (e.event === "pause" && pausedAt === null) pausedAt = e.time;
    else if (e.event === "resume" && pausedAt !== null) {
      spans.push({ start: pausedAt, end: e.time });
      pausedAt = null;
    }
  }
  if (pausedAt !== null) spans.push({ start: pausedAt, end: Number.POSITIVE_INFINITY });
  return spans;
}

function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else merged.push(s);
  }
  return merged;
}

function lastStartingBefore(spans: readonly Span[], time: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
