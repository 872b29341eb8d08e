import { ok, type Result } from "../core/shared/result.js";
import type { VideoFailure } from "./errors.js";
import { frameIndexesAt, listFrameTimes } from "./frame-times.js";
import { probeVideo, type ProbeOptions, type VideoProbe } from "./probe.js";
import { scanVideo } from "./scan-video.js";

export interface AnalyzeOptions extends ProbeOptions {
  /** Write keyframe JPEGs here; without it none are written. */
  readonly outDir?: string;
  /** JPEGs wider than this are scaled down (default 1280). */
  readonly maxWidth?: number;
  /** Compute perceptual hashes (default true). */
  readonly hashes?: boolean;
  /** Distinct frames per decoding pass (default 2,500, bounded by the command line length). */
  readonly framesPerPass?: number;
}

/** One requested time's keyframe: the last frame shown at or before it. */
export interface AnalyzedFrame {
  readonly timeMs: number;
  /** The frame's own presentation time. */
  readonly frameMs: number;
  /** The JPEG, shared by times that fall on the same frame; absent without `outDir`. */
  readonly path?: string;
  /** 64-bit dHash; absent when hashes were not asked for. */
  readonly hash?: bigint;
}

export interface VideoAnalysis {
  readonly probe: VideoProbe;
  readonly framesDecoded: number;
  /** In the order of the requested times. */
  readonly frames: AnalyzedFrame[];
}

/**
 * The whole video side of processing in a single decoding pass (one per 2,500 distinct
 * frames): probe, verify every frame decodes, and extract the keyframe JPEG and dHash at
 * each requested video time. Returns VIDEO_UNREADABLE, VIDEO_NOT_H264, VIDEO_TOO_LARGE,
 * VIDEO_TRUNCATED or VIDEO_CORRUPT as values; throws MediaToolError for tool failures.
 */
export async function analyzeVideo(
  path: string,
  timesMs: readonly number[],
  options: AnalyzeOptions = {},
): Promise<Result<VideoAnalysis, VideoFailure>> {
  const probe = await probeVideo(path, options);
  if (!probe.ok) return probe;
  const frameTimes = await listFrameTimes(path, options);
  if (!frameTimes.ok) return frameTimes;
  const indexes = frameIndexesAt(timesMs, frameTimes.value);
  const distinct = [...new Set(indexes)].sort((a, b) => a - b);
  const { outDir: jpegDir, maxWidth, framesPerPass } = options;
  const request = {
    frames: distinct,
    probe: probe.value,
    jpegDir,
    maxWidth,
    hashes: options.hashes ?? true,
    framesPerPass,
  };
  const scan = await scanVideo(path, request, options);
  if (!scan.ok) return scan;
  const slot = new Map(distinct.map((frame, i) => [frame, i]));
  const frames = timesMs.map((timeMs, i): AnalyzedFrame => {
    const at = slot.get(indexes[i]!)!;
    const path = scan.value.jpegs[at];
    const hash = scan.value.hashes[at];
    return {
      timeMs,
      frameMs: frameTimes.value[indexes[i]!]!,
      ...(path !== undefined ? { path } : {}),
      ...(hash !== undefined ? { hash } : {}),
    };
  });
  return ok({ probe: probe.value, framesDecoded: scan.value.framesDecoded, frames });
}
