import { lstat, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { readInProgress, type RecordingPaths } from "./recording-files.js";

export interface IncompleteInfo {
  /** Epoch ms the recording started: from its in-progress marker, else its first event, else the folder. */
  readonly startedAt: number;
  /** Bytes of every file in the folder (video segments, event log...). */
  readonly size: number;
  /** True while the `forge record` that writes it still runs. */
  readonly recording: boolean;
}

/** What `forge list` and `forge delete` tell about a recording folder without meta.json. */
export async function incompleteInfo(paths: RecordingPaths): Promise<IncompleteInfo> {
  const marker = await readInProgress(paths);
  const startedAt = marker?.startedAt ?? (await firstEventTime(paths.events)) ?? (await folderTime(paths.dir));
  const recording = marker?.pid !== undefined && (await isForgeRunning(marker.pid));
  return { startedAt, size: await treeSize(paths.dir), recording };
}

/** Total size of the files under `dir` (symbolic links are not followed). */
export async function treeSize(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let total = 0;
  for (const name of names) {
    const info = await lstat(join(dir, name)).catch(() => null);
    if (info?.isDirectory()) total += await treeSize(join(dir, name));
    else if (info?.isFile()) total += info.size;
  }
  return total;
}

async function firstEventTime(events: string): Promise<number | null> {
  const text = await readFile(events, "utf8").catch(() => "");
  const line = (text.split("\n", 1)[0] ?? "").trim();
  try {
    const time = (JSON.parse(line) as { time?: unknown }).time;
    return typeof time === "number" && Number.isFinite(time) ? time : null;
  } catch {
    return null;
  }
}

async function folderTime(dir: string): Promise<number> {
  const info = await stat(dir);
  return info.birthtimeMs > 0 ? info.birthtimeMs : info.mtimeMs;
}

/** Whether process `pid` is alive and, where /proc tells, is a forge recorder (pids get reused). */
async function isForgeRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  return cmdline === null || /forge/.test(cmdline);
}
