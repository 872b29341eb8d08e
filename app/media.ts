// The video operations grading needs, as a port the tests and the bench can swap: a cheap
// probe first (the frame rate places the actions' keyframes), then one decoding pass that
// checks every frame and hashes the keyframes.
import type { Result } from "../core/shared/result.js";
import {
  analyzeVideo,
  cachedToolCheck,
  probeVideo,
  type CachedToolCheck,
  type ToolCheckOptions,
  type ToolsReport,
  type VideoFailure,
  type VideoProbe,
} from "../media/index.js";

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

/** What an operator does about a missing tool: both come in Debian's (and most distributions') ffmpeg package. */
export const INSTALL_FFMPEG = "install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg)";

/** "ffmpeg", "ffmpeg and ffprobe". */
export const toolList = (tools: readonly string[]): string =>
  tools.length > 1 ? `${tools.slice(0, -1).join(", ")} and ${tools.at(-1)}` : (tools[0] ?? "");

export interface MediaTools extends CachedToolCheck {
  /** The worker's `media` health check: throws, naming what is missing, while grading cannot run. */
  health(): Promise<void>;
}

/** The grading tools as a worker checks them: at start, in /healthz and before each grading job. */
export function mediaTools(options: ToolCheckOptions & { everyMs?: number; now?: () => number } = {}): MediaTools {
  const cached = cachedToolCheck(options);
  return {
    ...cached,
    async health() {
      const report = await cached.check();
      if (!report.ok) throw new Error(`${toolList(report.missing)} missing: ${INSTALL_FFMPEG}`);
    },
  };
}

/** "5.1.9-0+deb12u1" out of "ffmpeg version 5.1.9-0+deb12u1 Copyright (c) ...". */
const versionNumber = (line: string | undefined) => /version (\S+)/.exec(line ?? "")?.[1] ?? "?";

/** The Quality Agent's start-up line: what it runs with, or that recordings wait for the missing tools. */
export function qualityAgentLine(report: ToolsReport, grading: { concurrency: number; judge: string }): string {
  if (!report.ok)
    return `  Quality Agent: ${toolList(report.missing)} missing: recordings wait ungraded; ${INSTALL_FFMPEG}`;
  return `  Quality Agent: grading ${grading.concurrency} recording(s) at a time with ffmpeg ${versionNumber(report.versions.ffmpeg)}; LLM judge ${grading.judge}`;
}
