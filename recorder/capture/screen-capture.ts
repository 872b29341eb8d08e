import { spawn } from "node:child_process";
import { environmentError } from "../cli/cli-error.js";

/** A running ffmpeg capture writing one segment. */
export interface RunningSegment {
  readonly path: string;
  /**
   * The sync marker: the wall-clock time (epoch ms) of the screen state the segment's first
   * frame shows, so video time t shows the screen as it was at startedAtMs + t.
   */
  readonly startedAtMs: number;
  /** Stops cleanly (mp4 finalized) and resolves once ffmpeg has exited. */
  stop(): Promise<void>;
}

export type StartSegment = (path: string) => Promise<RunningSegment>;

export interface CaptureSource {
  readonly platform: NodeJS.Platform;
  readonly display: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
}

/** ffmpeg input flags for the platform's screen grabber. */
export function captureInput(source: CaptureSource): string[] {
  const rate = ["-framerate", String(source.fps)];
  if (source.platform === "darwin")
    return ["-f", "avfoundation", ...rate, "-capture_cursor", "1", "-i", "Capture screen 0:none"];
  if (source.platform === "win32") return ["-f", "gdigrab", ...rate, "-i", "desktop"];
  const size = ["-video_size", `${source.width}x${source.height}`];
  return ["-f", "x11grab", ...size, ...rate, "-i", `${source.display}+0,0`];
}

/**
 * Output flags: frame slot k (time k/fps) holds the grabbed frame whose timestamp is nearest
 * to it. ffmpeg's default for mp4 instead gives each grabbed frame the next free slot: after a
 * stall (a busy machine, the encoder's start), x11grab grabs the missed frames back to back,
 * and that burst pushed every later frame one or two slots late for the rest of the segment,
 * so a click's keyframe showed the cursor at its previous spot (issue 13: 100-130 ms behind
 * under load). The fps filter places frames by their timestamps and drops the burst's extras.
 */
export function outputArgs(fps: number): string[] {
  return ["-vf", `fps=${fps}`, ...ENCODE_ARGS];
}

export const ENCODE_ARGS = [
  "-c:v",
  "libx264",
  "-preset",
  "ultrafast",
  "-pix_fmt",
  "yuv420p",
  "-movflags",
  "+faststart",
];

/**
 * How much older the screen in a frame is than the wall-clock time x11grab stamps it with. It
 * reads the clock right before asking the X server for the image and the pointer, which
 * answers within a millisecond or two. Measured under Xvfb (cursor moved by xdotool 200 times
 * at 60 fps, frames placed as outputArgs does): the lag lies between -2 and +3 ms, so nothing
 * is subtracted. The 134-187 ms a tester saw came from frame placement (see outputArgs).
 */
export const X11GRAB_LATENCY_MS = 0;

/**
 * Reads the wall-clock time of the screen state in the first frame from ffmpeg's input
 * banner: x11grab stamps frames with the wall clock, so `start: 1795631715.588200` is the
 * epoch second of frame 0, less X11GRAB_LATENCY_MS. Other grabbers use other clocks; a value
 * far from now is ignored.
 */
export function parseStartMs(stderr: string, nowMs: number): number | null {
  const match = /Input #0[\s\S]*?start: (\d+(?:\.\d+)?)/.exec(stderr);
  if (!match) return null;
  const ms = Math.round(Number(match[1]) * 1_000);
  return Math.abs(ms - nowMs) < 60_000 ? ms - X11GRAB_LATENCY_MS : null;
}

/** Starts segments of `source` with ffmpeg; each resolves once ffmpeg captures its first frame. */
export function ffmpegSegments(source: CaptureSource, env: NodeJS.ProcessEnv): StartSegment {
  return (path) =>
    new Promise((resolve, reject) => {
      const spawnedAt = Date.now();
      const child = spawn("ffmpeg", ["-hide_banner", "-y", ...captureInput(source), ...outputArgs(source.fps), path], {
        env,
        stdio: ["pipe", "ignore", "pipe"],
      });
      let stderr = "";
      let started = false;
      const exited = new Promise<void>((done) => child.once("close", () => done()));
      child.once("error", (error) => reject(environmentError("cannot start ffmpeg (is it installed?)", error)));
      child.stderr.on("data", (chunk: Buffer) => {
        if (stderr.length < 64_000) stderr += chunk.toString();
        if (started || !/Press \[q\]|frame=/.test(stderr)) return;
        started = true;
        resolve({
          path,
          startedAtMs: parseStartMs(stderr, Date.now()) ?? spawnedAt,
          stop: () => stopGracefully(child, exited),
        });
      });
      child.once("close", (code) => {
        if (!started) reject(environmentError(`ffmpeg could not capture the screen (exit ${code}): ${tail(stderr)}`));
      });
    });
}

/** `q` on stdin lets ffmpeg write the moov atom (+faststart); signals only if it hangs. */
async function stopGracefully(child: ReturnType<typeof spawn>, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null) child.stdin?.end("q");
  const timer = setTimeout(() => child.kill("SIGINT"), 10_000);
  const hard = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
  clearTimeout(hard);
}

const tail = (text: string) => text.trim().split("\n").slice(-3).join(" ");
