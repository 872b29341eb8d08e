// The video operations grading needs, as a port the tests and the bench can swap: a cheap
// probe first (the frame rate places the actions' keyframes), then one decoding pass that
// checks every frame and hashes the keyframes.
import type { Result } from "../core/shared/result.js";
import { analyzeVideo, probeVideo, type VideoFailure, type VideoProbe } from "../media/index.js";

export interface DecodedFrame {
  /** The requested video time, and the shown frame's own time (the last at or before it). */
  readonly timeMs: number;
  readonly frameMs: number;
  /** The keyframe JPEG, shared by times on the same frame; absent without an output folder. */
  readonly path?: string;
  /** 64-bit perceptual hash (dHash). */
  readonly hash: bigint;
}

export interface Media {
  probeVideo(path: string): Promise<Result<VideoProbe, VideoFailure>>;
  /** One pass: decodes every frame (a truncated or corrupt video fails) and takes the keyframes. */
  decodeFrames(
    path: string,
    framesMs: readonly number[],
    outDir?: string,
  ): Promise<Result<DecodedFrame[], VideoFailure>>;
}

/** Large enough for 4K screens; larger "videos" are refused before decoding. */
const MAX_PIXELS = 3840 * 2160;

export const ffmpegMedia: Media = {
  probeVideo: (path) => probeVideo(path, { maxPixels: MAX_PIXELS }),
  async decodeFrames(path, framesMs, outDir) {
    const analysis = await analyzeVideo(path, framesMs, { maxPixels: MAX_PIXELS, outDir, maxWidth: 1280 });
    if (!analysis.ok) return analysis;
    return { ok: true, value: analysis.value.frames.map((f) => ({ ...f, hash: f.hash ?? 0n })) };
  },
};
