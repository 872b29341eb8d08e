import { mkdir, rename } from "node:fs/promises";
import { join } from "node:path";
import { environmentError } from "../cli/cli-error.js";
import { run } from "./run.js";

/** Frames per ffmpeg pass: keeps the select expression short. */
const BATCH = 40;

export const keyframeName = (frameIndex: number) => `frame-${String(frameIndex).padStart(6, "0")}.jpg`;

/**
 * Writes one JPEG per distinct frame index into `dir` (decoding the video once per batch,
 * not seeking once per action). Returns the file name of each index.
 * TODO(lead): swap for media/keyframes once it lands, so client and server share one extractor.
 */
export async function extractKeyframes(
  video: string,
  frameIndexes: readonly number[],
  dir: string,
): Promise<Map<number, string>> {
  await mkdir(dir, { recursive: true });
  const unique = [...new Set(frameIndexes)].sort((a, b) => a - b);
  const names = new Map<number, string>();
  for (let i = 0; i < unique.length; i += BATCH) {
    const batch = unique.slice(i, i + BATCH);
    const select = batch.map((n) => `eq(n\\,${n})`).join("+");
    const pattern = join(dir, "batch-%06d.jpg");
    const result = await run("ffmpeg", [
      "-v",
      "error",
      "-y",
      "-i",
      video,
      "-vf",
      `select='${select}'`,
      "-fps_mode",
      "passthrough",
      "-q:v",
      "3",
      pattern,
    ]);
    if (result.code !== 0) throw environmentError(`ffmpeg could not extract keyframes: ${result.stderr.trim()}`);
    // ffmpeg numbers the selected frames 1, 2, ... in order; a frame past the end is absent.
    for (const [k, n] of batch.entries()) {
      const moved = await rename(join(dir, `batch-${String(k + 1).padStart(6, "0")}.jpg`), join(dir, keyframeName(n)))
        .then(() => true)
        .catch(() => false);
      if (moved) names.set(n, keyframeName(n));
    }
  }
  return names;
}
