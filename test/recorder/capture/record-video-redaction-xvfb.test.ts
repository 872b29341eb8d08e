import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathsOf } from "../../../recorder/home/recording-files.js";
import { parseJsonl } from "../../../recorder/recording/events.js";
import { zipRecording } from "../../../recorder/upload/zip-recording.js";
import { has, startOpenbox, startXvfb, waitFor } from "../../support/xvfb.js";

// Issue 13, "the video too": under Xvfb with a window manager, a blocked app stays visible
// beside the editor the whole time (and moves), is switched to and typed into at once 20
// times, and a KeePassXC window and a passphrase prompt are switched to and typed into. Each
// window draws its own colour; no frame of the video in the zip that would be uploaded may
// show the blocked app's colour, nor a sensitive window's colour (those are visible only while
// focused: the editor covers them otherwise), and no key typed there is in the zip's log.

const exec = promisify(execFile);
const execBuffer = promisify(execFile);
const SWITCHES = 20;
const MARKERS = ["qzx7", "9kjw", "vy3q", "x8zk", "j2wv"];
const NORMAL_WORDS = ["hello", "forge", "data", "notes", "shop"];
const COLOURS = {
  editor: [0x80, 0xff, 0x80],
  signal: [0xff, 0x00, 0xff],
  vault: [0x00, 0xff, 0xff],
  passphrase: [0xff, 0xff, 0x00],
} as const;
const hex = (c: readonly number[]) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
const missing = ["Xvfb", "openbox", "xdotool", "xprop", "xmessage", "ffmpeg"].filter((tool) => !has(tool));

/** The members of a zip file, by name. */
function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((done, fail) => {
    const members = new Map<string, Buffer>();
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return fail(error);
      zip.on("entry", (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return fail(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            members.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on("end", () => done(members));
      zip.readEntry();
    });
  });
}

const W = 320;
const H = 180;

