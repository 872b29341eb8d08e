import { ok, type Result } from "../core/shared/result.js";
import { analyzeVideo } from "./analyze-video.js";
import type { VideoFailure } from "./errors.js";
import type { ProbeOptions } from "./probe.js";

export interface Keyframe {
  readonly timeMs: number;
  readonly path: string;
}

export interface KeyframeOptions extends ProbeOptions {
  /** JPEGs wider than this are scaled down, keeping the aspect ratio (default 1280). */
  readonly width?: number;
}

/**
 * Writes one JPEG per requested video time (the last frame at or before it) into `outDir`,
 * in one decoding pass; times on the same frame share its file. Fails like analyzeVideo.
 */
export async function extractKeyframes(
  path: string,
  framesMs: readonly number[],
  outDir: string,
  options: KeyframeOptions = {},
): Promise<Result<Keyframe[], VideoFailure>> {
  const analysis = await analyzeVideo(path, framesMs, { ...options, outDir, maxWidth: options.width, hashes: false });
  if (!analysis.ok) return analysis;
  return ok(analysis.value.frames.map((f) => ({ timeMs: f.timeMs, path: f.path! })));
}

/**
 * The 64-bit dHash of the frame at or before each video time, from 9x8 gray pixels ffmpeg
 * pipes out in one decoding pass (no temporary files). Fails like analyzeVideo.
 */
export async function perceptualHashes(
  path: string,
  framesMs: readonly number[],
  options: ProbeOptions = {},
): Promise<Result<bigint[], VideoFailure>> {
  const analysis = await analyzeVideo(path, framesMs, { ...options, hashes: true });
  if (!analysis.ok) return analysis;
  return ok(analysis.value.frames.map((f) => f.hash!));
}
