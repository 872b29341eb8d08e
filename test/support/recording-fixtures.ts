// Recordings made by the tests: a real h264 video (ffmpeg lavfi), an input log of scripted
// actions and a meta.json, as the recorder writes them; zipped with yazl when asked.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";

export const T0 = 1_764_000_000_000;

export interface ScriptedEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
  readonly time: number;
}

/** A click at logical (x, y), `ms` after the video starts. */
export const click = (ms: number, x: number, y: number): ScriptedEvent[] => [
  { event: "mousemove", data: { x, y }, time: T0 + ms - 40 },
  { event: "mousedown", data: { x, y, button: 1 }, time: T0 + ms },
  { event: "mouseup", data: { x, y, button: 1 }, time: T0 + ms + 70 },
];

/** Typing `text`, one key every 120 ms from `ms`. */
export const type = (ms: number, text: string): ScriptedEvent[] =>
  [...text].flatMap((char, i) => {
    const key = char === " " ? "Space" : char;
    return [
      { event: "keydown", data: { key, actual_char: char }, time: T0 + ms + i * 120 },
      { event: "keyup", data: { key }, time: T0 + ms + i * 120 + 50 },
    ];
  });

/**
 * A busy, plausible demonstration: clicks and typing spread over `seconds`. Different seeds
 * give different demonstrations (the duplicate detector would rightly flag equal ones).
 */
export function busyScript(
  seconds: number,
  seed = 0,
  words = ["sum", "column", "spreadsheet", "total", "cells"],
): ScriptedEvent[] {
  const events: ScriptedEvent[] = [];
  for (let s = 0; s + 3 <= seconds; s += 3) {
    const n = s / 3 + seed * 7;
    events.push(...click(s * 1000 + 200, 100 + ((n * 311 + seed * 97) % 1000), 100 + ((n * 173 + seed * 59) % 500)));
    events.push(...type(s * 1000 + 700, `${words[(n + seed) % words.length]}${seed} `));
  }
  return events;
}

export interface RecordingFiles {
  readonly dir: string;
  readonly video: string;
  readonly inputLog: string;
  readonly meta: string;
}

/**
 * Writes a recording folder: `seconds` of 640x360 video at 10 fps of a 1280x720 desktop (so
 * logical coordinates halve onto video pixels), the events, and meta for the factory's task.
 */
export function makeRecording(
  dir: string,
  options: {
    factoryId: string;
    taskId: string;
    title?: string;
    seconds?: number;
    events?: readonly ScriptedEvent[];
    pattern?: string;
    seed?: number;
    /** meta.json's quest objectives: the farmer's own text, never trusted as the task. */
    objectives?: string[];
  },
): RecordingFiles {
  mkdirSync(dir, { recursive: true });
  const seconds = options.seconds ?? 12;
  const video = join(dir, "recording.mp4");
  const source = options.pattern ?? "testsrc2";
  execFileSync("ffmpeg", [
    ...["-v", "error", "-y", "-f", "lavfi", "-i", `${source}=size=640x360:rate=10`, "-t", String(seconds)],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", video],
  ]);
  const events = options.events ?? busyScript(seconds, options.seed);
  const inputLog = join(dir, "input_log.jsonl");
  writeFileSync(inputLog, events.map((e) => JSON.stringify(e)).join("\n") + "\n");
  const meta = join(dir, "meta.json");
  writeFileSync(
    meta,
    JSON.stringify({
      id: "rec",
      timestamp: new Date(T0).toISOString(),
      duration: seconds,
      platform: "linux",
      arch: "x64",
      locale: "en-US",
      primary_monitor: { width: 1280, height: 720 },
      quest: {
        title: options.title ?? "Sum a column",
        app: "Sheets",
        objectives: options.objectives ?? ["sum column B"],
        pool_id: options.factoryId,
        task_id: options.taskId,
        reward: { max_reward: 1 },
      },
      video: { width: 640, height: 360, fps: 10, source: { x: 0, y: 0, width: 1280, height: 720 } },
      sync: { video_start_ms: T0 },
      recorder: { name: "forge", version: "test" },
    }),
  );
  return { dir, video, inputLog, meta };
}

/** A video as a recorder would capture it: `seconds` of an ffmpeg test pattern, h264, yuv420p. */
export function makeVideo(
  path: string,
  options: { seconds: number; width?: number; height?: number; fps?: number; pattern?: string },
): string {
  const size = `${options.width ?? 640}x${options.height ?? 360}`;
  execFileSync("ffmpeg", [
    ...[
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      `${options.pattern ?? "testsrc2"}=size=${size}:rate=${options.fps ?? 10}`,
    ],
    ...["-t", String(options.seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path],
  ]);
  return path;
}

/** The folder as the zip the recorder uploads. */
export async function zipRecording(files: RecordingFiles, zipPath: string): Promise<string> {
  const zip = new yazl.ZipFile();
  zip.addFile(files.video, "recording.mp4");
  zip.addFile(files.inputLog, "input_log.jsonl");
  zip.addFile(files.meta, "meta.json");
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
  return zipPath;
}
