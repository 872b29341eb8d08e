import type { FocusedWindow } from "./focus.js";
import { x11FocusWatch, type FocusWatch } from "./focus-watch.js";
import { run } from "../tools/run.js";

/**
 * Reads the focused window; null when no window has the focus (bare Xvfb, the desktop).
 * Rejects when focus cannot be read at all (the tool is missing or fails): callers fail closed.
 */
export type FocusReader = () => Promise<FocusedWindow | null>;

/** Whether focus can be read here; when not, what is missing and how to get it. */
export type FocusCheck = { ok: true } | { ok: false; problem: string; fix: string };

/** A platform's focus reader, its start-up check (one real read) and its change notifications. */
export interface FocusSource {
  readonly read: FocusReader;
  readonly check: () => Promise<FocusCheck>;
  /** Absent where the platform has no notifications: the session polls. */
  readonly watch?: FocusWatch;
}

/** Parses xprop's `WM_CLASS(STRING) = "xterm", "XTerm"` into its class part ("XTerm"). */
export function parseWmClass(output: string): string {
  const names = [...output.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? "");
  return names.at(-1) ?? "";
}

const X11_TOOLS = [
  {
    program: "xdotool",
    args: ["getmouselocation"],
    fix: "install it: sudo apt install xdotool (or your distribution's xdotool package)",
  },
  {
    program: "xprop",
    args: ["-root", "_NET_SUPPORTED"],
    fix: "install it: sudo apt install x11-utils (or your distribution's xprop package)",
  },
] as const;

/**
 * Linux: the active window (needs a window manager), else the window holding the input
 * focus, then its title (xdotool) and class (xprop). Without a focused window (bare Xvfb)
 * focus is null, which is not an error; a missing tool rejects every read.
 */
export function x11FocusReader(env: NodeJS.ProcessEnv): FocusReader {
  const id = async (): Promise<string | null> => {
    for (const command of ["getactivewindow", "getwindowfocus"]) {
      const result = await run("xdotool", [command], env);
      const wid = result.stdout.trim();
      if (result.code === 0 && /^\d+$/.test(wid) && wid !== "1") return wid;
    }
    return null;
  };
  return async () => {
    const wid = await id();
    if (!wid) return null;
    const name = await run("xdotool", ["getwindowname", wid], env);
    const wmClass = await run("xprop", ["-id", wid, "WM_CLASS"], env);
    return {
      name: name.code === 0 ? name.stdout.trim() : "",
      className: wmClass.code === 0 ? parseWmClass(wmClass.stdout) : "",
    };
  };
}

/** Checks each X11 tool answers once on this display, then reads focus once. */
export async function checkX11Focus(env: NodeJS.ProcessEnv, read: FocusReader): Promise<FocusCheck> {
  for (const tool of X11_TOOLS) {
    let result;
    try {
      result = await run(tool.program, tool.args, env);
    } catch {
      return { ok: false, problem: `${tool.program} is not installed (or not on PATH)`, fix: tool.fix };
    }
    if (result.code !== 0) {
      const said = result.stderr.trim().split("\n")[0] ?? "";
      return {
        ok: false,
        problem: `${tool.program} cannot read the window system${said ? ` (${said})` : ""}`,
        fix: "check that DISPLAY points at your X session (Wayland-only sessions are not supported yet)",
      };
    }
  }
  try {
    await read();
    return { ok: true };
  } catch (error) {
    return { ok: false, problem: `the focused window cannot be read: ${(error as Error).message}`, fix: "see above" };
  }
}

/** The focus source of a platform; macOS and Windows have no reader yet. */
export function focusSourceFor(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): FocusSource {
  if (platform === "darwin" || platform === "win32") {
    const name = platform === "darwin" ? "macOS" : "Windows";
    return {
      read: () => Promise.reject(new Error(`no focus reader on ${name}`)),
      check: () =>
        Promise.resolve({
          ok: false,
          problem: `this recorder cannot read the focused window on ${name} yet`,
          fix: "record on Linux/X11 to have blocking and sensitive-window masking enforced",
        }),
    };
  }
  const read = x11FocusReader(env);
  return { read, check: () => checkX11Focus(env, read), watch: x11FocusWatch(env) };
}

/** Focus never known: for a recording whose farmer accepted unenforced privacy. */
export const unknownFocusReader: FocusReader = () => Promise.resolve(null);
