import type { Pause } from "../recording/meta.js";
import type { Rect, ScannedWindow } from "./window-scan.js";

// What the video that leaves the machine must not show, collected while recording (in wall
// time) and turned into black boxes over video time when the video is assembled:
// - every visible window of a blocked app, from window scans: between two scans a window may
//   have been anywhere between its two positions, so the box covers both and the space between;
//   a window first seen by a scan is covered from the scan before, and one gone is covered
//   until the scan that missed it;
// - the whole screen while a blocked or sensitive window has the focus, from the moment of the
//   change (as the session knows it) until focus is read elsewhere;
// - the whole screen between scans when the window system could not be read.

/** A stretch of wall time (epoch ms) during which a region, or the whole screen, is blacked out. */
export interface Redaction {
  readonly fromMs: number;
  readonly toMs: number;
  /** Null: the whole screen. */
  readonly rect: Rect | null;
}

/** A black box over video time (seconds), in video pixels. */
export interface VideoBox {
  readonly start: number;
  readonly end: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Added before and after every redaction: frames are stamped when grabbed, a few ms after
 * the screen changed, and frame boundaries round either way.
 */
export const REDACTION_MARGIN_MS = 150;

interface Scan {
  readonly startedAt: number;
  readonly endedAt: number;
  /** Null when the scan failed. */
  readonly windows: ReadonlyMap<string, Rect> | null;
}

export class RedactionLog {
  private readonly done: Redaction[] = [];
  private previous: Scan | null = null;
  private focusFrom: number | null = null;

  /** A window scan's result; `windows` null when it failed. */
  scanned(startedAt: number, endedAt: number, windows: readonly ScannedWindow[] | null): void {
    const scan: Scan = {
      startedAt,
      endedAt,
      windows: windows && new Map(windows.map((w) => [w.id, w.rect])),
    };
    const before = this.previous;
    this.previous = scan;
    // The first scan covers from its own start: nothing was captured before it.
    const from = before?.startedAt ?? startedAt;
    if (!before?.windows || !scan.windows) {
      if (!scan.windows || (before && !before.windows)) this.done.push({ fromMs: from, toMs: endedAt, rect: null });
      else for (const rect of scan.windows.values()) this.done.push({ fromMs: from, toMs: endedAt, rect });
      return;
    }
    const ids = new Set([...before.windows.keys(), ...scan.windows.keys()]);
    for (const id of ids) {
      const a = before.windows.get(id);
      const b = scan.windows.get(id);
      const rect = a && b ? bounding(a, b) : (a ?? b);
      if (rect) this.done.push({ fromMs: from, toMs: endedAt, rect });
    }
  }

  /** A blocked or sensitive window got the focus at `at` (the earliest moment it may have). */
  focusHidden(at: number): void {
    this.focusFrom = Math.min(this.focusFrom ?? at, at);
  }

  /** Focus was read on an ordinary window at `at`. */
  focusShown(at: number): void {
    if (this.focusFrom === null) return;
    this.done.push({ fromMs: this.focusFrom, toMs: at, rect: null });
    this.focusFrom = null;
  }

  /** Everything collected, with open stretches closed at `at`. */
  finish(at: number): Redaction[] {
    this.focusShown(at);
    const last = this.previous;
    if (last?.windows)
      for (const rect of last.windows.values()) this.done.push({ fromMs: last.startedAt, toMs: at, rect });
    else if (last) this.done.push({ fromMs: last.startedAt, toMs: at, rect: null });
    this.previous = null;
    return merge(this.done);
  }
}

function bounding(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

const sameRect = (a: Rect | null, b: Rect | null) =>
  a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);

/** Joins overlapping or touching stretches of the same region, so a still window is one box. */
export function merge(redactions: readonly Redaction[]): Redaction[] {
  const sorted = [...redactions].sort((a, b) => a.fromMs - b.fromMs);
  const out: Redaction[] = [];
  for (const r of sorted) {
    const open = out.findLast((o) => sameRect(o.rect, r.rect) && o.toMs >= r.fromMs);
    if (open) out[out.lastIndexOf(open)] = { ...open, toMs: Math.max(open.toMs, r.toMs) };
    else out.push(r);
  }
  return out;
}

/**
 * Video time (ms) of a wall time, with a time inside a pause taken as the pause's end: the
 * video has no frame of a pause, and the first frame after it is where the pause's end lands.
 */
export function videoTimeOf(time: number, videoStartMs: number, pauses: readonly Pause[]): number {
  let paused = 0;
  let at = time;
  for (const p of pauses) {
    if (at > p.start_ms && at < p.end_ms) at = p.end_ms;
    if (p.end_ms <= at) paused += p.end_ms - p.start_ms;
  }
  return at - videoStartMs - paused;
}

/** The redactions as boxes over the video, with the margin, clipped to the frame. */
export function videoBoxes(
  redactions: readonly Redaction[],
  clock: { videoStartMs: number; pauses: readonly Pause[]; durationMs: number },
  frame: { width: number; height: number },
): VideoBox[] {
  const boxes: VideoBox[] = [];
  for (const r of redactions) {
    const start = Math.max(0, videoTimeOf(r.fromMs, clock.videoStartMs, clock.pauses) - REDACTION_MARGIN_MS);
    const end = Math.min(clock.durationMs, videoTimeOf(r.toMs, clock.videoStartMs, clock.pauses) + REDACTION_MARGIN_MS);
    if (end < start || end < 0 || start > clock.durationMs) continue;
    const rect = r.rect ?? { x: 0, y: 0, width: frame.width, height: frame.height };
    const x = Math.max(0, Math.floor(rect.x));
    const y = Math.max(0, Math.floor(rect.y));
    const width = Math.min(frame.width, Math.ceil(rect.x + rect.width)) - x;
    const height = Math.min(frame.height, Math.ceil(rect.y + rect.height)) - y;
    if (width <= 0 || height <= 0) continue;
    boxes.push({ start: start / 1_000, end: end / 1_000, x, y, width, height });
  }
  return boxes;
}

/** ffmpeg filters drawing each box in black (filled) during its stretch of video time. */
export function drawboxFilter(boxes: readonly VideoBox[]): string {
  return boxes
    .map(
      (b) =>
        `drawbox=x=${b.x}:y=${b.y}:w=${b.width}:h=${b.height}:color=black:t=fill` +
        `:enable='between(t,${b.start.toFixed(3)},${b.end.toFixed(3)})'`,
    )
    .join(",");
}
