import { describe, expect, it } from "vitest";
import { dHash, hammingDistance } from "../../media/index.js";

const image = (pixel: (row: number, col: number) => number) =>
  Uint8Array.from({ length: 72 }, (_, i) => pixel(Math.floor(i / 9), i % 9));

describe("dHash", () => {
  it("GIVEN brightness falling left to right WHEN hashed THEN every bit is set", () => {
    expect(dHash(image((_, col) => 200 - col * 10))).toBe(0xffff_ffff_ffff_ffffn);
  });

  it("GIVEN a flat image WHEN hashed THEN no bit is set", () => {
    expect(dHash(image(() => 90))).toBe(0n);
  });

  it("GIVEN only the first row falling WHEN hashed THEN only the top byte is set (row-major, first pixel highest)", () => {
    expect(dHash(image((row, col) => (row === 0 ? 200 - col : 0)))).toBe(0xff00_0000_0000_0000n);
  });

  it("GIVEN the wrong number of pixels WHEN hashed THEN it refuses", () => {
    expect(() => dHash(new Uint8Array(64))).toThrow(RangeError);
  });
});

describe("hammingDistance", () => {
  it("GIVEN hashes differing in three bits WHEN compared THEN the distance is 3, both ways", () => {
    expect(hammingDistance(0b1011n, 0b0001n | (1n << 63n))).toBe(3);
    expect(hammingDistance(0b0001n | (1n << 63n), 0b1011n)).toBe(3);
  });

  it("GIVEN a hash and its complement WHEN compared THEN all 64 bits differ", () => {
    expect(hammingDistance(0x0123_4567_89ab_cdefn, ~0x0123_4567_89ab_cdefn)).toBe(64);
  });
});
