import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { trim } from "../../../recorder/commands/trim.js";
import { parseJsonl } from "../../../recorder/recording/events.js";
import { hashFiles } from "../../../recorder/recording/content-hash.js";
import { probeVideo } from "../../../recorder/tools/ffmpeg.js";
import { buildRecording, eventAt, tempHome, testContext, VIDEO_START } from "../recording-builder.js";

describe("forge trim", () => {
  it("GIVEN an 8 s recording WHEN 00:02-00:04 is cut THEN the video lasts 6 s, events inside are gone and later ones shift 2 s", async () => {
    const home = await tempHome();
    const { id, paths } = await buildRecording(home, {
      seconds: 8,
      events: [
        eventAt(1_000, "mousedown", { x: 10, y: 10, button: 1 }),
        eventAt(3_000, "keydown", { key: "a", actual_char: "a" }),
        eventAt(5_000, "mousedown", { x: 20, y: 20, button: 1 }),
        eventAt(7_500, "keydown", { key: "b", actual_char: "b" }),
      ],
    });
    await writeFile(paths.sft, "{}");
    const { ctx, io } = testContext(home);

    await trim({ command: "trim", id, cuts: [{ startMs: 2_000, endMs: 4_000 }] }, ctx);

    const video = await probeVideo(paths.video);
    expect(video.durationMs).toBeGreaterThanOrEqual(5_900);
    expect(video.durationMs).toBeLessThanOrEqual(6_100);
    const events = parseJsonl(await readFile(paths.events, "utf8"));
    expect(events.map((e) => [e.event, e.time - VIDEO_START])).toEqual([
      ["mousedown", 1_000],
      ["mousedown", 3_000],
      ["keydown", 5_500],
    ]);
    const meta = JSON.parse(await readFile(paths.meta, "utf8")) as { duration: number; content_hash: string };
    expect(meta.duration).toBeCloseTo(video.durationMs / 1_000, 3);
    expect(meta.content_hash).toBe(await hashFiles([paths.video, paths.events]));
    await expect(readFile(paths.sft)).rejects.toThrow(); // steps of the old video are stale
    expect(io.lines.join("\n")).toContain("1 events removed");
  });

  it("GIVEN cuts that cover the whole video THEN it refuses and leaves the recording alone", async () => {
    const home = await tempHome();
    const { id, paths } = await buildRecording(home, { seconds: 2, events: [] });
    const before = await hashFiles([paths.video]);
    const { ctx } = testContext(home);
    await expect(trim({ command: "trim", id, cuts: [{ startMs: 0, endMs: 5_000 }] }, ctx)).rejects.toMatchObject({
      kind: "user",
      message: "the cuts would remove the whole video",
    });
    expect(await hashFiles([paths.video])).toBe(before);
  });
});
