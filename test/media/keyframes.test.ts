import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeVideo, extractKeyframes } from "../../media/index.js";
import { cutInHalf, movingVideo, pictureWidth, rampFrameOf, rampVideo, tempDir } from "./fixtures.js";

const dir = tempDir();
let ramp: string;
afterAll(() => dir.remove());
beforeAll(() => {
  ramp = rampVideo(dir.path);
});

const framesIn = (out: string) => readdirSync(out).filter((f) => f.endsWith(".jpg"));

describe("extractKeyframes", () => {
  it("GIVEN times around a frame boundary WHEN extracted THEN each JPEG is the last frame at or before its time", async () => {
    const out = tempDir();
    try {
      const times = [0, 1000, 1500, 1999, 2000, 2099.6, 3950];
      const result = await extractKeyframes(ramp, times, out.path);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.map((k) => k.timeMs)).toEqual(times);
      expect(result.value.map((k) => rampFrameOf(k.path))).toEqual([0, 10, 15, 19, 20, 21, 39]);
    } finally {
      out.remove();
    }
  });

  it("GIVEN times before the start and past the end WHEN extracted THEN they get the first and the last frame", async () => {
    const out = tempDir();
    try {
      const result = await extractKeyframes(ramp, [-40, 60_000], out.path);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.map((k) => rampFrameOf(k.path))).toEqual([0, 39]);
    } finally {
      out.remove();
    }
  });

  it("GIVEN 300 times, many on the same frames, and an odd directory name WHEN extracted THEN times on one frame share its file and each is right", async () => {
    const out = tempDir();
    try {
      const times = Array.from({ length: 300 }, (_, i) => (i * 4000) / 300);
      const odd = join(out.path, "100% sure, frames");
      mkdirSync(odd);
      const result = await extractKeyframes(ramp, times, odd);
      if (!result.ok) throw new Error(result.error.message);
      expect(framesIn(odd)).toHaveLength(40);
      expect(new Set(result.value.map((k) => k.path)).size).toBe(40);
      const byPath = new Map([...new Set(result.value.map((k) => k.path))].map((p) => [p, rampFrameOf(p)]));
      for (const k of result.value) expect(byPath.get(k.path)).toBe(Math.floor(k.timeMs / 100));
    } finally {
      out.remove();
    }
  });

  it("GIVEN more distinct frames than one pass takes WHEN extracted THEN several passes still put every frame right", async () => {
    const out = tempDir();
    try {
      const times = Array.from({ length: 40 }, (_, n) => n * 100 + 50);
      const result = await analyzeVideo(ramp, times, { outDir: out.path, framesPerPass: 7, hashes: false });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.frames.map((f) => rampFrameOf(f.path!))).toEqual(times.map((_, n) => n));
      expect(result.value.frames.map((f) => f.frameMs)).toEqual(times.map((_, n) => n * 100));
      expect(framesIn(out.path)).toHaveLength(40);
    } finally {
      out.remove();
    }
  });

  it("GIVEN a maximum width WHEN extracted THEN wider frames are scaled down to it", async () => {
    const out = tempDir();
    try {
      const result = await extractKeyframes(ramp, [500], out.path, { width: 160 });
      if (!result.ok) throw new Error(result.error.message);
      expect(pictureWidth(result.value[0]!.path)).toBe(160);
      const full = await extractKeyframes(ramp, [500], out.path);
      expect(full.ok && pictureWidth(full.value[0]!.path)).toBe(320);
    } finally {
      out.remove();
    }
  });

  it("GIVEN a cut-short video WHEN extracting THEN VIDEO_TRUNCATED is returned, not a partial set", async () => {
    const out = tempDir();
    try {
      const cut = cutInHalf(movingVideo(dir.path, "faststart.mp4", { faststart: true }), "cut.mp4");
      const result = await extractKeyframes(cut, [100, 4500], out.path);
      expect(result.ok ? null : result.error.code).toBe("VIDEO_TRUNCATED");
    } finally {
      out.remove();
    }
  });
});
