import { execFile, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forge, has } from "../../support/xvfb.js";
import { brightCorner, childPid, cursorAt, readGray, startBlackXvfb } from "./cursor-frames.js";

// Issue 13, "Sync": for 50 scripted clicks, the keyframe `forge process` picks for each click
// (the frame shown at or before it) shows the cursor within 3 px of the click point. The
// cursor is moved 80-400 ms before each click (more than one frame at the default 15 fps), so
// a video that runs behind the events shows it at its previous spot.
//
// A busy machine is part of the script: the capture process is stopped for half a second
// before the clicks (as when it is not scheduled under load). x11grab then grabs the missed
// frames back to back, and a constant-frame-rate output that spreads that burst over the
// following frame slots stays 1-2 frames behind for the rest of the recording.

const exec = promisify(execFile);
const WIDTH = 1280;
const HEIGHT = 720;
const CLICKS = 50;
const TOLERANCE_PX = 3;
/** Where the cursor rests before the clicks: the reference for the cursor's shape. */
const REST = { x: 640, y: 360 };
const missing = ["Xvfb", "openbox", "xdotool", "xprop", "ffmpeg", "ffprobe"].filter((tool) => !has(tool));

/** Varied click points, each at least 60 px from the previous one, with varied delays. */
function script(): Array<{ x: number; y: number; moveToClickMs: number; afterMs: number }> {
  let seed = 13;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const clicks: Array<{ x: number; y: number; moveToClickMs: number; afterMs: number }> = [];
  let last = REST;
  while (clicks.length < CLICKS) {
    const point = { x: 30 + Math.floor(next() * (WIDTH - 80)), y: 30 + Math.floor(next() * (HEIGHT - 80)) };
    if (Math.hypot(point.x - last.x, point.y - last.y) < 60) continue;
    clicks.push({ ...point, moveToClickMs: 80 + Math.floor(next() * 321), afterMs: 100 + Math.floor(next() * 150) });
    last = point;
  }
  return clicks;
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe.skipIf(missing.length > 0)(
  `forge record then forge process: click keyframes under Xvfb and openbox${missing.length ? ` (skipped: ${missing.join(", ")} not installed)` : ""}`,
  () => {
    let xvfb: Awaited<ReturnType<typeof startBlackXvfb>>;
    let wm: ReturnType<typeof spawn> | undefined;
    let recorder: ReturnType<typeof spawn> | undefined;
    let stopped: number | null = null;
    let env: NodeJS.ProcessEnv = {};
    const xdotool = (...args: string[]) => exec("xdotool", args, { env });

    beforeAll(async () => {
      xvfb = await startBlackXvfb(WIDTH, HEIGHT);
      const home = await mkdtemp(join(tmpdir(), "forge-sync-"));
      env = { PATH: process.env.PATH, HOME: home, FORGE_HOME: home, DISPLAY: xvfb.display };
      wm = spawn("openbox", [], { env, stdio: "ignore" });
      await waitFor("openbox to manage the screen", async () =>
        (await exec("xprop", ["-root", "_NET_SUPPORTING_WM_CHECK"], { env })).stdout.includes("window id"),
      );
    }, 30_000);
    afterAll(() => {
      if (stopped !== null) process.kill(stopped, "SIGCONT");
      if (recorder?.exitCode === null) recorder.kill("SIGINT");
      wm?.kill();
      xvfb?.stop();
    });

    it("GIVEN 50 clicks 80-400 ms after moving the cursor, on a busy machine THEN each click's keyframe shows the cursor within 3 px of the click point", async () => {
      const clicks = script();
      await xdotool("mousemove", String(REST.x), String(REST.y));
      const child = (recorder = spawn(
        process.execPath,
        [resolve("recorder/bin/forge.mjs"), "record", "--factory", "f1", "--task", "t1", "--duration", "5m"],
        { env, stdio: ["ignore", "ignore", "pipe"] },
      ));
      let stderr = "";
      const closed = new Promise<number | null>((done) => child.on("close", done));
      child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      await waitFor("forge to record", async () => stderr.includes("Recording "), 30_000);

      const ffmpeg = await childPid(child.pid ?? -1, "ffmpeg");
      expect(ffmpeg, "forge's ffmpeg process").not.toBeNull();
      await sleep(300);
      process.kill((stopped = ffmpeg!), "SIGSTOP");
      await sleep(500);
      process.kill(ffmpeg!, "SIGCONT");
      stopped = null;
      await sleep(700);

      for (const click of clicks) {
        await xdotool("mousemove", String(click.x), String(click.y));
        await sleep(click.moveToClickMs);
        await xdotool("click", "1");
        await sleep(click.afterMs);
      }
      await sleep(500);
      child.kill("SIGINT");
      expect(await closed, stderr).toBe(0);

      const home = env.HOME ?? "";
      const [id = ""] = await readdir(join(home, "recordings"));
      const processed = await forge(["process", id], env);
      expect(processed.code, processed.stderr).toBe(0);
      const dir = join(home, "recordings", id);
      const sft = JSON.parse(await readFile(join(dir, "sft.json"), "utf8")) as {
        steps: Array<{ kind: string; x: number; y: number; atMs: number; frameMs: number; keyframe: string }>;
      };
      const steps = sft.steps.filter((s) => s.kind === "click").sort((a, b) => a.atMs - b.atMs);
      expect(steps.map((s) => [s.x, s.y])).toEqual(clicks.map((c) => [c.x, c.y]));

      // The cursor rested at REST since before the recording began: the first frame shows its shape.
      const first = brightCorner(await readGray(join(dir, "recording.mp4"), WIDTH, HEIGHT));
      expect(first, "the cursor in the first frame").not.toBeNull();
      const reference = { corner: first!, hotspot: REST };
      const found: Array<{ x: number; y: number } | null> = [];
      for (const step of steps)
        found.push(cursorAt(await readGray(join(dir, step.keyframe), WIDTH, HEIGHT), reference));
      const off = clicks
        .map((c, i) => ({
          click: i,
          at: [c.x, c.y],
          previous: i > 0 ? [clicks[i - 1]!.x, clicks[i - 1]!.y] : [REST.x, REST.y],
          moveToClickMs: c.moveToClickMs,
          keyframeMs: steps[i]?.frameMs,
          cursor: found[i],
        }))
        .filter(({ at, cursor }) => !cursor || Math.hypot(cursor.x - at[0]!, cursor.y - at[1]!) > TOLERANCE_PX);
      console.log(`${CLICKS} clicks: ${off.length} keyframes show the cursor more than ${TOLERANCE_PX} px away`);
      expect(off).toEqual([]);
    }, 90_000);
  },
);
