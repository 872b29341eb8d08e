// The chart PNG writer: whatever rows repeat, a PNG decoder gets back exactly the pixels given.
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../../media/charts/png.js";

describe("encodePng", () => {
  it("GIVEN RGBA pixels with runs of equal rows and noisy rows WHEN encoded THEN they decode to the same pixels", () => {
    const [width, height] = [37, 23];
    const rgba = Buffer.alloc(width * height * 4);
    let seed = 1;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width * 4; x++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        // Rows 5-9 and 15-22 repeat their first row; the others are noise.
        const source = y >= 5 && y < 10 ? 5 : y >= 15 ? 15 : y;
        rgba[y * width * 4 + x] = source === y ? seed % 256 : rgba[source * width * 4 + x]!;
      }
    const decoded = PNG.sync.read(encodePng(rgba, width, height));
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Buffer.from(decoded.data).equals(rgba)).toBe(true);
  });

  it("GIVEN a large noisy picture encoded first WHEN a smaller one with repeated rows is encoded THEN nothing of the first shows", () => {
    // The rows are written into a buffer kept between pictures; a repeated row must be zeros there.
    const noisy = Buffer.alloc(64 * 48 * 4);
    for (let i = 0; i < noisy.length; i++) noisy[i] = (i * 7919) % 251;
    encodePng(noisy, 64, 48);
    const [width, height] = [20, 10];
    const flat = Buffer.alloc(width * height * 4);
    for (let i = 0; i < flat.length; i += 4) flat.set([30, 60, 90, 255], i);
    const decoded = PNG.sync.read(encodePng(flat, width, height));
    expect(Buffer.from(decoded.data).equals(flat)).toBe(true);
  });

  it("GIVEN a buffer of the wrong size WHEN encoded THEN it throws", () => {
    expect(() => encodePng(Buffer.alloc(10), 2, 2)).toThrow(/16|10 bytes/);
  });
});
