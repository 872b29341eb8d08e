import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Context } from "../cli/context.js";
import type { Command } from "../cli/parse-command.js";
import { loadRecording } from "../home/recording-files.js";
import { stepsOf } from "../recording/steps.js";
import { probeVideo } from "../tools/ffmpeg.js";
import { extractKeyframes } from "../../media/index.js";
import { environmentError } from "../cli/cli-error.js";

/**
 * `forge process <id>`: steps (core's extractActions, as the server computes them) with the
 * keyframe of each, written to sft.json and keyframes/. For the farmer's own review: the
 * server ignores a client's sft.json and processes again.
 */
export async function processRecording(command: Extract<Command, { command: "process" }>, ctx: Context): Promise<void> {
  const recording = await loadRecording(ctx.home, command.id);
  const probed = await probeVideo(recording.paths.video);
  const video = { ...probed, fps: recording.meta.video?.fps ?? 15 };
  const steps = stepsOf(await readFile(recording.paths.events, "utf8"), recording.meta, video);
  // The same extractor the server uses: the frame shown at or before each action, one decoding pass.
  const dir = join(recording.paths.dir, "keyframes");
  await mkdir(dir, { recursive: true });
  const extracted = await extractKeyframes(
    recording.paths.video,
    steps.map((s) => s.frameMs),
    dir,
  );
  if (!extracted.ok) throw environmentError(`the video could not be read: ${extracted.error.message}`);
  const frames = extracted.value;
  const sft = {
    recording_id: recording.id,
    video: { width: video.width, height: video.height, fps: video.fps, duration_ms: video.durationMs },
    steps: steps.map((step, i) => ({ ...step, keyframe: `keyframes/${basename(frames[i]!.path)}` })),
  };
  await writeFile(recording.paths.sft, `${JSON.stringify(sft, null, 2)}\n`);
  ctx.io.out(`${steps.length} steps, ${new Set(frames.map((f) => f.path)).size} keyframes → ${recording.paths.sft}`);
}
