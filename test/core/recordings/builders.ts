import type { InputEvent } from "../../../core/recordings/input-log.js";
import { recordingMetaSchema, type RecordingMeta } from "../../../core/recordings/meta.js";
import type { VideoInfo } from "../../../core/recordings/video-frame.js";

export const T0 = 1_700_000_000_000;

/** A valid meta.json as the original Forge app writes it, with overrides. */
export function metaJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "rec-1",
    timestamp: "2026-01-01T00:00:00.000Z",
    duration: 60,
    platform: "linux",
    arch: "x64",
    version: "6.1",
    locale: "en-US",
    keyboard_layout: "us",
    primary_monitor: { width: 1280, height: 720 },
    quest: {
      title: "Rename a file",
      app: "Files",
      objectives: ["open the folder", "rename the file"],
      pool_id: "factory-1",
      task_id: "task-1",
      reward: { max_reward: 1 },
    },
    ...overrides,
  };
}

export function meta(overrides: Record<string, unknown> = {}): RecordingMeta {
  return recordingMetaSchema.parse(metaJson({ sync: { video_start_ms: T0 }, ...overrides }));
}

export const VIDEO: VideoInfo = { width: 1280, height: 720, fps: 10, durationMs: 60_000 };

/** Events at T0 + ms. */
export const ev = {
  move: (ms: number, x: number, y: number): InputEvent => ({ event: "mousemove", time: T0 + ms, x, y }),
  down: (ms: number, x: number, y: number, button = 1): InputEvent => ({
    event: "mousedown",
    time: T0 + ms,
    x,
    y,
    button,
  }),
  up: (ms: number, x: number, y: number, button = 1): InputEvent => ({ event: "mouseup", time: T0 + ms, x, y, button }),
  wheel: (ms: number, delta: number, x?: number, y?: number): InputEvent =>
    x === undefined || y === undefined
      ? { event: "mousewheel", time: T0 + ms, delta }
      : { event: "mousewheel", time: T0 + ms, delta, x, y },
  key: (ms: number, key: string, char?: string): InputEvent =>
    char === undefined ? { event: "keydown", time: T0 + ms, key } : { event: "keydown", time: T0 + ms, key, char },
  keyUp: (ms: number, key: string): InputEvent => ({ event: "keyup", time: T0 + ms, key }),
  focus: (ms: number, app: string): InputEvent => ({ event: "app_focus", time: T0 + ms, app }),
};

/** A click: press then release `holdMs` later, `drift` px to the right. */
export function click(ms: number, x: number, y: number, holdMs = 80, drift = 0, button = 1): InputEvent[] {
  return [ev.down(ms, x, y, button), ev.up(ms + holdMs, x + drift, y, button)];
}

/** Types `text` one character every `stepMs`, with key up after each. */
export function typing(ms: number, text: string, stepMs = 100): InputEvent[] {
  return [...text].flatMap((c, i) => [ev.key(ms + i * stepMs, c, c), ev.keyUp(ms + i * stepMs + 30, c)]);
}
