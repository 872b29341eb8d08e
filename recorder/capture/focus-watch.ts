import { spawn } from "node:child_process";

// Focus change notifications, so a switch to a blocked or sensitive window is known within
// milliseconds instead of at the next poll. Each change carries the time it was observed;
// the session then reads the focused window and redacts its buffer from that moment.

/** Starts watching; `onChange` is called with the time each change was observed. */
export type FocusWatch = (onChange: (observedAtMs: number) => void) => { stop(): void };

/** Whether a line of `xprop -spy -root _NET_ACTIVE_WINDOW` names a window (EWMH WM present). */
export const isActiveWindowLine = (line: string): boolean => /^_NET_ACTIVE_WINDOW\(WINDOW\)/.test(line);

/**
 * X11: `xprop -spy` prints the root's _NET_ACTIVE_WINDOW once, then on every change. Without
 * xprop, or when the window manager does not set the property ("not found"), the watch ends
 * quietly and the session's polling is all there is.
 */
export function x11FocusWatch(env: NodeJS.ProcessEnv, now: () => number = Date.now): FocusWatch {
  return (onChange) => {
    const child = spawn("xprop", ["-spy", "-root", "_NET_ACTIVE_WINDOW"], {
      env,
      stdio: ["ignore", "pipe", "ignore"],
    });
    child.on("error", () => undefined);
    let lines = 0;
    let partial = "";
    child.stdout.on("data", (chunk: Buffer) => {
      const at = now();
      const parts = (partial + chunk.toString()).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) {
        lines += 1;
        if (!isActiveWindowLine(line)) {
          child.kill();
          return;
        }
        // The first line is the state at start, not a change.
        if (lines > 1) onChange(at);
      }
    });
    return { stop: () => void child.kill() };
  };
}
