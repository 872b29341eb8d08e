// What a worker says about its video tools: the /healthz `media` check and the start-up line.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { mediaTools, qualityAgentLine } from "../../app/media.js";

const empty = mkdtempSync(join(tmpdir(), "forge-no-tools-"));
afterAll(() => rmSync(empty, { recursive: true, force: true }));
const missing = { ffmpegPath: join(empty, "ffmpeg"), ffprobePath: join(empty, "ffprobe") };
const grading = { concurrency: 2, judge: "disabled, set LLM_BASE_URL and LLM_MODEL" };

it("GIVEN ffmpeg and ffprobe installed THEN the media check passes and the start line names the ffmpeg version", async () => {
  const tools = mediaTools();
  await expect(tools.health()).resolves.toBeUndefined();
  expect(qualityAgentLine(await tools.check(), grading)).toMatch(
    /^ {2}Quality Agent: grading 2 recording\(s\) at a time with ffmpeg \d\S*; LLM judge disabled, set LLM_BASE_URL and LLM_MODEL$/,
  );
});

it("GIVEN neither installed THEN the media check fails naming both and what to install, and the start line says recordings wait", async () => {
  const tools = mediaTools(missing);
  await expect(tools.health()).rejects.toThrow(
    "ffmpeg and ffprobe missing: install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg)",
  );
  expect(qualityAgentLine(await tools.check(), grading)).toBe(
    "  Quality Agent: ffmpeg and ffprobe missing: recordings wait ungraded; install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg)",
  );
});
