import type { InputEvent } from "../../../core/recordings/input-log.js";
import { recordingMetaSchema, type RecordingMeta } from "../../../core/recordings/meta.js";
import type { VideoInfo } from "../../../core/recordings/video-frame.js";

export const T0 = 1_700_000_000_000;

/** A valid meta.json as this project's recorder writes it (without its extensions), with overrides. */
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

/** meta.json as the original Forge desktop app writes it (its real macOS sample, abridged), with overrides. */
export function desktopMetaJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "20250818_135137",
    timestamp: "2025-08-18T13:51:37.719819+02:00",
    duration_seconds: 53,
    status: "completed",
    reason: "done",
    title: "Configure Docker container resources",
    description: "",
    platform: "macos",
    arch: "aarch64",
    version: "15.6.0",
    locale: "fr-FR",
    primary_monitor: { width: 2880, height: 1800 },
    quest: {
      title: "Configure Docker container resources",
      app: "Docker Desktop",
      icon_url: "https://s2.googleusercontent.com/s2/favicons?domain=docker.com&sz=64",
      objectives: ["Open Docker Desktop on your machine", "Navigate to Resources section"],
      content: "Hi! You mentioned you need help with setting up resource allocation for containers.",
      pool_id: "688787554c3d6fdf7ac1aceb",
      reward: { time: 1755517860000, max_reward: 10 },
      task_id: "688787554c3d6fdf7ac1acf0",
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
