import { rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { userError } from "../cli/cli-error.js";
import type { Context } from "../cli/context.js";
import { formatClock } from "../cli/durations.js";
import type { Command } from "../cli/parse-command.js";
import { loadRecording, saveMeta } from "../home/recording-files.js";
import { hashFiles } from "../recording/content-hash.js";
import { toJsonl } from "../recording/events.js";
import { normalizeCuts, trimEvents, type Cut } from "../recording/trim-events.js";
import { timelineOf } from "../recording/video-time.js";
import { keepRanges, probeVideo } from "../tools/ffmpeg.js";

/** The parts of [0, durationMs) outside the (normalized) cuts. */
export function keptRanges(cuts: readonly Cut[], durationMs: number): Cut[] {
  const kept: Cut[] = [];
  let from = 0;
  for (const cut of cuts) {
    if (cut.startMs > from) kept.push({ startMs: from, endMs: cut.startMs });
    from = cut.endMs;
  }
  if (from < durationMs) kept.push({ startMs: from, endMs: durationMs });
  return kept;
}

/**
 * `forge trim <id> --cut 00:10-00:25`: re-encodes the video without the cut ranges and
 * removes the events inside them, moving later events so they stay on their frames. The
 * duration and content hash are updated; sft.json and any pending upload are discarded as
 * they describe the old video.
 */
export async function trim(command: Extract<Command, { command: "trim" }>, ctx: Context): Promise<void> {
  const recording = await loadRecording(ctx.home, command.id);
  const { paths, meta, events } = recording;
  const before = await probeVideo(paths.video);
  const cuts = normalizeCuts(command.cuts, before.durationMs);
  if (cuts.length === 0) throw userError(`the cuts are outside the video (it lasts ${formatClock(before.durationMs)})`);
  const ranges = keptRanges(cuts, before.durationMs);
  if (ranges.reduce((sum, r) => sum + r.endMs - r.startMs, 0) < 100)
    throw userError("the cuts would remove the whole video");

  const tmp = join(paths.dir, "trimmed.mp4");
  await keepRanges(paths.video, ranges, tmp);
  const trimmed = trimEvents(events, timelineOf(meta, events), cuts);
  await rename(tmp, paths.video);
  await writeFile(paths.events, toJsonl(trimmed.events));
  const after = await probeVideo(paths.video);
  await saveMeta(paths, {
    ...meta,
    duration: after.durationMs / 1_000,
    // Pin the sync marker: recordings without one used the first event, which may be gone.
    sync: { video_start_ms: timelineOf(meta, events).videoStartMs },
    pauses: trimmed.pauses,
    content_hash: await hashFiles([paths.video, paths.events]),
  });
  await Promise.all(
    [paths.sft, paths.zip, paths.uploadState, join(paths.dir, "keyframes")].map((p) =>
      rm(p, { recursive: true, force: true }),
    ),
  );
  ctx.io.out(
    `Trimmed ${recording.id}: ${formatClock(before.durationMs)} → ${formatClock(after.durationMs)}, ${trimmed.removed} events removed`,
  );
}
