// A recording's keyframes, in step order, read from the steps JSON the grader stored beside it
// (each step names its keyframe's key; several steps may share one picture).
import { StoredStepsSchema } from "../../core/datasets/dataset-row.js";
import type { DashboardOptions } from "./ports.js";

/** Keyframes shown per recording at most (the page shows thumbnails, not the whole recording). */
export const KEYFRAMES_SHOWN = 4;

async function readAll(body: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The recording's distinct keyframe keys in step order; none when its steps are not stored (yet). */
export async function keyframeKeys(recordings: DashboardOptions["recordings"], recordingId: string): Promise<string[]> {
  const body = await recordings.storage.get(recordings.stepsKey(recordingId));
  if (!body) return [];
  let parsed;
  try {
    parsed = StoredStepsSchema.safeParse(JSON.parse((await readAll(body)).toString("utf8")));
  } catch {
    return [];
  }
  if (!parsed.success) return [];
  const keys = parsed.data.steps.map((s) => s.keyframe).filter((k): k is string => typeof k === "string" && k !== "");
  return [...new Set(keys)];
}

/** Up to `count` keys spread over the recording, first and last included. */
export function spread<T>(items: readonly T[], count: number): Array<{ index: number; item: T }> {
  if (items.length <= count) return items.map((item, index) => ({ index, item }));
  const picked = new Set(Array.from({ length: count }, (_, i) => Math.round((i * (items.length - 1)) / (count - 1))));
  return [...picked].map((index) => ({ index, item: items[index]! }));
}

export const imageType = (key: string): string =>
  /\.png$/i.test(key) ? "image/png" : /\.webp$/i.test(key) ? "image/webp" : "image/jpeg";
