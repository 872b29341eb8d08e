// The video side of processing a 10-minute 1080p recording (the target: <= 60 s on
// 2 cores), beside the naive one-frame-per-second extraction. The recording is generated
// once with ffmpeg and cached in the temp dir; its generation is timed apart, not counted.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeRecording } from "../app/analyze-recording.js";
import { ffmpegMedia } from "../app/media.js";
import type { Core } from "../core/index.js";
import { extractKeyframes, perceptualHashes, probeVideo, verifyDecodes } from "../media/index.js";

type Report = (name: string, value: number, unit: string) => void;

const WIDTH = 1920;
const HEIGHT = 1080;
const FPS = 15;
const SECONDS = 600;
const T0 = 1_700_000_000_000;
const CACHE = join(tmpdir(), "forge-bench-media");

/** Runs the processing benchmark and reports its figures through `report`. */
export async function benchProcessRecording(report: Report): Promise<void> {
  const video = await cachedRecording(report);
  const log = syntheticInputLog();
  const work = mkdtempSync(join(tmpdir(), "forge-bench-frames-"));
  try {
    const started = performance.now();
    const keyframes = await processRecording(video, log, work);
    report("process_10min_s", (performance.now() - started) / 1000, "s");
    report("process_actions", keyframes.actions, "actions");
    report("process_keyframes", keyframes.distinct, "frames");
    report("process_frames_decoded", keyframes.framesDecoded, "frames");
    report("process_score", keyframes.score, "points");
    const separate = await separatePasses(video, keyframes.times, join(work, "separate"));
    report("process_separate_passes_s", separate, "s");
    const naive = naiveExtraction(video, join(work, "naive"));
    report("naive_1fps_extract_s", naive.seconds, "s");
    report("naive_1fps_frames", naive.frames, "frames");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * What the grading worker does, without the LLM judge: the app's own pipeline (parse, extract
 * actions, one decoding pass for the keyframe JPEGs and hashes, measure, fingerprint, score).
 */
async function processRecording(video: string, log: string, outDir: string) {
  const inputLog = join(outDir, "input_log.jsonl");
  const meta = join(outDir, "meta.json");
  writeFileSync(inputLog, log);
  writeFileSync(meta, JSON.stringify(syntheticMeta()));
  const framesDir = join(outDir, "frames");
  mkdirSync(framesDir);
  const core = {
    findDuplicates: async () => ({
      duplicateSimilarity: 0,
      keyframeDuplicateSimilarity: 0,
      closestRecordingId: null,
      ownCopy: false,
    }),
  } as unknown as Core;
  const analysis = await analyzeRecording({
    core,
    media: ffmpegMedia,
    judge: null,
    files: { video, inputLog, meta },
    recording: { id: "bench", accountId: "bench", taskId: "task", contentHash: "bench" },
    task: { title: "Sum a column", prompt: "Open the sheet and sum column B", app: null },
    framesDir,
  });
  if (analysis.grade.rejected) throw new Error(`bench recording rejected: ${JSON.stringify(analysis.grade.reasons)}`);
  const times = analysis.actions.map((a) => a.frameMs);
  const distinct = new Set(analysis.keyframes).size;
  const probe = await probeVideo(video);
  const framesDecoded = probe.ok ? probe.value.frameCount : 0;
  return { actions: analysis.actions.length, times, distinct, framesDecoded, score: analysis.grade.score };
}

/** The same work as three independent calls (three decoding passes), for comparison. */
async function separatePasses(video: string, times: number[], outDir: string): Promise<number> {
  mkdirSync(outDir);
  const started = performance.now();
  for (const step of [
    () => verifyDecodes(video),
    () => extractKeyframes(video, times, outDir),
    () => perceptualHashes(video, times),
  ]) {
    const result = await step();
    if (!result.ok) throw new Error(result.error.message);
  }
  return (performance.now() - started) / 1000;
}

function naiveExtraction(video: string, outDir: string): { seconds: number; frames: number } {
  mkdirSync(outDir);
  const started = performance.now();
  execFileSync("ffmpeg", [
    "-nostdin",
    "-v",
    "error",
    "-i",
    video,
    "-vf",
    "fps=1",
    "-q:v",
    "3",
    join(outDir, "%04d.jpg"),
  ]);
  return { seconds: (performance.now() - started) / 1000, frames: readdirSync(outDir).length };
}

async function cachedRecording(report: Report): Promise<string> {
  const path = join(CACHE, `testsrc2-${WIDTH}x${HEIGHT}-${FPS}fps-${SECONDS}s.mp4`);
  if (existsSync(path)) return path;
  mkdirSync(CACHE, { recursive: true });
  const partial = `${path}.partial.mp4`;
  const started = performance.now();
  execFileSync("ffmpeg", [
    ...[
      "-nostdin",
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      `testsrc2=size=${WIDTH}x${HEIGHT}:rate=${FPS}:duration=${SECONDS}`,
    ],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", partial],
  ]);
  // Renamed only once complete, so an interrupted run never leaves a cut file in the cache.
  renameSync(partial, path);
  report("process_fixture_generation_s", (performance.now() - started) / 1000, "s");
  return path;
}

function syntheticMeta() {
  return {
    id: "bench-10min",
    timestamp: T0,
    duration: SECONDS,
    platform: "linux",
    arch: "x64",
    locale: "en-US",
    primary_monitor: { width: WIDTH, height: HEIGHT },
    quest: { title: "Bench", app: "Any", objectives: ["work"], pool_id: "f", task_id: "t", reward: { max_reward: 1 } },
    video: { width: WIDTH, height: HEIGHT, fps: FPS, source: { x: 0, y: 0, width: WIDTH, height: HEIGHT } },
    sync: { video_start_ms: T0 },
  };
}

/**
 * About 2,000 actions over the 10 minutes, one every ~300 ms: mostly clicks at scattered
 * places, with typed words, hotkeys and scrolls, as `input_log.jsonl` text.
 */
function syntheticInputLog(): string {
  const lines: object[] = [];
  const at = (ms: number) => T0 + Math.round(ms);
  const add = (event: string, ms: number, data: object) => lines.push({ event, data, time: at(ms) });
  for (let i = 0, ms = 200; ms < SECONDS * 1000 - 1_000; i++) {
    const x = (i * 397) % WIDTH;
    const y = (i * 211) % HEIGHT;
    add("mousemove", ms - 100, { x, y });
    if (i % 10 === 7) {
      for (const [k, c] of [..."ok"].entries()) {
        add("keydown", ms + k * 60, { key: c, actual_char: c });
        add("keyup", ms + k * 60 + 30, { key: c });
      }
    } else if (i % 10 === 8) {
      add("keydown", ms, { key: "Control" });
      add("keydown", ms + 40, { key: "c" });
      add("keyup", ms + 80, { key: "c" });
      add("keyup", ms + 100, { key: "Control" });
    } else if (i % 10 === 9) add("mousewheel", ms, { delta: -120, x, y });
    else {
      add("mousedown", ms, { x, y, button: 1 });
      add("mouseup", ms + 70, { x, y, button: 1 });
    }
    ms += 150 + ((i * 7919) % 300);
  }
  return lines.map((l) => JSON.stringify(l)).join("\n");
}
