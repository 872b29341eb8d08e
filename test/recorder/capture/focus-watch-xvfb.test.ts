import { execFile, spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { x11FocusWatch } from "../../../recorder/capture/focus-watch.js";
import { has, startOpenbox, startXvfb } from "../../support/xvfb.js";

// Focus change notifications under Xvfb and openbox: a switch of window, and a title change
// inside the active window (a browser tab becoming a sign-in page), are both notified.

const exec = promisify(execFile);
const missing = ["Xvfb", "openbox", "xdotool", "xprop", "xmessage"].filter((tool) => !has(tool));

describe.skipIf(missing.length > 0)(
  `focus notifications under Xvfb and openbox${missing.length ? ` (skipped: ${missing.join(", ")} not installed)` : ""}`,
  () => {
    let xvfb: Awaited<ReturnType<typeof startXvfb>>;
    const children: ChildProcess[] = [];
    let env: NodeJS.ProcessEnv = {};
    const x = async (...args: string[]) => (await exec("xdotool", args, { env })).stdout.trim();
    const windowId = async (name: string) => {
      for (let i = 0; i < 100; i += 1) {
        const id = (await x("search", "--name", name).catch(() => "")).split("\n")[0];
        if (id) return id;
        await sleep(100);
      }
      throw new Error(`no window ${name}`);
    };

    beforeAll(async () => {
      xvfb = await startXvfb();
      env = { PATH: process.env.PATH, DISPLAY: xvfb.display };
      children.push(await startOpenbox(env));
      for (const title of ["Inbox - browser", "notes - editor"])
        children.push(spawn("xmessage", ["-title", title, title], { env, stdio: "ignore" }));
    }, 30_000);
    afterAll(() => {
      for (const child of children) child.kill();
      xvfb?.stop();
    });

    it("GIVEN the active window's title changes, then another window is activated THEN each is notified", async () => {
      const browser = await windowId("^Inbox - browser$");
      const editor = await windowId("^notes - editor$");
      await x("windowactivate", "--sync", browser);
      const changes: number[] = [];
      const watch = x11FocusWatch(env)((at) => changes.push(at));
      try {
        // Let the window manager settle (it may set _NET_ACTIVE_WINDOW twice on activation).
        await sleep(1_000);
        changes.length = 0;
        await x("set_window", "--name", "Sign in - Google Accounts", browser);
        await vi.waitFor(() => expect(changes.length).toBeGreaterThan(0), { timeout: 5_000 });
        const afterTitle = changes.length;
        await x("windowactivate", "--sync", editor);
        await vi.waitFor(() => expect(changes.length).toBeGreaterThan(afterTitle), { timeout: 5_000 });
        // The editor's title is followed now: a change there is notified too.
        const afterSwitch = changes.length;
        await x("set_window", "--name", "Enter PIN", editor);
        await vi.waitFor(() => expect(changes.length).toBeGreaterThan(afterSwitch), { timeout: 5_000 });
      } finally {
        watch.stop();
      }
    }, 60_000);
  },
);
