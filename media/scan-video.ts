import { rename } from "node:fs/promises";
import { join } from "node:path";
import { ok, type Result } from "../core/shared/result.js";
import { dHash } from "./dhash.js";
import { MediaToolError, videoFailure, type VideoFailure } from "./errors.js";
import { inputArgs, runTool, summarize, type ToolOptions } from "./run-tool.js";
import { selectExpression } from "./select-expression.js";

export interface ScanRequest {
  /** Frame numbers (presentation order) to pick out; sorted, distinct. */
  readonly frames: readonly number[];
  /** What the container announces, to tell a complete decode from a cut-short one. */
  readonly probe: ExpectedFrames;
  /** Write each picked frame here as `frame-<n>.jpg`. */
  readonly jpegDir?: string;
  /** JPEGs wider than this are scaled down (default 1280). */
  readonly maxWidth?: number;
  /** Compute a dHash of each picked frame. */
  readonly hashes?: boolean;
  /** Picked frames per decoding pass (default 2,500); smaller only to exercise the split. */
  readonly framesPerPass?: number;
}

export interface ExpectedFrames {
  readonly frameCount: number;
  readonly fps: number;
  readonly durationMs: number;
}

export interface ScanResult {
  readonly framesDecoded: number;
  /** Per requested frame, in `frames` order (empty without `jpegDir`). */
  readonly jpegs: string[];
  /** Per requested frame, in `frames` order (empty without `hashes`). */
  readonly hashes: bigint[];
}

// Each pass is one command line argument; Linux caps one at 128 KiB and an expression
// costs under 40 bytes a frame.
const FRAMES_PER_PASS = 2_500;

/**
 * Decodes the whole stream once per 2,500 picked frames, checking it decodes completely, and
 * emits the picked frames as JPEGs and/or 9x8 gray pixels hashed here. Returns
 * VIDEO_TRUNCATED / VIDEO_CORRUPT as values; throws MediaToolError for tool failures.
 */
export async function scanVideo(
  path: string,
  request: ScanRequest,
  options: ToolOptions = {},
): Promise<Result<ScanResult, VideoFailure>> {
  const jpegs: string[] = [];
  const hashes: bigint[] = [];
  let framesDecoded = 0;
  const perPass = request.framesPerPass ?? FRAMES_PER_PASS;
  for (let start = 0; start === 0 || start < request.frames.length; start += perPass) {
    const frames = request.frames.slice(start, start + perPass);
    const pass = await scanPass(path, { ...request, frames }, start, options);
    if (!pass.ok) return pass;
    framesDecoded = pass.value.framesDecoded;
    jpegs.push(...pass.value.jpegs);
    hashes.push(...pass.value.hashes);
  }
  return ok({ framesDecoded, jpegs, hashes });
}

async function scanPass(
  path: string,
  request: ScanRequest,
  pass: number,
  options: ToolOptions,
): Promise<Result<ScanResult, VideoFailure>> {
  const { frames, jpegDir } = request;
  const wantJpegs = jpegDir !== undefined && frames.length > 0;
  const wantHashes = request.hashes === true && frames.length > 0;
  // The image muxer reads `%` in the whole path as a pattern; the directory's must stay literal.
  const tmpPattern = jpegDir ? join(jpegDir.replaceAll("%", "%%"), `.scan-${pass}-%06d.jpg`) : "";
  const args = [
    ...["-nostdin", "-hide_banner", "-nostats", "-v", "error", "-progress", "pipe:3", ...inputArgs(path)],
    ...["-filter_complex", filterGraph(request, wantJpegs, wantHashes)],
    // Listed first: ffmpeg's progress counts the first video output, every decoded frame.
    ...["-map", "[all]", "-fps_mode", "passthrough", "-f", "null", "-"],
    ...(wantJpegs ? ["-map", "[jpg]", "-fps_mode", "passthrough", "-q:v", "3", "-start_number", "0", tmpPattern] : []),
    ...(wantHashes ? ["-map", "[hash]", "-fps_mode", "passthrough", "-f", "rawvideo", "pipe:1"] : []),
  ];
  const run = await runTool(options.ffmpegPath ?? "ffmpeg", args, { ...options, withFd3: true });
  if (run.exitCode !== 0)
    throw new MediaToolError("FFMPEG_FAILED", `ffmpeg exited ${run.exitCode}: ${summarize(run.stderr)}`);
  const framesDecoded = Number([...run.fd3.matchAll(/^frame=(\d+)$/gm)].at(-1)?.[1] ?? 0);
  const complete = checkComplete(framesDecoded, request.probe, run.stderr);
  if (!complete.ok) return complete;
  const hashes = wantHashes ? hashesOf(run.stdout) : [];
  if ((wantHashes && hashes.length !== frames.length) || framesDecoded <= (frames.at(-1) ?? -1))
    return videoFailure("VIDEO_TRUNCATED", `the video ends before frame ${frames.at(-1)} (${framesDecoded} decoded)`);
  const jpegs = wantJpegs ? await nameJpegs(jpegDir, pass, frames) : [];
  if (jpegs.includes(null)) return videoFailure("VIDEO_CORRUPT", "some frames could not be extracted");
  return ok({ framesDecoded, jpegs: jpegs as string[], hashes });
}

function filterGraph(request: ScanRequest, wantJpegs: boolean, wantHashes: boolean): string {
  if (!wantJpegs && !wantHashes) return "[0:v:0]null[all]";
  const select = `[0:v:0]split=2[all][s];[s]select='${selectExpression(request.frames)}'`;
  const jpg = `scale=w='min(${request.maxWidth ?? 1280},iw)':h=-2[jpg]`;
  const hash = "scale=9:8:flags=area,format=gray[hash]";
  if (wantJpegs && wantHashes) return `${select},split=2[j][h];[j]${jpg};[h]${hash}`;
  return `${select},${wantJpegs ? jpg : hash}`;
}

const FRAME_TOLERANCE = 1;

function checkComplete(framesDecoded: number, probe: ExpectedFrames, stderr: string): Result<null, VideoFailure> {
  const said = stderr.trim() ? ` (ffmpeg: ${summarize(stderr)})` : "";
  // Missing frames first: a cut file also makes the decoder complain about its last packet.
  if (framesDecoded + FRAME_TOLERANCE < probe.frameCount) {
    const seconds = `${(framesDecoded / probe.fps).toFixed(1)} s of ${(probe.durationMs / 1000).toFixed(1)} s`;
    return videoFailure(
      "VIDEO_TRUNCATED",
      `only ${framesDecoded} of ${probe.frameCount} frames decode (${seconds})${said}`,
    );
  }
  if (said) return videoFailure("VIDEO_CORRUPT", `the video does not decode cleanly${said}`);
  return ok(null);
}

function hashesOf(gray: Buffer): bigint[] {
  const hashes: bigint[] = [];
  for (let at = 0; at + 72 <= gray.length; at += 72) hashes.push(dHash(gray.subarray(at, at + 72)));
  return hashes;
}

/** Renames ffmpeg's sequential outputs after their frame numbers; null where one is missing. */
async function nameJpegs(dir: string, pass: number, frames: readonly number[]): Promise<Array<string | null>> {
  return Promise.all(
    frames.map(async (frame, i) => {
      const to = join(dir, `frame-${String(frame).padStart(6, "0")}.jpg`);
      try {
        await rename(join(dir, `.scan-${pass}-${String(i).padStart(6, "0")}.jpg`), to);
        return to;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    }),
  );
}
