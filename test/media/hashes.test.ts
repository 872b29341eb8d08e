import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hammingDistance, perceptualHashes } from "../../media/index.js";
import { reencoded, tempDir, threeScenesVideo } from "./fixtures.js";

const dir = tempDir();
let scenes: string;
let lowQuality: string;
afterAll(() => dir.remove());
beforeAll(() => {
  scenes = threeScenesVideo(dir.path);
  lowQuality = reencoded(scenes, dir.path);
});

// One time in each scene: a test pattern, colour bars, a mandelbrot.
const TIMES = [500, 1500, 2500];

async function hashesOf(path: string, times = TIMES): Promise<bigint[]> {
  const result = await perceptualHashes(path, times);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("perceptualHashes", () => {
  it("GIVEN the same frame asked twice WHEN hashed THEN both hashes are identical", async () => {
    const [a, b] = await hashesOf(scenes, [1500, 1500]);
    expect(hammingDistance(a!, b!)).toBe(0);
  });

  it("GIVEN frames of different scenes WHEN hashed THEN they are far apart (over 15 of 64 bits)", async () => {
    const [pattern, bars, fractal] = await hashesOf(scenes);
    expect(hammingDistance(pattern!, bars!)).toBeGreaterThan(15);
    expect(hammingDistance(bars!, fractal!)).toBeGreaterThan(15);
    expect(hammingDistance(pattern!, fractal!)).toBeGreaterThan(15);
  });

  it("GIVEN the video re-encoded at twice the size and a low quality WHEN hashed THEN each frame stays within 4 bits", async () => {
    const original = await hashesOf(scenes);
    const copy = await hashesOf(lowQuality);
    original.forEach((hash, i) => expect(hammingDistance(hash, copy[i]!)).toBeLessThanOrEqual(4));
  });

  it("GIVEN no requested times WHEN hashed THEN the result is empty after a full decode check", async () => {
    expect(await perceptualHashes(scenes, [])).toEqual({ ok: true, value: [] });
  });
});
