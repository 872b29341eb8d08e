import { ok, type Result } from "../core/shared/result.js";
import { videoFailure, type VideoFailure } from "./errors.js";
import { inputArgs, runTool, summarize, type ToolOptions } from "./run-tool.js";

/**
 * Presentation times (ms, from the first frame) of every frame the file holds, read from the
 * packet index without decoding. Real timestamps rather than `index / fps`, so a variable
 * frame rate screen capture still gets the frame that was on screen.
 */
export async function listFrameTimes(path: string, options: ToolOptions = {}): Promise<Result<number[], VideoFailure>> {
  const args = [
    "-v",
    "error",
    "-select_streams",
    "v:0",
    "-show_entries",
    "packet=pts_time",
    "-of",
    "csv=p=0",
    ...inputArgs(path),
  ];
  const run = await runTool(options.ffprobePath ?? "ffprobe", args, options);
  if (run.exitCode !== 0)
    return videoFailure("VIDEO_UNREADABLE", `ffprobe could not list frames: ${summarize(run.stderr)}`);
  const seconds = run.stdout
    .toString("utf8")
    .split("\n")
    .map((line) => Number.parseFloat(line))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (seconds.length === 0) return videoFailure("VIDEO_UNREADABLE", "the video stream holds no frames");
  const first = seconds[0]!;
  return ok(seconds.map((s) => (s - first) * 1000));
}

// Callers pass keyframe times computed from the fps and rounded (e.g. 66.667 for the 2nd
// frame at 15 fps); half a millisecond absorbs that rounding at any real frame rate.
const TOLERANCE_MS = 0.5;

/**
 * For each time, the index of the last frame shown at or before it. Times before the first
 * frame get the first frame and times past the end the last one, so every time has a frame.
 */
export function frameIndexesAt(timesMs: readonly number[], frameTimesMs: readonly number[]): number[] {
  return timesMs.map((t) => {
    let lo = 0;
    let hi = frameTimesMs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (frameTimesMs[mid]! <= t + TOLERANCE_MS) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  });
}
