import { execFileSync } from "node:child_process";
import { readdir } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assembleVideo } from "../../../recorder/capture/assemble-video.js";
import { probeVideo } from "../../../recorder/tools/ffmpeg.js";

function segment(path: string, seconds: number) {
  execFileSync("ffmpeg", [
    ...["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc=size=160x120:rate=15:duration=${seconds}`],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path],
  ]);
  return path;
}

const work = (dir: string) => ({
  listPath: join(dir, "list.txt"),
  rawPath: join(dir, "raw.mp4"),
  filterPath: join(dir, "redact.txt"),
});

describe("joining the segments of a paused recording", () => {
  it("GIVEN ffmpeg ran 1 s past a pause request THEN that tail is cut, the pause starts at the request and the video excludes it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "forge-segments-"));
    const first = { path: segment(join(dir, "s0.mp4"), 2), startedAtMs: 10_000, endRequestedAtMs: 11_000 };
    const second = { path: segment(join(dir, "s1.mp4"), 2), startedAtMs: 15_000, endRequestedAtMs: 17_000 };

    const { pauses, videoStartMs } = await assembleVideo([first, second], join(dir, "out.mp4"), work(dir));

    expect(videoStartMs).toBe(10_000);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]?.start_ms).toBeGreaterThanOrEqual(11_000);
    expect(pauses[0]?.start_ms).toBeLessThanOrEqual(11_070); // at most one frame late
    expect(pauses[0]?.end_ms).toBe(15_000);
    const out = await probeVideo(join(dir, "out.mp4"));
    expect(out.durationMs).toBeGreaterThanOrEqual(2_950);
    expect(out.durationMs).toBeLessThanOrEqual(3_100);
  });
});

/** The frame at `seconds` as RGB bytes (160x120). */
function frameAt(path: string, seconds: number): Buffer {
  return execFileSync("ffmpeg", [
    ...["-v", "error", "-ss", String(seconds), "-i", path, "-frames:v", "1"],
    ...["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"],
  ]);
}

/** Mean brightness (0–255) of a rectangle of a 160-pixel-wide RGB frame. */
function brightness(frame: Buffer, rect: { x: number; y: number; width: number; height: number }): number {
  let sum = 0;
  for (let y = rect.y; y < rect.y + rect.height; y += 1)
    for (let x = rect.x; x < rect.x + rect.width; x += 1) {
      const at = (y * 160 + x) * 3;
      sum += ((frame[at] ?? 0) + (frame[at + 1] ?? 0) + (frame[at + 2] ?? 0)) / 3;
    }
  return sum / (rect.width * rect.height);
}

describe("blacking out what the video must not show", () => {
  const region = { x: 40, y: 30, width: 48, height: 40 };
  const inside = { x: 44, y: 34, width: 40, height: 32 };
  const outside = { x: 100, y: 80, width: 40, height: 30 };

  it("GIVEN a window redacted for 0.5 s and the whole screen from inside a pause THEN exactly those frames and regions are black, and the raw video is gone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "forge-redact-"));
    // Two segments with a pause between them (wall times): 10.0–12.0 s and 20.0–22.0 s.
    const first = { path: segment(join(dir, "s0.mp4"), 2), startedAtMs: 10_000, endRequestedAtMs: 12_000 };
    const second = { path: segment(join(dir, "s1.mp4"), 2), startedAtMs: 20_000, endRequestedAtMs: 22_000 };
    const redactions = [
      { fromMs: 11_000, toMs: 11_500, rect: region },
      // Starts inside the pause: blacked out from the first frame after it.
      { fromMs: 15_000, toMs: 21_000, rect: null },
    ];

    const { boxes } = await assembleVideo([first, second], join(dir, "out.mp4"), work(dir), redactions);

    expect(boxes).toBe(2);
    const out = join(dir, "out.mp4");
    const before = frameAt(out, 0.5);
    expect(brightness(before, inside)).toBeGreaterThan(40);
    const during = frameAt(out, 1.25);
    expect(brightness(during, inside)).toBeLessThan(12);
    expect(brightness(during, outside)).toBeGreaterThan(40);
    // 11.5 s + the margin has passed.
    expect(brightness(frameAt(out, 1.8), inside)).toBeGreaterThan(40);
    // The second segment (video 2.0–4.0 s) is black until wall 21.0 s (video 3.0 s) + the margin.
    const screen = { x: 0, y: 0, width: 160, height: 120 };
    expect(brightness(frameAt(out, 2.1), screen)).toBeLessThan(12);
    expect(brightness(frameAt(out, 2.9), screen)).toBeLessThan(12);
    expect(brightness(frameAt(out, 3.5), screen)).toBeGreaterThan(40);
    expect((await readdir(dir)).sort()).toEqual(["out.mp4"]);
  });

  it("GIVEN a redaction outside the video THEN no box is drawn and nothing is left behind", async () => {
    const dir = await mkdtemp(join(tmpdir(), "forge-redact-"));
    const only = { path: segment(join(dir, "s0.mp4"), 1), startedAtMs: 10_000 };
    const { boxes } = await assembleVideo([only], join(dir, "out.mp4"), work(dir), [
      { fromMs: 50_000, toMs: 60_000, rect: region },
    ]);
    expect(boxes).toBe(0);
    expect(brightness(frameAt(join(dir, "out.mp4"), 0.5), inside)).toBeGreaterThan(40);
    expect((await readdir(dir)).sort()).toEqual(["out.mp4"]);
  });
});
