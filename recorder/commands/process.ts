import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Context } from "../cli/context.js";
import type { Command } from "../cli/parse-command.js";
import { loadRecording } from "../home/recording-files.js";
import { stepsOf } from "../recording/steps.js";
import { probeVideo } from "../tools/ffmpeg.js";
import { extractKeyframes } from "../tools/keyframes.js";

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
  const indexOf = (frameMs: number) => Math.round((frameMs * video.fps) / 1_000);
  const frames = await extractKeyframes(
    recording.paths.video,
    steps.map((s) => indexOf(s.frameMs)),
    join(recording.paths.dir, "keyframes"),
  );
  const sft = {
    recording_id: recording.id,
    video: { width: video.width, height: video.height, fps: video.fps, duration_ms: video.durationMs },
    steps: steps.map((step) => {
      const name = frames.get(indexOf(step.frameMs));
      return { ...step, ...(name ? { keyframe: `keyframes/${name}` } : {}) };
    }),
  };
  await writeFile(recording.paths.sft, `${JSON.stringify(sft, null, 2)}\n`);
  ctx.io.out(`${steps.length} steps, ${frames.size} keyframes → ${recording.paths.sft}`);
}
