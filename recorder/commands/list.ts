import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Context } from "../cli/context.js";
import { formatBytes, formatClock } from "../cli/durations.js";
import { incompleteInfo } from "../home/incomplete-recording.js";
import { listRecordings, loadRecording, type RecordingEntry, type RecordingPaths } from "../home/recording-files.js";

/** uploaded > processed > uploading (a saved, unfinished upload) > recorded. */
export async function statusOf(paths: RecordingPaths): Promise<string> {
  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );
  if (await exists(paths.uploaded)) return "uploaded";
  if (await exists(paths.uploadState)) return "uploading";
  if (await exists(paths.sft)) return "processed";
  return "recorded";
}

async function folderSize(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let total = 0;
  for (const name of names) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (info?.isFile() && name !== "upload.zip") total += info.size;
  }
  return total;
}

/** "2025-01-01 12:00" (UTC), the date column. */
export const formatDate = (when: number | string) => new Date(when).toISOString().slice(0, 16).replace("T", " ");

/** The line of a recording that was cut short (or is still running) before meta.json was written. */
async function incompleteLine(entry: RecordingEntry): Promise<{ line: string; interrupted: boolean }> {
  const info = await incompleteInfo(entry.paths);
  const line = [
    entry.id.padEnd(22),
    formatDate(info.startedAt).padEnd(17),
    "-".padEnd(7),
    formatBytes(info.size).padEnd(10),
    (info.recording ? "recording" : "incomplete").padEnd(10),
    info.recording ? "(being recorded now)" : "(interrupted before it was saved)",
  ].join(" ");
  return { line, interrupted: !info.recording };
}

/**
 * `forge list`: one line per local recording, oldest first, including the incomplete ones a
 * killed or twice-interrupted recording left (they hold video and keys too).
 */
export async function list(ctx: Context): Promise<void> {
  const entries = await listRecordings(ctx.home);
  if (entries.length === 0) {
    ctx.io.out("No recordings yet: start one with forge record");
    return;
  }
  ctx.io.out(
    ["ID".padEnd(22), "DATE".padEnd(17), "LENGTH".padEnd(7), "SIZE".padEnd(10), "STATUS".padEnd(10), "TASK"].join(" "),
  );
  let incomplete = 0;
  for (const entry of entries) {
    const { id } = entry;
    if (!entry.complete) {
      const { line, interrupted } = await incompleteLine(entry);
      if (interrupted) incomplete += 1;
      ctx.io.out(line);
      continue;
    }
    const recording = await loadRecording(ctx.home, id).catch(() => null);
    if (!recording) {
      ctx.io.out(`${id.padEnd(22)} (damaged meta.json)`);
      continue;
    }
    const { meta, paths } = recording;
    const date = formatDate(meta.timestamp);
    ctx.io.out(
      [
        id.padEnd(22),
        date.padEnd(17),
        formatClock(meta.duration * 1_000).padEnd(7),
        formatBytes(await folderSize(paths.dir)).padEnd(10),
        (await statusOf(paths)).padEnd(10),
        meta.quest.title,
      ].join(" "),
    );
  }
  if (incomplete > 0)
    ctx.io.out(
      `\nincomplete: the recording stopped before it was saved (a second Ctrl-C, a crash or a kill). It still holds the video and keys captured so far, cannot be processed or uploaded, and stays here until you run forge delete <id>.`,
    );
}
