import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import type { Context } from "../cli/context.js";
import { formatClock } from "../cli/durations.js";
import type { Command } from "../cli/parse-command.js";
import { loadRecording } from "../home/recording-files.js";
import { countEvents } from "../recording/events.js";
import { describeStep, stepsOf } from "../recording/steps.js";
import { probeVideo } from "../tools/ffmpeg.js";

const OPENERS: Partial<Record<NodeJS.Platform, [string, string[]]>> = {
  darwin: ["open", []],
  win32: ["cmd", ["/c", "start", ""]],
};

/** `forge replay <id>`: duration, event counts and steps; `--open` plays the video. */
export async function replay(command: Extract<Command, { command: "replay" }>, ctx: Context): Promise<void> {
  const recording = await loadRecording(ctx.home, command.id);
  const { meta, events, paths } = recording;
  const probed = await probeVideo(paths.video);
  ctx.io.out(
    `${recording.id}  "${meta.quest.title}"  ${formatClock(probed.durationMs)}  ${probed.width}x${probed.height}`,
  );
  const counts = countEvents(events);
  ctx.io.out(
    `events: ${
      Object.entries(counts)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(", ") || "none"
    }`,
  );
  if (meta.pauses?.length) ctx.io.out(`pauses: ${meta.pauses.length}`);
  if (meta.masked_keys) ctx.io.out(`masked keystrokes: ${meta.masked_keys}`);
  const steps = stepsOf(await readFile(paths.events, "utf8"), meta, { ...probed, fps: meta.video?.fps ?? 15 });
  ctx.io.out(`steps (${steps.length}):`);
  for (const step of steps) ctx.io.out(`  ${describeStep(step)}`);
  if (command.open) {
    const [program, args] = OPENERS[ctx.platform] ?? ["xdg-open", []];
    const child = spawn(program, [...args, paths.video], { detached: true, stdio: "ignore" });
    // Wait for the spawn to succeed or fail: main exits right after this command returns.
    await new Promise<void>((resolve) => {
      child.once("spawn", resolve);
      child.once("error", () => {
        ctx.io.err(`cannot open the video (${program} is missing); it is at ${paths.video}`);
        resolve();
      });
    });
    child.unref();
  }
}
