import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJsonl } from "../../../recorder/recording/events.js";
import { has, startOpenbox, startXvfb, waitFor } from "../../support/xvfb.js";

// Issue 13, "fail closed": keys typed at once after switching to a sensitive window must not
// reach the log, whatever the focus poll's phase. Under Xvfb with a window manager (openbox,
// for _NET_ACTIVE_WINDOW), two xmessage windows stand for an editor and KeePassXC.

const exec = promisify(execFile);
const SWITCHES = 20;
/** Typed in the sensitive window only: none of these characters is in NORMAL_WORDS. */
const MARKERS = ["qzx7", "9kjw", "vy3q", "x8zk", "j2wv"];
const NORMAL_WORDS = ["hello", "forge", "data", "notes", "shop"];
const missing = ["Xvfb", "openbox", "xdotool", "xprop", "xmessage", "ffmpeg"].filter((tool) => !has(tool));

describe.skipIf(missing.length > 0)(
  `forge record switching to a sensitive window under Xvfb and openbox${missing.length ? ` (skipped: ${missing.join(", ")} not installed)` : ""}`,
  () => {
    let xvfb: Awaited<ReturnType<typeof startXvfb>>;
    const children: ChildProcess[] = [];
    let env: NodeJS.ProcessEnv = {};
    const x = (...args: string[]) => exec("xdotool", args, { env });

    beforeAll(async () => {
      xvfb = await startXvfb();
      const home = await mkdtemp(join(tmpdir(), "forge-switch-"));
      env = { PATH: process.env.PATH, HOME: home, FORGE_HOME: home, DISPLAY: xvfb.display };
      children.push(await startOpenbox(env));
      const windows: Array<[title: string, text: string]> = [
        ["notes - editor", "editor"],
        ["Unlock Database - KeePassXC", "vault"],
      ];
      for (const [title, text] of windows)
        children.push(spawn("xmessage", ["-title", title, text], { env, stdio: "ignore" }));
    }, 30_000);
    afterAll(() => {
      for (const child of children) child.kill();
      xvfb?.stop();
    });

    it("GIVEN 20 switches to a KeePassXC window typed into at once THEN no typed character is logged, the editor's text is", async () => {
      const windowId = (name: string) =>
        waitFor(name, async () => (await x("search", "--name", name)).stdout.trim().split("\n")[0] || null);
      const editor = await windowId("^notes - editor$");
      const vault = await windowId("^Unlock Database - KeePassXC$");
      await x("windowactivate", "--sync", editor);

      const typeSwitches = async () => {
        for (let i = 0; i < SWITCHES; i += 1) {
          await x("windowactivate", "--sync", editor);
          await sleep(300);
          await x("type", `${NORMAL_WORDS[i % NORMAL_WORDS.length]} `);
          await sleep(300);
          // No --sync: type as soon as the window manager was asked, like a fast farmer.
          await x("windowactivate", vault);
          await sleep((i * 37) % 151);
          await x("type", MARKERS[i % MARKERS.length] ?? "");
          await sleep(300);
        }
      };
      const child = spawn(
        process.execPath,
        [resolve("recorder/bin/forge.mjs"), "record", "--factory", "f1", "--task", "t1", "--duration", "5m"],
        { env, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stderr = "";
      const closed = new Promise<number | null>((done) => child.on("close", done));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      await waitFor("forge to record", async () => (stderr.includes("Recording ") ? true : null), 30_000);
      await typeSwitches();
      await sleep(1_000);
      child.kill("SIGINT");
      expect(await closed, stderr).toBe(0);

      const home = env.HOME ?? "";
      const [id] = await readdir(join(home, "recordings"));
      const events = parseJsonl(await readFile(join(home, "recordings", id ?? "", "input_log.jsonl"), "utf8"));
      const typed = events.filter((e) => e.event === "keydown").map((e) => String(e.data.actual_char ?? ""));
      const markerChars = new Set(MARKERS.join(""));
      const leaked = typed.filter((c) => markerChars.has(c));
      const masked = typed.filter((c) => c === "*").length;
      console.log(`switches ${SWITCHES}: ${leaked.length} marker keys leaked, ${masked} masked presses`);
      expect(leaked).toEqual([]);
      expect(masked).toBeGreaterThanOrEqual(1);
      const text = typed.filter((c) => c.length === 1 && c !== "*").join("");
      for (const word of NORMAL_WORDS) expect(text).toContain(word);
    }, 120_000);
  },
);
