import { rename, rm } from "node:fs/promises";
import type { Pause } from "../recording/meta.js";
import { concatSegments, cutTail, filterVideo, probeVideo } from "../tools/ffmpeg.js";
import { drawboxFilter, videoBoxes, type Redaction } from "./redaction.js";
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

/**
 * Measures the segments, joins them into `out`, blacks out the redactions there, and removes
 * the raw segments (kept only in the private recording folder until then); returns the pauses
 * and how many boxes were drawn.
 */
export async function assembleVideo(
  segments: readonly SegmentInfo[],
  out: string,
  work: { listPath: string; rawPath: string; filterPath: string },
  redactions: readonly Redaction[] = [],
  onProgress?: (fraction: number) => void,
): Promise<{ pauses: Pause[]; videoStartMs: number; boxes: number }> {
  const measured: MeasuredSegment[] = [];
  for (const segment of segments) measured.push(await measure(segment));
  const first = measured[0];
  if (!first) throw new Error("assembleVideo needs at least one segment");
  const pauses = pausesBetween(measured);
  const videoStartMs = first.startedAtMs;
  const joined = redactions.length > 0 ? work.rawPath : out;
  if (measured.length === 1) await rename(first.path, joined);
  else {
    await concatSegments(
      measured.map((s) => s.path),
      work.listPath,
      joined,
    );
    await Promise.all([...measured.map((s) => rm(s.path, { force: true })), rm(work.listPath, { force: true })]);
  }
  if (joined === out) return { pauses, videoStartMs, boxes: 0 };
  // When redaction fails the raw video stays in the private folder, which is left incomplete.
  const video = await probeVideo(joined);
  const boxes = videoBoxes(redactions, { videoStartMs, pauses, durationMs: video.durationMs }, video);
  if (boxes.length === 0) await rename(joined, out);
  else {
    const report = onProgress && ((doneMs: number) => onProgress(Math.min(1, doneMs / Math.max(1, video.durationMs))));
    await filterVideo(joined, work.filterPath, drawboxFilter(boxes), out, report);
    await Promise.all([rm(work.rawPath, { force: true }), rm(work.filterPath, { force: true })]);
  }
  return { pauses, videoStartMs, boxes: boxes.length };
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
