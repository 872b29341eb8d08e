// Builds recording folders for the recorder tests: a real video from ffmpeg's test source,
// synthetic events and the meta the recorder writes.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context } from "../../recorder/cli/context.js";
import { memoryIo } from "../../recorder/cli/io.js";
import { recordingDir } from "../../recorder/home/forge-home.js";
import { pathsOf } from "../../recorder/home/recording-files.js";
import { hashFiles } from "../../recorder/recording/content-hash.js";
import { toJsonl, type InputEvent } from "../../recorder/recording/events.js";
import { buildMeta } from "../../recorder/recording/meta.js";

export const VIDEO_START = 1_750_000_000_000;

export async function tempHome(): Promise<string> {
  return mkdtemp(join(tmpdir(), "forge-home-"));
}

export function testContext(home: string, overrides: Partial<Context> = {}) {
  const io = memoryIo();
  const ctx: Context = {
    home,
    env: { FORGE_HOME: home },
    io,
    platform: "linux",
    fetch: globalThis.fetch,
    interrupted: new Promise<void>(() => {}),
    ...overrides,
  };
  return { ctx, io };
}

/** A recording `id` in `home`: `seconds` of 320x240 testsrc video at 15 fps and these events. */
export async function buildRecording(
  home: string,
  options: { id?: string; seconds: number; events: InputEvent[]; videoStartMs?: number },
) {
  const id = options.id ?? "20250101-120000-test";
  const paths = pathsOf(recordingDir(home, id));
  await mkdir(paths.dir, { recursive: true });
  execFileSync("ffmpeg", [
    ...["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc=size=320x240:rate=15:duration=${options.seconds}`],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", paths.video],
  ]);
  await writeFile(paths.events, toJsonl(options.events));
  const meta = buildMeta({
    id,
    startedAt: VIDEO_START - 500,
    durationMs: options.seconds * 1_000,
    system: { platform: "linux", arch: "x64", locale: "en-US" },
    screen: {
      width: 320,
      height: 240,
      scaleFactor: 1,
      monitors: [{ x: 0, y: 0, width: 320, height: 240, primary: true }],
    },
    fps: 15,
    quest: { title: "Test task", app: "", objectives: [], factoryId: "factory-1", taskId: "task-1" },
    videoStartMs: options.videoStartMs ?? VIDEO_START,
    pauses: [],
    blockedApps: [],
    maskedKeys: 0,
    contentHash: await hashFiles([paths.video, paths.events]),
    recorderVersion: "0.1.0",
  });
  await writeFile(paths.meta, JSON.stringify(meta));
  return { id, paths, meta };
}

/** An event at `videoMs` into the video. */
export const eventAt = (videoMs: number, event: InputEvent["event"], data: Record<string, unknown>): InputEvent => ({
  event,
  data,
  time: VIDEO_START + videoMs,
});
