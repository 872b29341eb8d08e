// Whether this machine can process video at all: ffmpeg and ffprobe found, as the media
// functions spawn them (on the PATH unless a path is given), and answering `-version`.
import { runTool, type ToolOptions } from "./run-tool.js";

export interface ToolsReport {
  readonly ok: boolean;
  /** The tools that are absent or would not run ("ffmpeg", "ffprobe"). */
  readonly missing: readonly string[];
  /** Each working tool's version line ("ffmpeg version 5.1.9-0+deb12u1 Copyright ..."). */
  readonly versions: Readonly<Record<string, string>>;
  /** Why each missing tool failed: not installed, not executable, timed out. */
  readonly problems: Readonly<Record<string, string>>;
}

export interface ToolCheckOptions extends Pick<ToolOptions, "ffmpegPath" | "ffprobePath"> {
  /** How long `-version` may take (default 5 s): a tool that hangs there would hang on videos too. */
  readonly timeoutMs?: number;
}

type VersionRun = { ok: true; version: string } | { ok: false; problem: string };

async function versionOf(bin: string, timeoutMs: number): Promise<VersionRun> {
  try {
    const run = await runTool(bin, ["-version"], { timeoutMs });
    const line = run.stdout.toString("utf8").split("\n")[0]?.trim() ?? "";
    if (run.exitCode !== 0 || !line) return { ok: false, problem: `${bin} -version exited with ${run.exitCode}` };
    return { ok: true, version: line };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs `ffmpeg -version` and `ffprobe -version`; never throws. */
export async function checkTools(options: ToolCheckOptions = {}): Promise<ToolsReport> {
  const bins = { ffmpeg: options.ffmpegPath ?? "ffmpeg", ffprobe: options.ffprobePath ?? "ffprobe" };
  const runs = await Promise.all(
    Object.entries(bins).map(async ([tool, bin]) => [tool, await versionOf(bin, options.timeoutMs ?? 5_000)] as const),
  );
  const versions: Record<string, string> = {};
  const problems: Record<string, string> = {};
  for (const [tool, run] of runs) {
    if (run.ok) versions[tool] = run.version;
    else problems[tool] = run.problem;
  }
  const missing = Object.keys(problems);
  return { ok: missing.length === 0, missing, versions, problems };
}

export interface CachedToolCheck {
  /** The last report, re-checked when older than `everyMs`; callers at the same moment share one run. */
  check(): Promise<ToolsReport>;
  /** Drops the cached report, so the next check runs the tools (a job just found one gone). */
  forget(): void;
}

/**
 * A tool check for health probes and jobs, cached so that a probe every few seconds spawns
 * nothing, yet installing ffmpeg makes the process healthy again within `everyMs` (default 30 s)
 * without a restart.
 */
export function cachedToolCheck(
  options: ToolCheckOptions & { everyMs?: number; now?: () => number } = {},
): CachedToolCheck {
  const everyMs = options.everyMs ?? 30_000;
  const now = options.now ?? Date.now;
  let last: { at: number; report: Promise<ToolsReport> } | null = null;
  return {
    check() {
      if (!last || now() - last.at >= everyMs) last = { at: now(), report: checkTools(options) };
      return last.report;
    },
    forget() {
      last = null;
    },
  };
}
