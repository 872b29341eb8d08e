import { describe, expect, it } from "vitest";
import { frameIndexesAt } from "../../media/frame-times.js";

describe("frameIndexesAt", () => {
  const at15fps = Array.from({ length: 30 }, (_, n) => (n * 1000) / 15);

  it("GIVEN keyframe times rounded to the microsecond WHEN mapped THEN they land on their own frame, not the one before", () => {
    expect(frameIndexesAt([66.667, 133.333, 1933.333], at15fps)).toEqual([1, 2, 29]);
  });

  it("GIVEN times between frames WHEN mapped THEN each gets the last frame shown at or before it", () => {
    expect(frameIndexesAt([0, 66, 67.5, 132.5, 1_000], at15fps)).toEqual([0, 0, 1, 1, 15]);
  });

  it("GIVEN a variable frame rate WHEN mapped THEN the real timestamps decide, not the index times the rate", () => {
    expect(frameIndexesAt([450, 900, 1200], [0, 100, 800, 1100])).toEqual([1, 2, 3]);
  });
});
