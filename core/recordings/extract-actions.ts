import type { Action } from "./action.js";
import { collectGestures, type Gesture } from "./collect-gestures.js";
import type { InputEvent } from "./input-log.js";
import type { RecordingMeta } from "./meta.js";
import { videoClock } from "./video-clock.js";
import { clamp, frameAt, pixelMapper, type VideoInfo } from "./video-frame.js";

/**
 * Turns a recording's input events into its actions (PRODUCT.md "Processing"), each placed
 * on the video: `atMs` in video time (sync marker and pauses applied, clamped into the
 * video), `frameMs` its keyframe, coordinates in video pixels clamped into the frame.
 * Events are processed in timestamp order whatever order the log had them in; the disorder
 * itself is a scoring signal (`eventsOrdered`). Returns actions sorted by `atMs`.
 */
export function extractActions(events: readonly InputEvent[], meta: RecordingMeta, video: VideoInfo): Action[] {
  const sorted = [...events].sort((a, b) => a.time - b.time);
  const toVideoMs = videoClock(sorted, meta);
  const toPixel = pixelMapper(meta, video);
  const place = (g: Gesture): Action => {
    const atMs = clamp(Math.round(toVideoMs(g.time)), 0, Math.max(0, video.durationMs));
    const { time: _time, x, y, toX, toY, ...rest } = g;
    const at = x !== undefined && y !== undefined ? toPixel(x, y) : null;
    const to = toX !== undefined && toY !== undefined ? toPixel(toX, toY) : null;
    return {
      ...rest,
      atMs,
      frameMs: frameAt(atMs, video),
      ...(at ? { x: at.x, y: at.y } : {}),
      ...(to ? { toX: to.x, toY: to.y } : {}),
    };
  };
  return collectGestures(sorted)
    .map(place)
    .sort((a, b) => a.atMs - b.atMs);
}
