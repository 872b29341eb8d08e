import type { Monitor } from "../recording/meta.js";
import { environmentError } from "../cli/cli-error.js";
import { run } from "../tools/run.js";

export interface Screen {
  readonly display: string;
  readonly width: number;
  readonly height: number;
  readonly scaleFactor: number;
  readonly monitors: Monitor[];
}

export const NO_DISPLAY_HELP =
  "No display: DISPLAY is not set, so there is no screen to record. Run forge record inside a " +
  "graphical session, or pass --display :N (for a virtual screen: Xvfb :99 & then --display :99).";

/** `dimensions:    1280x720 pixels (...)` from xdpyinfo. */
export function parseXdpyinfo(output: string): { width: number; height: number } | null {
  const match = /dimensions:\s+(\d+)x(\d+) pixels/.exec(output);
  return match ? { width: Number(match[1]), height: Number(match[2]) } : null;
}

/** ` 0: +*HDMI-1 1920/531x1080/299+0+0  HDMI-1` lines from `xrandr --listmonitors`. */
export function parseListMonitors(output: string): Monitor[] {
  const monitors: Monitor[] = [];
  for (const match of output.matchAll(/^\s*\d+:\s+\+?(\*?)\S+\s+(\d+)\/\d+x(\d+)\/\d+\+(-?\d+)\+(-?\d+)/gm)) {
    monitors.push({
      x: Number(match[4]),
      y: Number(match[5]),
      width: Number(match[2]),
      height: Number(match[3]),
      primary: match[1] === "*",
    });
  }
  return monitors;
}

/**
 * Finds the X display to record and its size. Must run before uiohook starts: without a
 * reachable display `uIOhook.start()` aborts the whole process, which no catch can stop.
 */
export async function findX11Screen(requested: string | undefined, env: NodeJS.ProcessEnv): Promise<Screen> {
  const display = requested ?? env.DISPLAY;
  if (!display) throw environmentError(NO_DISPLAY_HELP);
  const childEnv = { ...env, DISPLAY: display };
  const info = await run("xdpyinfo", ["-display", display], childEnv).catch(() => null);
  if (info && info.code !== 0) throw environmentError(`Cannot open display ${display}: is the X server running?`);
  const size = (info && parseXdpyinfo(info.stdout)) ?? (await probeWithFfmpeg(display, childEnv));
  const randr = await run("xrandr", ["--listmonitors"], childEnv).catch(() => null);
  const listed = randr?.code === 0 ? parseListMonitors(randr.stdout) : [];
  return {
    display,
    ...size,
    // X11 coordinates are physical pixels: uiohook and x11grab agree, so no scaling applies.
    scaleFactor: 1,
    monitors: listed.length > 0 ? listed : [{ x: 0, y: 0, ...size, primary: true }],
  };
}

/** Without xdpyinfo: grab one frame and read its size from ffmpeg's stream line. */
async function probeWithFfmpeg(display: string, env: NodeJS.ProcessEnv): Promise<{ width: number; height: number }> {
  const result = await run(
    "ffmpeg",
    ["-hide_banner", "-f", "x11grab", "-i", display, "-frames:v", "1", "-f", "null", "-"],
    env,
  );
  const match = /Video: .*?(\d{2,5})x(\d{2,5})/.exec(result.stderr);
  if (result.code !== 0 || !match) throw environmentError(`Cannot open display ${display}: is the X server running?`);
  return { width: Number(match[1]), height: Number(match[2]) };
}
