import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grabHotkeys, grabStates, hotkeysNotGrabbedWarning } from "../../../recorder/capture/hotkey-grab.js";
import { has, startOpenbox, startXvfb, waitFor } from "../../support/xvfb.js";

// Issue 13, "hotkeys": Ctrl+Alt+P and Ctrl+Alt+S must not reach the focused app while
// recording. Under Xvfb with a window manager, `xev` has the focus and prints the keys it gets.

const exec = promisify(execFile);
const missing = ["Xvfb", "openbox", "xdotool", "xprop", "xev"].filter((tool) => !has(tool));

/** The keysym names of the KeyPress events in xev's output. */
function pressed(xevOutput: string): string[] {
  return [...xevOutput.matchAll(/KeyPress event,[^]*?keysym 0x[0-9a-f]+, ([^)]+)\)/g)].map((m) => m[1] ?? "");
}

describe("grabStates", () => {
  const keysyms = (entries: Record<number, number>) =>
    Array.from({ length: 248 }, (_, i) => (entries[i + 8] === undefined ? [0] : [entries[i + 8] ?? 0]));

  it("GIVEN Xvfb's US map (Alt on Mod1, NumLock on Mod2) THEN Ctrl+Alt is grabbed with Shift, CapsLock and NumLock on or off", () => {
    const modifiers = [[50, 62], [66], [37, 105], [64, 108, 205], [77], [], [133, 134], [92, 203]];
    const states = grabStates({ modifiers, keysyms: keysyms({ 77: 0xff7f, 78: 0xff14 }), minKeycode: 8 });
    expect(states).toEqual([12, 13, 14, 15, 28, 29, 30, 31]);
  });

  it("GIVEN right Alt is AltGr on Mod5 and ScrollLock is on Mod3 THEN both Alts are grabbed, with the four locks", () => {
    const modifiers = [[50], [66], [37], [64], [77], [78], [], [108]];
    const states = grabStates({ modifiers, keysyms: keysyms({ 77: 0xff7f, 78: 0xff14 }), minKeycode: 8 });
    expect(states).toHaveLength(2 * 16);
    expect(states).toContain(4 | 8);
    expect(states).toContain(4 | 128);
    expect(states).toContain(4 | 128 | 1 | 2 | 16 | 32);
  });
});

describe("grabHotkeys without an X server", () => {
  it("GIVEN macOS THEN it says the hotkeys cannot be reserved there, and the warning names Ctrl-C", async () => {
    const grab = await grabHotkeys("darwin", undefined);
    expect(grab).toEqual({ ok: false, reason: "not supported on macOS" });
    expect(hotkeysNotGrabbedWarning("not supported on macOS")).toContain("Ctrl-C in this terminal also stops");
  });

  it("GIVEN a display nobody serves THEN it fails with the display's name instead of throwing", async () => {
    const grab = await grabHotkeys("linux", ":987");
    expect(grab.ok).toBe(false);
    if (!grab.ok) expect(grab.reason).toContain("cannot connect to X display :987");
  });
});

