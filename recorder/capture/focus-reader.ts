import type { FocusedWindow } from "./focus.js";
import { run } from "../tools/run.js";

/** Reads the focused window; null when it cannot be known (no window manager, no tool). */
export type FocusReader = () => Promise<FocusedWindow | null>;

/** Parses xprop's `WM_CLASS(STRING) = "xterm", "XTerm"` into its class part ("XTerm"). */
export function parseWmClass(output: string): string {
  const names = [...output.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? "");
  return names.at(-1) ?? "";
}

/**
 * Linux: the active window (needs a window manager), else the window holding the input
 * focus, then its title (xdotool) and class (xprop). Without a focused window (bare Xvfb)
 * focus is unknown, which is not an error.
 */
export function x11FocusReader(env: NodeJS.ProcessEnv): FocusReader {
  let missing = false;
  const id = async (): Promise<string | null> => {
    for (const command of ["getactivewindow", "getwindowfocus"]) {
      const result = await run("xdotool", [command], env);
      const wid = result.stdout.trim();
      if (result.code === 0 && /^\d+$/.test(wid) && wid !== "1") return wid;
    }
    return null;
  };
  return async () => {
    if (missing) return null;
    try {
      const wid = await id();
      if (!wid) return null;
      const name = await run("xdotool", ["getwindowname", wid], env);
      const wmClass = await run("xprop", ["-id", wid, "WM_CLASS"], env).catch(() => null);
      return {
        name: name.code === 0 ? name.stdout.trim() : "",
        className: wmClass ? parseWmClass(wmClass.stdout) : "",
      };
    } catch {
      // xdotool is not installed: stop asking every 500 ms.
      missing = true;
      return null;
    }
  };
}

/** Platforms without a reader yet: focus is unknown, so only --mask-all and no blocklist apply. */
export const unknownFocusReader: FocusReader = () => Promise.resolve(null);
