import { spawn } from "node:child_process";
import { lstat, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { forge, has, startXvfb } from "../../support/xvfb.js";

const baseEnv = (home: string): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: home, FORGE_HOME: home });

/** Starts `forge record`, waits until it records for a moment, then presses Ctrl-C twice. */
function recordThenCtrlCTwice(env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stderr: string }>((done) => {
    const child = spawn(
      process.execPath,
      [resolve("recorder/bin/forge.mjs"), "record", "--factory", "f1", "--task", "t1"],
      {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    let pressed = false;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (pressed || !stderr.includes("Recording ")) return;
      pressed = true;
      void (async () => {
        await sleep(1_500);
        child.kill("SIGINT");
        // The second Ctrl-C while the first one's clean stop (ffmpeg finishing its file) runs.
        await sleep(20);
        child.kill("SIGINT");
      })();
    });
    child.on("close", (code) => done({ code, stderr }));
  });
}

async function loose(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (path: string) => {
    const info = await lstat(path);
    const mode = info.mode & 0o777;
    if (info.isDirectory() ? mode !== 0o700 : mode !== 0o600) found.push(`${path} ${mode.toString(8)}`);
    if (info.isDirectory()) for (const child of await readdir(path)) await walk(join(path, child));
  };
  await walk(root);
  return found;
}

describe.skipIf(!has("Xvfb") || !has("ffmpeg"))("forge record leftovers and permissions under Xvfb", () => {
  let xvfb: Awaited<ReturnType<typeof startXvfb>>;
  let previousUmask = 0;
  beforeAll(async () => {
    xvfb = await startXvfb();
  });
  afterAll(() => xvfb?.stop());
  beforeEach(() => {
    // forge inherits it: a permissive shell.
    previousUmask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(previousUmask);
  });

  it("GIVEN a double Ctrl-C during forge record THEN forge list shows the incomplete recording, everything is private, and forge delete removes it", async () => {
    const home = join(await mkdtemp(join(tmpdir(), "forge-leftover-")), "home");
    const env = { ...baseEnv(home), DISPLAY: xvfb.display };
    const recorded = await recordThenCtrlCTwice(env);
    expect(recorded.code).toBe(130);
    const [id = ""] = await readdir(join(home, "recordings"));
    expect(await readdir(join(home, "recordings", id))).toEqual(expect.arrayContaining(["input_log.jsonl"]));
    expect(await readdir(join(home, "recordings", id))).not.toContain("meta.json");
    expect(await loose(home)).toEqual([]);

    const listed = await forge(["list"], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`^${id} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +- +[\\d.]+ (B|KiB|MiB) +incomplete`, "m"),
    );

    const traversal = await forge(["delete", "../recordings", "--yes"], env);
    expect(traversal.code).toBe(1);
    expect(await readdir(join(home, "recordings"))).toEqual([id]);

    const deleted = await forge(["delete", id, "--yes"], env);
    expect(deleted.stderr).toBe("");
    expect(deleted.code).toBe(0);
    expect(await readdir(join(home, "recordings"))).toEqual([]);
  });

  it("GIVEN forge record in a new home under umask 022 THEN the home, the recording and all its files are private", async () => {
    const home = join(await mkdtemp(join(tmpdir(), "forge-private-")), "home");
    const env = { ...baseEnv(home), DISPLAY: xvfb.display };
    const result = await forge(["record", "--factory", "f1", "--task", "t1", "--duration", "2s"], env);
    expect(result.code).toBe(0);
    const [id = ""] = await readdir(join(home, "recordings"));
    expect(await readdir(join(home, "recordings", id))).toEqual(
      expect.arrayContaining(["meta.json", "recording.mp4", "input_log.jsonl"]),
    );
    expect(await loose(home)).toEqual([]);
  });
});
