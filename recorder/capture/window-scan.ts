import { run } from "../tools/run.js";

// Where the blocked apps' windows are on screen, so the video can be blacked out there even
// when they are only visible, not focused. Scanned a few times a second during a recording.

/** A screen rectangle in video pixels (the capture is the whole screen, unscaled). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ScannedWindow {
  readonly id: string;
  /** The window with its frame (title bar and borders), where the window manager draws one. */
  readonly rect: Rect;
}

/**
 * The visible windows of blocked apps. Rejects when the window system cannot be read: the
 * caller then blacks out the whole screen (fail closed).
 */
export type WindowScan = () => Promise<ScannedWindow[]>;

/**
 * One POSIX extended regular expression matching any blocklist entry as a substring, the way
 * decideFocus matches (xdotool matches case-insensitively).
 */
export function blocklistPattern(blocklist: readonly string[]): string | null {
  const entries = blocklist.map((e) => e.trim()).filter((e) => e !== "");
  if (entries.length === 0) return null;
  return entries.map((e) => e.replace(/[.[\]()*+?{}|^$\\]/g, "\\$&")).join("|");
}

/** Parses `xdotool … getwindowgeometry %@`: "Window N / Position: x,y (screen: 0) / Geometry: WxH". */
export function parseGeometries(stdout: string): Array<{ id: string; rect: Rect }> {
  const found: Array<{ id: string; rect: Rect }> = [];
  const pattern = /Window (\d+)\s+Position: (-?\d+),(-?\d+)[^\n]*\s+Geometry: (\d+)x(\d+)/g;
  for (const m of stdout.matchAll(pattern))
    found.push({
      id: m[1] ?? "",
      rect: { x: Number(m[2]), y: Number(m[3]), width: Number(m[4]), height: Number(m[5]) },
    });
  return found;
}

/** Parses `_NET_FRAME_EXTENTS(CARDINAL) = left, right, top, bottom`; zeros when absent. */
export function parseFrameExtents(stdout: string): { left: number; right: number; top: number; bottom: number } {
  const m = /=\s*(\d+),\s*(\d+),\s*(\d+),\s*(\d+)/.exec(stdout);
  if (!m) return { left: 0, right: 0, top: 0, bottom: 0 };
  return { left: Number(m[1]), right: Number(m[2]), top: Number(m[3]), bottom: Number(m[4]) };
}

/** Extra pixels around every window: shadows and rounding of window frames. */
export const WINDOW_PAD_PX = 4;

/**
 * X11: `xdotool search --onlyvisible` over class, instance and title (the blocklist's own
 * matching), the geometry of each match in one process, and each new window's frame extents
 * (xprop, read once per window).
 */
export function x11WindowScan(env: NodeJS.ProcessEnv, blocklist: readonly string[]): WindowScan {
  const pattern = blocklistPattern(blocklist);
  const extents = new Map<string, ReturnType<typeof parseFrameExtents>>();
  return async () => {
    if (!pattern) return [];
    const args = ["search", "--onlyvisible", "--class", "--classname", "--name", pattern, "getwindowgeometry", "%@"];
    const result = await run("xdotool", args, env);
    // xdotool exits 1 with nothing said when nothing matches.
    if (result.code !== 0 && (result.code !== 1 || result.stderr.trim() !== "" || result.stdout.trim() !== ""))
      throw new Error(`xdotool search failed (exit ${result.code}): ${result.stderr.trim()}`);
    const windows: ScannedWindow[] = [];
    for (const { id, rect } of parseGeometries(result.stdout)) {
      let frame = extents.get(id);
      if (!frame) {
        const read = await run("xprop", ["-id", id, "_NET_FRAME_EXTENTS"], env);
        frame = parseFrameExtents(read.code === 0 ? read.stdout : "");
        // Extents arrive once the window manager framed the window; keep only real ones.
        if (frame.top + frame.left > 0) extents.set(id, frame);
      }
      windows.push({
        id,
        rect: {
          x: rect.x - frame.left - WINDOW_PAD_PX,
          y: rect.y - frame.top - WINDOW_PAD_PX,
          width: rect.width + frame.left + frame.right + 2 * WINDOW_PAD_PX,
          height: rect.height + frame.top + frame.bottom + 2 * WINDOW_PAD_PX,
        },
      });
    }
    return windows;
  };
}