describe.skipIf(missing.length > 0)(
  `grabHotkeys under Xvfb and openbox${missing.length ? ` (skipped: ${missing.join(", ")} not installed)` : ""}`,
  () => {
    let xvfb: Awaited<ReturnType<typeof startXvfb>>;
    const children: ChildProcess[] = [];
    let env: NodeJS.ProcessEnv = {};
    let xevOutput = "";
    const x = (...args: string[]) => exec("xdotool", args, { env });

    /** Presses `keys` in order, then a sentinel, and returns what the focused xev received. */
    async function focusedAppGets(...keys: string[]): Promise<string[]> {
      const from = xevOutput.length;
      for (const key of keys) await x("key", key);
      // X delivers input in order: once the sentinel arrived, every key before it was delivered.
      await x("key", "z");
      // CapsLock makes it "Z".
      const isSentinel = (key: string) => key.toLowerCase() === "z";
      await waitFor("the sentinel key", async () => (pressed(xevOutput.slice(from)).some(isSentinel) ? true : null));
      return pressed(xevOutput.slice(from)).filter((key) => !isSentinel(key));
    }

    beforeAll(async () => {
      xvfb = await startXvfb();
      env = { PATH: process.env.PATH, HOME: process.env.HOME, DISPLAY: xvfb.display };
      children.push(await startOpenbox(env));
      const xev = spawn("xev", ["-event", "keyboard", "-name", "forge-hotkey-probe"], { env });
      xev.stdout.on("data", (chunk: Buffer) => (xevOutput += chunk.toString()));
      children.push(xev);
      const window = await waitFor("xev's window", async () => {
        const { stdout } = await x("search", "--name", "^forge-hotkey-probe$");
        return stdout.trim().split("\n")[0] || null;
      });
      await x("windowactivate", "--sync", window);
    }, 30_000);
    afterAll(() => {
      for (const child of children) child.kill();
      xvfb?.stop();
    });

    it("GIVEN no grab THEN the focused app receives Ctrl+Alt+P (the problem the grab solves)", async () => {
      expect(await focusedAppGets("ctrl+alt+p", "ctrl+alt+s")).toEqual(
        expect.arrayContaining(["Control_L", "Alt_L", "p", "s"]),
      );
    });

    it("GIVEN the grab WHEN the hotkeys are pressed, with Shift, CapsLock or NumLock too THEN the app gets none of them, but ordinary keys; after release it gets them again", async () => {
      const grab = await grabHotkeys("linux", xvfb.display);
      if (!grab.ok) throw new Error(grab.reason);
      try {
        const got = await focusedAppGets("ctrl+alt+p", "ctrl+alt+s", "ctrl+alt+shift+p", "a", "ctrl+p", "alt+s");
        expect(got.filter((key) => /^[a-z]$/i.test(key))).toEqual(["a", "p", "s"]);
        for (const lock of ["Caps_Lock", "Num_Lock"]) {
          await x("key", lock);
          const locked = await focusedAppGets("ctrl+alt+p", "ctrl+alt+s", "b").finally(() => x("key", lock));
          expect(locked.filter((key) => /^[a-z]$/i.test(key)).map((key) => key.toLowerCase())).toEqual(["b"]);
        }
      } finally {
        await grab.release();
      }
      expect(await focusedAppGets("ctrl+alt+p")).toContain("p");
    });

    it("GIVEN the grab THEN uiohook (XRecord), which the session acts on, still sees Ctrl+Alt+P", async () => {
      const hook = spawn(
        process.execPath,
        [
          "-e",
          `const { uIOhook } = require("uiohook-napi");
           uIOhook.on("keydown", (e) => console.log(JSON.stringify([e.keycode, e.ctrlKey, e.altKey])));
           uIOhook.start();`,
        ],
        { env, cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
      );
      children.push(hook);
      let seen = "";
      hook.stdout.on("data", (chunk: Buffer) => (seen += chunk.toString()));
      // Until the hook listens, keys pass unseen: press x until it reports one (uiohook's 45).
      await waitFor("uiohook to listen", async () => (seen.includes("[45,") ? true : (await x("key", "x"), null)));
      const grab = await grabHotkeys("linux", xvfb.display);
      if (!grab.ok) throw new Error(grab.reason);
      try {
        expect(await focusedAppGets("ctrl+alt+p")).not.toContain("p");
        await waitFor("uiohook to report Ctrl+Alt+P", async () => (seen.includes("[25,true,true]") ? true : null));
      } finally {
        hook.kill();
        await grab.release();
      }
    });

    it("GIVEN another client holds the hotkeys THEN a second grab says which one is taken and leaves the first in place", async () => {
      const first = await grabHotkeys("linux", xvfb.display);
      if (!first.ok) throw new Error(first.reason);
      try {
        const second = await grabHotkeys("linux", xvfb.display);
        expect(second).toEqual({ ok: false, reason: "another program already uses Ctrl+Alt+P" });
        expect(await focusedAppGets("ctrl+alt+p", "ctrl+alt+s")).not.toEqual(expect.arrayContaining(["p"]));
      } finally {
        await first.release();
      }
    });
  },
);
