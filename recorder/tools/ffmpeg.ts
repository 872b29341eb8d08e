import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { environmentError } from "../cli/cli-error.js";
import { run } from "./run.js";

const ENCODE = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart"];

export interface VideoInfo {
  readonly durationMs: number;
  readonly width: number;
  readonly height: number;
}

/** Duration and size of a video, from ffprobe; an environment error when it does not decode. */
export async function probeVideo(path: string): Promise<VideoInfo> {
  const result = await run("ffprobe", [
    "-v",
    "error",
    "-select_streams",
    "v:0",
    "-show_entries",
    "stream=width,height:format=duration",
    "-of",
    "json",
    path,
  ]);
  const info = safeParse(result.stdout) as {
    streams?: Array<{ width?: number; height?: number }>;
    format?: { duration?: string };
  } | null;
  const stream = info?.streams?.[0];
  const duration = Number(info?.format?.duration);
  if (result.code !== 0 || !stream?.width || !stream.height || !Number.isFinite(duration))
    throw environmentError(`cannot read the video ${path}: ${result.stderr.trim() || "no video stream"}`);
  return { durationMs: Math.round(duration * 1_000), width: stream.width, height: stream.height };
}

/** Joins segments without re-encoding (they share codec and size) into one faststart mp4. */
export async function concatSegments(segments: readonly string[], listPath: string, out: string): Promise<void> {
  // The concat demuxer reads paths from a file; single quotes are escaped as it documents.
  await writeFile(listPath, segments.map((s) => `file '${s.replaceAll("'", "'\\''")}'\n`).join(""), { mode: 0o600 });
  const args = ["-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", listPath, "-c", "copy"];
  await ffmpeg([...args, "-movflags", "+faststart", out]);
}

/**
 * Keeps the first `keepMs` of a segment without re-encoding: the recorder's x264 settings
 * (ultrafast) use no B-frames, so cutting the end needs no new keyframe.
 */
export async function cutTail(input: string, keepMs: number, out: string): Promise<void> {
  await ffmpeg([
    "-v",
    "error",
    "-y",
    "-i",
    input,
    "-t",
    String(keepMs / 1_000),
    "-c",
    "copy",
    "-movflags",
    "+faststart",
    out,
  ]);
}

/** Re-encodes `input` keeping only the given [startMs, endMs) ranges, frame-exact. */
export async function keepRanges(
  input: string,
  ranges: ReadonlyArray<{ startMs: number; endMs: number }>,
  out: string,
): Promise<void> {
  const parts = ranges.map(
    (r, i) => `[0:v]trim=start=${r.startMs / 1_000}:end=${r.endMs / 1_000},setpts=PTS-STARTPTS[v${i}]`,
  );
  const joined = `${ranges.map((_, i) => `[v${i}]`).join("")}concat=n=${ranges.length}:v=1:a=0[out]`;
  const graph = [...parts, joined].join(";");
  await ffmpeg(["-v", "error", "-y", "-i", input, "-filter_complex", graph, "-map", "[out]", ...ENCODE, out]);
}

async function ffmpeg(args: string[]): Promise<void> {
  const result = await run("ffmpeg", args);
  if (result.code !== 0)
    throw environmentError(`ffmpeg failed: ${result.stderr.trim().split("\n").slice(-3).join(" ")}`);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Re-encodes `input` through a video filter chain read from `scriptPath` (a file: a chain of
 * thousands of boxes does not fit in one command-line argument); `onProgress` hears how many
 * ms of video are done.
 */
export async function filterVideo(
  input: string,
  scriptPath: string,
  filters: string,
  out: string,
  onProgress?: (doneMs: number) => void,
): Promise<void> {
  await writeFile(scriptPath, filters, { mode: 0o600 });
  const args = ["-v", "error", "-nostats", "-progress", "pipe:1", "-y", "-i", input, "-filter_script:v", scriptPath];
  const child = spawn("ffmpeg", [...args, "-an", ...ENCODE, out], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => void (stderr.length < 16_000 && (stderr += c.toString())));
  child.stdout.on("data", (c: Buffer) => {
    const done = /out_time_us=(\d+)/.exec(c.toString());
    if (done && onProgress) onProgress(Math.floor(Number(done[1]) / 1_000));
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", (error) => reject(environmentError("cannot start ffmpeg (is it installed?)", error)));
    child.once("close", resolve);
  });
  if (code !== 0) throw environmentError(`ffmpeg failed: ${stderr.trim().split("\n").slice(-3).join(" ")}`);
}
