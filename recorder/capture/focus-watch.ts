import { spawn, type ChildProcess } from "node:child_process";

// Focus change notifications, so a switch to a blocked or sensitive window is known within
// milliseconds instead of at the next poll. Each change carries the time it was observed;
// the session then reads the focused window and redacts its buffer from that moment.

/** Starts watching; `onChange` is called with the time each change was observed. */
export type FocusWatch = (onChange: (observedAtMs: number) => void) => { stop(): void };

/** Whether a line of `xprop -spy -root _NET_ACTIVE_WINDOW` names a window (EWMH WM present). */
export const isActiveWindowLine = (line: string): boolean => /^_NET_ACTIVE_WINDOW\(WINDOW\)/.test(line);

/** The window id in a `_NET_ACTIVE_WINDOW(WINDOW): window id # 0x400007` line, or null. */
export const activeWindowId = (line: string): string | null => /window id # (0x[0-9a-f]+)/i.exec(line)?.[1] ?? null;

/** The property a line of `xprop -spy` is about: `WM_NAME(STRING) = …` or `_NET_WM_NAME:  not found.` */
export const propertyOf = (line: string): string => /^[A-Z_0-9]+/i.exec(line)?.[0] ?? "";

/** Lines of a child's stdout, each with the time its chunk arrived. */
function lines(child: ChildProcess, now: () => number, onLine: (line: string, at: number) => void): void {
  let partial = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const at = now();
    const parts = (partial + chunk.toString()).split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) onLine(line, at);
  });
}

const spy = (env: NodeJS.ProcessEnv, args: string[]): ChildProcess => {
  const child = spawn("xprop", ["-spy", ...args], { env, stdio: ["ignore", "pipe", "ignore"] });
  child.on("error", () => undefined);
  return child;
};

/**
 * X11: `xprop -spy` prints the root's _NET_ACTIVE_WINDOW once, then on every change; and the
 * active window's title (_NET_WM_NAME, WM_NAME), so a browser tab turning into a sign-in page
 * counts as a change too (the spy follows the active window). Without xprop, or when the
 * window manager does not set the property ("not found"), the watch ends quietly and the
 * session's polling is all there is.
 */
export function x11FocusWatch(env: NodeJS.ProcessEnv, now: () => number = Date.now): FocusWatch {
  return (onChange) => {
    const root = spy(env, ["-root", "_NET_ACTIVE_WINDOW"]);
    let title: ChildProcess | null = null;
    let watched: string | null = null;
    let first = true;
    const followTitle = (id: string | null) => {
      if (id === watched) return;
      watched = id;
      title?.kill();
      title = null;
      if (!id || /^0x0+$/.test(id)) return;
      const child = spy(env, ["-id", id, "_NET_WM_NAME", "WM_NAME"]);
      // Each property is printed once at start: only later lines are changes.
      const seen = new Set<string>();
      lines(child, now, (line, at) => {
        const property = propertyOf(line);
        if (seen.has(property)) onChange(at);
        else seen.add(property);
      });
      title = child;
    };
    lines(root, now, (line, at) => {
      if (!isActiveWindowLine(line)) {
        root.kill();
        return;
      }
      // The first line is the state at start, not a change.
      if (!first) onChange(at);
      first = false;
      followTitle(activeWindowId(line));
    });
    return {
      stop: () => {
        root.kill();
        title?.kill();
      },
    };
  };
}
