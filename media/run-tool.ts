import { spawn } from "node:child_process";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import { MediaToolError } from "./errors.js";

/** Where the binaries are and how long they may run; every media function accepts these. */
export interface ToolOptions {
  /** Defaults to "ffmpeg" on the PATH. */
  readonly ffmpegPath?: string;
  /** Defaults to "ffprobe" on the PATH. */
  readonly ffprobePath?: string;
  /** Kill the process after this long (default 10 minutes). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface ToolRun {
  readonly exitCode: number;
  readonly stdout: Buffer;
  /** Text written to file descriptor 3 (ffmpeg's `-progress pipe:3`). */
  readonly fd3: string;
  readonly stderr: string;
}

interface RunOptions extends ToolOptions {
  /** Streams stdout to this callback instead of buffering it (large outputs). */
  readonly onStdout?: (chunk: Buffer) => void;
  readonly withFd3?: boolean;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
// Enough of ffmpeg's complaint to diagnose, never an unbounded buffer.
const STDERR_LIMIT = 64 * 1024;

/**
 * Runs a media tool without a shell. Throws MediaToolError FFMPEG_MISSING when the binary is
 * absent, FFMPEG_TIMEOUT / FFMPEG_ABORTED after killing it; a non-zero exit is returned for
 * the caller to interpret.
 */
export function runTool(bin: string, args: readonly string[], options: RunOptions = {}): Promise<ToolRun> {
  if (options.signal?.aborted) return Promise.reject(new MediaToolError("FFMPEG_ABORTED", `${bin} not started`));
  return new Promise((resolve, reject) => {
    const stdio = ["ignore", "pipe", "pipe", ...(options.withFd3 ? ["pipe" as const] : [])] as const;
    const child = spawn(bin, args, { stdio: [...stdio], windowsHide: true });
    const stdout: Buffer[] = [];
    let stderr = "";
    let fd3 = "";
    let failure: MediaToolError | null = null;
    const stop = (error: MediaToolError) => {
      failure ??= error;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(
      () =>
        stop(
          new MediaToolError("FFMPEG_TIMEOUT", `${bin} ran longer than ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`),
        ),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const onAbort = () => stop(new MediaToolError("FFMPEG_ABORTED", `${bin} aborted`));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout?.on("data", (chunk: Buffer) => (options.onStdout ? options.onStdout(chunk) : stdout.push(chunk)));
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk.toString("utf8");
    });
    (child.stdio[3] as Readable | undefined)?.on("data", (chunk: Buffer) => (fd3 += chunk.toString("utf8")));
    const settle = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      settle();
      const tool = basename(bin);
      reject(
        error.code === "ENOENT"
          ? new MediaToolError("FFMPEG_MISSING", `${bin} is not installed or not on the PATH`, { cause: error, tool })
          : new MediaToolError("FFMPEG_FAILED", `${bin} could not start: ${error.message}`, { cause: error, tool }),
      );
    });
    child.on("close", (code) => {
      settle();
      if (failure) return reject(failure);
      resolve({ exitCode: code ?? -1, stdout: Buffer.concat(stdout), fd3, stderr });
    });
  });
}

/** The first few distinct lines of ffmpeg's stderr, for an error message. */
export function summarize(stderr: string, lines = 3): string {
  const distinct = [...new Set(stderr.split("\n").map((l) => l.replace(/^\[[^\]]+ @ 0x[0-9a-f]+\] /, "").trim()))];
  const kept = distinct.filter(Boolean);
  const more = kept.length > lines ? ` (+${kept.length - lines} more)` : "";
  return kept.slice(0, lines).join("; ") + more || "no output";
}

/**
 * How every media function names its input: demuxed as MP4 only and from the local file
 * only. Left to probing, a "recording.mp4" that is really an HLS playlist would make ffmpeg
 * read other local files or fetch URLs on the uploader's behalf.
 */
export const inputArgs = (path: string): string[] => ["-f", "mp4", "-protocol_whitelist", "file", "-i", `file:${path}`];
