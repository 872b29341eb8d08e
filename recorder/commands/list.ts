import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Context } from "../cli/context.js";
import { formatBytes, formatClock } from "../cli/durations.js";
import { listRecordingIds, loadRecording, type RecordingPaths } from "../home/recording-files.js";

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

/** `forge list`: one line per local recording, oldest first. */
export async function list(ctx: Context): Promise<void> {
  const ids = await listRecordingIds(ctx.home);
  if (ids.length === 0) {
    ctx.io.out("No recordings yet: start one with forge record");
    return;
  }
  ctx.io.out(
    ["ID".padEnd(22), "DATE".padEnd(17), "LENGTH".padEnd(7), "SIZE".padEnd(10), "STATUS".padEnd(10), "TASK"].join(" "),
  );
  for (const id of ids) {
    const recording = await loadRecording(ctx.home, id).catch(() => null);
    if (!recording) {
      ctx.io.out(`${id.padEnd(22)} (damaged meta.json)`);
      continue;
    }
    const { meta, paths } = recording;
    const date = new Date(meta.timestamp).toISOString().slice(0, 16).replace("T", " ");
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
}
