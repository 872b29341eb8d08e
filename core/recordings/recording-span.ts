import type { InputEvent } from "./input-log.js";
import type { RecordingMeta } from "./meta.js";
import { pausedSpans } from "./video-clock.js";

/**
 * How far events may fall outside the recording's span before the log is not this
 * recording's. The desktop app takes the timestamp just before starting its logger and
 * truncates the duration to whole seconds (< 1 s short); this project's recorder starts its
 * clock before ffmpeg (the sync marker comes 0.1-2 s later) and stops listening a moment after
 * the video ends. Both read one clock, so nothing drifts: 5 s covers all of it, and a log
 * from another session (or shifted by minutes or hours) is far outside.
 */
export const SPAN_TOLERANCE_MS = 5_000;
/** The recorder's sync marker after the timestamp extends the span by at most this much. */
const MAX_SYNC_LEAD_MS = 10_000;

export interface OutsideRecording {
  /** Events beyond the tolerance. */
  readonly count: number;
  /** How far the farthest of them is from the span, in whole seconds. */
  readonly seconds: number;
}

/**
 * The recording's own time span in epoch ms: from meta's timestamp, for its duration plus
 * the time paused (paused time is not in the video nor in the duration). A duration of 0 is
 * the desktop app's meta of a session that crashed before stopping: the video's stands in.
 * `events` must be sorted by time (for the log's pause/resume pairs).
 */
export function recordingSpan(
  events: readonly InputEvent[],
  meta: RecordingMeta,
  videoDurationMs: number,
): { start: number; end: number } {
  const start = meta.startMs;
  const durationMs = meta.durationSeconds > 0 ? meta.durationSeconds * 1000 : videoDurationMs;
  const lead = Math.min(Math.max(0, (meta.sync?.video_start_ms ?? start) - start), MAX_SYNC_LEAD_MS);
  const paused = pausedSpans(events, meta)
    .filter((p) => Number.isFinite(p.end))
    .reduce((sum, p) => sum + Math.max(0, p.end - p.start), 0);
  return { start, end: start + lead + durationMs + paused };
}

/**
 * The events (already parsed: the desktop app's ffmpeg and accessibility-tree lines, whose
 * times are not input times, are not among them) that fall outside the recording's span by
 * more than `SPAN_TOLERANCE_MS`; null when none do.
 */
export function eventsOutsideRecording(
  events: readonly InputEvent[],
  meta: RecordingMeta,
  videoDurationMs: number,
): OutsideRecording | null {
  const sorted = [...events].sort((a, b) => a.time - b.time);
  const { start, end } = recordingSpan(sorted, meta, videoDurationMs);
  let count = 0;
  let farthest = 0;
  for (const e of events) {
    const off = e.time < start ? start - e.time : e.time > end ? e.time - end : 0;
    if (off <= SPAN_TOLERANCE_MS) continue;
    count++;
    farthest = Math.max(farthest, off);
  }
  return count > 0 ? { count, seconds: Math.round(farthest / 1000) } : null;
}
