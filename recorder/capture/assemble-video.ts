import { rename, rm } from "node:fs/promises";
import type { Pause } from "../recording/meta.js";
import { concatSegments, cutTail, probeVideo } from "../tools/ffmpeg.js";
import type { SegmentInfo } from "./session.js";

export interface MeasuredSegment extends SegmentInfo {
  readonly durationMs: number;
}

/**
 * The paused spans between segments: from where a segment's video really ends (its first
 * frame plus its duration, which includes the time ffmpeg took to stop) to the next
 * segment's first frame. With these, video time = event time - start - earlier pauses holds
 * exactly at every segment's start.
 */
export function pausesBetween(segments: readonly MeasuredSegment[]): Pause[] {
  const pauses: Pause[] = [];
  for (let i = 1; i < segments.length; i += 1) {
    const before = segments[i - 1];
    const next = segments[i];
    if (!before || !next) continue;
    const end = next.startedAtMs;
    pauses.push({ start_ms: Math.min(end, before.startedAtMs + before.durationMs), end_ms: end });
  }
  return pauses;
}

/** Measures the segments, joins them into `out` and removes them; returns the pauses. */
export async function assembleVideo(
  segments: readonly SegmentInfo[],
  out: string,
  listPath: string,
): Promise<{ pauses: Pause[]; videoStartMs: number }> {
  const measured: MeasuredSegment[] = [];
  for (const segment of segments) measured.push(await measure(segment));
  const first = measured[0];
  if (!first) throw new Error("assembleVideo needs at least one segment");
  if (measured.length === 1) await rename(first.path, out);
  else {
    await concatSegments(
      measured.map((s) => s.path),
      listPath,
      out,
    );
    await Promise.all([...measured.map((s) => rm(s.path, { force: true })), rm(listPath, { force: true })]);
  }
  return { pauses: pausesBetween(measured), videoStartMs: first.startedAtMs };
}

/** Slack for ffmpeg's own frame timing before a tail is worth cutting. */
const TAIL_SLACK_MS = 80;

/** The segment's duration, after cutting what ffmpeg captured past the end request. */
async function measure(segment: SegmentInfo): Promise<MeasuredSegment> {
  const { durationMs } = await probeVideo(segment.path);
  const wanted = segment.endRequestedAtMs === undefined ? durationMs : segment.endRequestedAtMs - segment.startedAtMs;
  if (wanted <= 0 || durationMs <= wanted + TAIL_SLACK_MS) return { ...segment, durationMs };
  const cut = `${segment.path}.cut.mp4`;
  await cutTail(segment.path, wanted, cut);
  await rename(cut, segment.path);
  return { ...segment, durationMs: (await probeVideo(segment.path)).durationMs };
}
