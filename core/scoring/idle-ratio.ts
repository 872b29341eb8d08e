/** A stretch without input longer than this counts as idle, whole. */
export const IDLE_GAP_MS = 5000;

/**
 * The share of the video (0..1) spent in stretches of more than 5 s without input,
 * including before the first and after the last event. `times` are the input events' video
 * times in ms, sorted; times outside the video are clamped into it. An empty video is idle.
 */
export function idleRatio(times: readonly number[], durationMs: number, gapMs = IDLE_GAP_MS): number {
  if (!(durationMs > 0)) return 1;
  let idle = 0;
  let previous = 0;
  for (const t of [...times.map((x) => Math.min(Math.max(x, 0), durationMs)), durationMs]) {
    const gap = t - previous;
    if (gap > gapMs) idle += gap;
    previous = Math.max(previous, t);
  }
  return Math.min(1, idle / durationMs);
}
