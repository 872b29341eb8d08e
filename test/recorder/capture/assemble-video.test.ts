import { execFileSync } from "node:child_process";
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

describe("joining the segments of a paused recording", () => {
  it("GIVEN ffmpeg ran 1 s past a pause request THEN that tail is cut, the pause starts at the request and the video excludes it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "forge-segments-"));
    const first = { path: segment(join(dir, "s0.mp4"), 2), startedAtMs: 10_000, endRequestedAtMs: 11_000 };
    const second = { path: segment(join(dir, "s1.mp4"), 2), startedAtMs: 15_000, endRequestedAtMs: 17_000 };

    const { pauses, videoStartMs } = await assembleVideo([first, second], join(dir, "out.mp4"), join(dir, "list.txt"));

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
