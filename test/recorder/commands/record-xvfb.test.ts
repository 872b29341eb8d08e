import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingMetaSchema } from "../../../core/recordings/meta.js";
import { hashFiles } from "../../../recorder/recording/content-hash.js";
import { parseJsonl } from "../../../recorder/recording/events.js";
import { probeVideo } from "../../../recorder/tools/ffmpeg.js";
import { forge, has, startXvfb } from "../../support/xvfb.js";

const hasXvfb = has("Xvfb");

const baseEnv = (home: string): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: home, FORGE_HOME: home });

describe("forge record without a display", () => {
  it("GIVEN DISPLAY is unset THEN it exits 2 with a clear message instead of crashing in uiohook", async () => {
    const home = await mkdtemp(join(tmpdir(), "forge-nodisplay-"));
    const result = await forge(["record", "--factory", "f1", "--task", "t1", "--duration", "2s"], baseEnv(home));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("forge: No display: DISPLAY is not set");
    expect(await readdir(home)).toEqual([]);
  });
});

describe.skipIf(!hasXvfb)("forge record under Xvfb", () => {
  let xvfb: Awaited<ReturnType<typeof startXvfb>>;
  let display = "";

  beforeAll(async () => {
    xvfb = await startXvfb();
    display = xvfb.display;
  });
  afterAll(() => {
    xvfb?.stop();
  });

  it("GIVEN xdotool clicks and types during a 4 s recording THEN the mp4 lasts ~4 s and the log holds the click and the keys", async () => {
    const home = await mkdtemp(join(tmpdir(), "forge-xvfb-"));
    const env = { ...baseEnv(home), DISPLAY: display };
    const result = await forge(["record", "--factory", "f1", "--task", "t1", "--duration", "4s"], env, () =>
      execFileSync("xdotool", ["mousemove", "100", "200", "click", "1", "type", "hello"], { env }),
    );
    expect(result.stderr).not.toContain("unexpected");
    expect(result.code).toBe(0);

    const [id] = await readdir(join(home, "recordings"));
    const dir = join(home, "recordings", id ?? "");
    const video = await probeVideo(join(dir, "recording.mp4"));
    expect(video).toMatchObject({ width: 1280, height: 720 });
    expect(video.durationMs).toBeGreaterThan(3_500);
    expect(video.durationMs).toBeLessThan(5_500);

    const events = parseJsonl(await readFile(join(dir, "input_log.jsonl"), "utf8"));
    expect(events).toContainEqual(expect.objectContaining({ event: "mousedown", data: { x: 100, y: 200, button: 1 } }));
    const typed = events.filter((e) => e.event === "keydown").map((e) => e.data.actual_char);
    expect(typed).toEqual(["h", "e", "l", "l", "o"]);

    const meta = recordingMetaSchema.parse(JSON.parse(await readFile(join(dir, "meta.json"), "utf8")));
    const click = events.find((e) => e.event === "mousedown");
    const clickVideoMs = (click?.time ?? 0) - (meta.sync?.video_start_ms ?? 0);
    expect(clickVideoMs).toBeGreaterThanOrEqual(0);
    expect(clickVideoMs).toBeLessThan(video.durationMs);
    expect(meta.content_hash).toBe(await hashFiles([join(dir, "recording.mp4"), join(dir, "input_log.jsonl")]));
    expect(meta.video).toMatchObject({ width: 1280, height: 720, fps: 15 });

    const replay = await forge(["replay", id ?? ""], env);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/click \(100, 200\)/);
    expect(replay.stdout).toContain('type "hello"');
  });

  it("GIVEN a display but no ffmpeg on PATH THEN it exits 2 saying ffmpeg is missing", async () => {
    const home = await mkdtemp(join(tmpdir(), "forge-noffmpeg-"));
    const bin = await mkdtemp(join(tmpdir(), "forge-path-"));
    await symlink("/usr/bin/xdpyinfo", join(bin, "xdpyinfo"));
    const result = await forge(["record", "--factory", "f1", "--task", "t1", "--duration", "1s"], {
      ...baseEnv(home),
      PATH: bin,
      DISPLAY: display,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("forge: ffmpeg is not installed");
  });
});
