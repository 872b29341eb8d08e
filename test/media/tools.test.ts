// The video tools check a worker runs at start, in /healthz and before grading: real binaries,
// an empty folder standing for a machine without ffmpeg, and scripts that misbehave.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cachedToolCheck, checkTools } from "../../media/index.js";

const work = mkdtempSync(join(tmpdir(), "forge-tools-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder standing for a PATH: empty, or with the given tools in it. */
function bin(name: string, tools: Record<string, string> = {}) {
  const made = mkdtempSync(join(work, `${name}-`));
  for (const [tool, script] of Object.entries(tools)) {
    writeFileSync(join(made, tool), `#!/bin/sh\n${script}\n`);
    chmodSync(join(made, tool), 0o755);
  }
  return { ffmpegPath: join(made, "ffmpeg"), ffprobePath: join(made, "ffprobe") };
}

/** Where the machine's own tool is (on the PATH). */
const installed = (tool: string) => execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim();

describe("checkTools", () => {
  it("GIVEN ffmpeg and ffprobe installed THEN it is ok and reports their versions", async () => {
    const report = await checkTools();
    expect(report).toMatchObject({ ok: true, missing: [], problems: {} });
    expect(report.versions.ffmpeg).toMatch(/^ffmpeg version \S+/);
    expect(report.versions.ffprobe).toMatch(/^ffprobe version \S+/);
  });

  it("GIVEN a machine without them THEN both are missing, each with why", async () => {
    const report = await checkTools(bin("empty"));
    expect(report).toMatchObject({ ok: false, missing: ["ffmpeg", "ffprobe"], versions: {} });
    expect(report.problems.ffmpeg).toMatch(/FFMPEG_MISSING: .*ffmpeg is not installed or not on the PATH/);
  });

  it("GIVEN a tool that fails or hangs on -version THEN it counts as missing, the other as present", async () => {
    const failing = bin("failing", { ffmpeg: "exit 3", ffprobe: 'echo "ffprobe version 9.9"' });
    expect(await checkTools(failing)).toMatchObject({
      ok: false,
      missing: ["ffmpeg"],
      versions: { ffprobe: "ffprobe version 9.9" },
      problems: { ffmpeg: expect.stringContaining("exited with 3") },
    });
    const hanging = bin("hanging", { ffmpeg: "exec sleep 30", ffprobe: 'echo "ffprobe version 9.9"' });
    const report = await checkTools({ ...hanging, timeoutMs: 200 });
    expect(report.missing).toEqual(["ffmpeg"]);
    expect(report.problems.ffmpeg).toMatch(/FFMPEG_TIMEOUT/);
  });
});

describe("cachedToolCheck", () => {
  it("GIVEN ffmpeg installed after a failed check THEN the cached answer stands until the next check is due, then it is ok", async () => {
    const tools = bin("later");
    let now = 0;
    const check = cachedToolCheck({ ...tools, everyMs: 30_000, now: () => now });
    expect((await check.check()).missing).toEqual(["ffmpeg", "ffprobe"]);
    symlinkSync(installed("ffmpeg"), tools.ffmpegPath);
    symlinkSync(installed("ffprobe"), tools.ffprobePath);
    now = 29_000;
    expect((await check.check()).ok).toBe(false);
    now = 30_000;
    expect((await check.check()).ok).toBe(true);
  });

  it("GIVEN many callers at once THEN the tools run once; forget() runs them again at the next call", async () => {
    const count = join(work, "runs");
    const say = (tool: string) => `echo x >> ${count}; echo "${tool} version 1"`;
    const tools = bin("counted", { ffmpeg: say("ffmpeg"), ffprobe: say("ffprobe") });
    const check = cachedToolCheck({ ...tools, now: () => 0 });
    const reports = await Promise.all([check.check(), check.check(), check.check()]);
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(readFileSync(count, "utf8").trim().split("\n")).toHaveLength(2); // ffmpeg and ffprobe, once each
    check.forget();
    await check.check();
    expect(readFileSync(count, "utf8").trim().split("\n")).toHaveLength(4);
  });
});