/** For each frame (downscaled to 320x180), how many pixels are close to each colour. */
async function colourCounts(video: string): Promise<Array<Record<keyof typeof COLOURS, number>>> {
  const { stdout } = await execBuffer(
    "ffmpeg",
    ["-v", "error", "-i", video, "-vf", `scale=${W}:${H}`, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"],
    { encoding: "buffer", maxBuffer: 1 << 30 },
  );
  const frames: Array<Record<keyof typeof COLOURS, number>> = [];
  const size = W * H * 3;
  for (let at = 0; at + size <= stdout.length; at += size) {
    const counts = { editor: 0, signal: 0, vault: 0, passphrase: 0 };
    for (let p = at; p < at + size; p += 3) {
      const [r, g, b] = [stdout[p] ?? 0, stdout[p + 1] ?? 0, stdout[p + 2] ?? 0];
      for (const name of Object.keys(COLOURS) as Array<keyof typeof COLOURS>) {
        const c = COLOURS[name];
        if (Math.abs(r - c[0]) + Math.abs(g - c[1]) + Math.abs(b - c[2]) < 90) counts[name] += 1;
      }
    }
    frames.push(counts);
  }
  return frames;
}

describe.skipIf(missing.length > 0)(
  `forge record's video with a blocked app and sensitive windows under Xvfb and openbox${missing.length ? ` (skipped: ${missing.join(", ")} not installed)` : ""}`,
  () => {
    let xvfb: Awaited<ReturnType<typeof startXvfb>>;
    const children: ChildProcess[] = [];
    let env: NodeJS.ProcessEnv = {};
    const x = (...args: string[]) => exec("xdotool", args, { env });

    beforeAll(async () => {
      xvfb = await startXvfb();
      const home = await mkdtemp(join(tmpdir(), "forge-redact-"));
      env = { PATH: process.env.PATH, HOME: home, FORGE_HOME: home, DISPLAY: xvfb.display };
      children.push(await startOpenbox(env));
      // The sensitive windows first, so the editor (opened last, larger) covers them.
      const windows: Array<[title: string, colour: readonly number[], geometry: string]> = [
        ["Unlock Database - KeePassXC", COLOURS.vault, "300x200+100+120"],
        ["Enter passphrase for key", COLOURS.passphrase, "300x200+450+160"],
        ["Signal - chat", COLOURS.signal, "260x180+960+80"],
        ["notes - editor", COLOURS.editor, "880x600+0+0"],
      ];
      for (const [title, colour, geometry] of windows) {
        children.push(
          spawn("xmessage", ["-title", title, "-bg", hex(colour), "-geometry", geometry, title], {
            env,
            stdio: "ignore",
          }),
        );
        await waitFor(title, async () => ((await x("search", "--name", `^${title}$`)).stdout.trim() ? true : null));
      }
    }, 30_000);
    afterAll(() => {
      for (const child of children) child.kill();
      xvfb?.stop();
    });

    it("GIVEN 20 switches to a visible, moving blocked app and to password windows, typed into at once THEN no frame of the zipped video shows them and no key typed there is in the zip", async () => {
      const windowId = (name: string) =>
        waitFor(name, async () => (await x("search", "--name", name)).stdout.trim().split("\n")[0] || null);
      const editor = await windowId("^notes - editor$");
      const targets = [
        await windowId("^Signal - chat$"),
        await windowId("^Unlock Database - KeePassXC$"),
        await windowId("^Enter passphrase for key$"),
      ];
      const signal = targets[0] ?? "";
      await x("windowactivate", "--sync", editor);

      const child = spawn(
        process.execPath,
        [
          resolve("recorder/bin/forge.mjs"),
          ...["record", "--factory", "f1", "--task", "t1", "--duration", "5m", "--block", "signal"],
        ],
        { env, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stderr = "";
      const closed = new Promise<number | null>((done) => child.on("close", done));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      await waitFor("forge to record", async () => (stderr.includes("Recording ") ? true : null), 30_000);
      for (let i = 0; i < SWITCHES; i += 1) {
        await x("windowactivate", "--sync", editor);
        await sleep(300);
        await x("type", `${NORMAL_WORDS[i % NORMAL_WORDS.length]} `);
        // The blocked app moves about while only visible.
        if (i % 4 === 1) await x("windowmove", signal, String(900 + ((i * 53) % 120)), String(80 + ((i * 97) % 400)));
        await sleep(300);
        // No --sync: type as soon as the window manager was asked, like a fast farmer.
        await x("windowactivate", targets[i % targets.length] ?? "");
        await sleep((i * 37) % 151);
        await x("type", MARKERS[i % MARKERS.length] ?? "");
        await sleep(300);
      }
      await x("windowactivate", "--sync", editor);
      await sleep(800);
      child.kill("SIGINT");
      expect(await closed, stderr).toBe(0);
      expect(stderr).toMatch(/Blacked out \d+ stretch(es)? of the video/);

      const home = env.HOME ?? "";
      const [id] = await readdir(join(home, "recordings"));
      const paths = pathsOf(join(home, "recordings", id ?? ""));
      await zipRecording(paths, new Date(0));
      const zip = await unzip(paths.zip);
      const out = await mkdtemp(join(tmpdir(), "forge-redact-zip-"));
      const video = join(out, "recording.mp4");
      await writeFile(video, zip.get("recording.mp4") ?? Buffer.alloc(0));

      const events = parseJsonl(zip.get("input_log.jsonl")?.toString("utf8") ?? "");
      const typed = events.filter((e) => e.event === "keydown").map((e) => String(e.data.actual_char ?? ""));
      const markerChars = new Set(MARKERS.join(""));
      expect(typed.filter((c) => markerChars.has(c))).toEqual([]);
      const text = typed.filter((c) => c.length === 1 && c !== "*").join("");
      for (const word of NORMAL_WORDS) expect(text).toContain(word);

      const frames = await colourCounts(video);
      const showing = (name: keyof typeof COLOURS) => frames.filter((f) => f[name] > 20).length;
      console.log(
        `${frames.length} frames: editor in ${showing("editor")}, blocked app in ${showing("signal")}, ` +
          `KeePassXC in ${showing("vault")}, passphrase prompt in ${showing("passphrase")}`,
      );
      expect(frames.length).toBeGreaterThan(100);
      // The editor is what was recorded (the rest: pauses for the blocked app, black while a password
      // window has the focus, from NOTIFY_MARGIN_MS before the switch was noticed).
      expect(showing("editor")).toBeGreaterThan(frames.length / 8);
      expect(showing("signal")).toBe(0);
      expect(showing("vault")).toBe(0);
      expect(showing("passphrase")).toBe(0);
      // The raw capture is gone from the private folder.
      expect((await readdir(paths.dir)).filter((f) => /segment|raw|redact/.test(f))).toEqual([]);
    }, 180_000);
  },
);
