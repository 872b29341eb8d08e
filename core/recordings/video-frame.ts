import type { RecordingMeta } from "./meta.js";

/** The decoded video's geometry and timing (from ffprobe, not from the client's meta). */
export interface VideoInfo {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly durationMs: number;
}

/**
 * Maps logical desktop coordinates (the events' space) onto video pixels, clamped into the
 * frame. The captured region is `meta.video.source`; without it, the primary monitor at 0,0,
 * whose `primary_monitor` size is in physical pixels, hence divided by the scale factor; the
 * desktop app's oldest recordings have no monitor at all: the video is taken as the screen.
 */
export function pixelMapper(meta: RecordingMeta, video: VideoInfo): (x: number, y: number) => { x: number; y: number } {
  const scale = meta.scale_factor ?? 1;
  const monitor = meta.primary_monitor ?? { width: video.width * scale, height: video.height * scale };
  const region = meta.video?.source ?? {
    x: 0,
    y: 0,
    width: monitor.width / scale,
    height: monitor.height / scale,
  };
  const sx = video.width / region.width;
  const sy = video.height / region.height;
  return (x, y) => ({
    x: clamp(Math.round((x - region.x) * sx), 0, video.width - 1),
    y: clamp(Math.round((y - region.y) * sy), 0, video.height - 1),
  });
}

/**
 * The video time of the last frame at or before `atMs`, never past the last frame, so the
 * keyframe always exists in the video.
 */
export function frameAt(atMs: number, video: VideoInfo): number {
  if (!(video.fps > 0) || !(video.durationMs > 0)) return 0;
  // The epsilons absorb float error, e.g. 1000 / 30 * 3 being a hair under 100.
  const index = Math.floor((atMs * video.fps) / 1000 + 1e-9);
  const last = Math.max(0, Math.ceil((video.durationMs * video.fps) / 1000 - 1e-9) - 1);
  return Math.round((clamp(index, 0, last) * 1000 * 1000) / video.fps) / 1000;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
