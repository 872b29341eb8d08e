import { describe, expect, it } from "vitest";
import type { Action, ActionKind } from "../../../core/recordings/action.js";
import {
  actionFingerprint,
  fingerprintSimilarity,
  hammingDistance64,
  keyframeSimilarity,
} from "../../../core/recordings/fingerprint.js";

const FRAME = { width: 1280, height: 720 };

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** A plausible demo: mostly clicks, some typing, scrolls and hotkeys, 0.3–3 s apart. */
function recording(
  seed: number,
  length = 60,
  mix: readonly ActionKind[] = ["click", "click", "click", "type", "scroll", "hotkey", "double_click", "drag"],
): Action[] {
  const rnd = prng(seed);
  let t = 0;
  return Array.from({ length }, () => {
    t += 300 + Math.round(rnd() * 2700);
    const kind = mix[Math.floor(rnd() * mix.length)]!;
    const at = { kind, atMs: t, frameMs: t, x: Math.floor(rnd() * 1280), y: Math.floor(rnd() * 720) };
    if (kind === "type") return { ...at, text: `word ${Math.floor(rnd() * 100)}` };
    if (kind === "scroll") return { ...at, delta: rnd() < 0.5 ? -3 : 3 };
    if (kind === "hotkey") return { kind, atMs: t, frameMs: t, keys: ["Control", rnd() < 0.5 ? "c" : "v"] };
    return at;
  });
}

/** The same demo replayed with ±3 px and ±80 ms of jitter. */
function jittered(actions: readonly Action[], seed: number): Action[] {
  const rnd = prng(seed);
  const j = (max: number) => Math.round((rnd() * 2 - 1) * max);
  const clampTo = (v: number, size: number) => Math.min(size - 1, Math.max(0, v));
  return actions
    .map((a) => ({
      ...a,
      atMs: a.atMs + j(80),
      ...(a.x !== undefined && a.y !== undefined ? { x: clampTo(a.x + j(3), 1280), y: clampTo(a.y + j(3), 720) } : {}),
    }))
    .sort((a, b) => a.atMs - b.atMs);
}

const similarity = (a: readonly Action[], b: readonly Action[]) =>
  fingerprintSimilarity(actionFingerprint(a, FRAME), actionFingerprint(b, FRAME));

describe("action-sequence fingerprints", () => {
  it("GIVEN the same actions THEN similarity 1 and a 64-value 32-bit signature", () => {
    const signature = actionFingerprint(recording(1), FRAME);
    expect(signature).toHaveLength(64);
    expect(signature.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)).toBe(true);
    expect(similarity(recording(1), recording(1))).toBe(1);
  });

  it("GIVEN 60 demos replayed with ±3 px and ±80 ms jitter THEN the median copy scores ≥ 0.95, ≥ 80% score ≥ 0.9, none < 0.75", () => {
    const scores = Array.from({ length: 60 }, (_, i) =>
      similarity(recording(100 + i), jittered(recording(100 + i), i)),
    );
    scores.sort((a, b) => a - b);
    expect(scores[30]).toBeGreaterThanOrEqual(0.95);
    // Measured: 87% of these 60 (91.5% of 200) ≥ 0.9, minimum 0.81; MinHash over 64 values is itself ±0.03.
    expect(scores.filter((s) => s >= 0.9).length).toBeGreaterThanOrEqual(48);
    expect(scores[0]).toBeGreaterThanOrEqual(0.75);
  });

  it("GIVEN jitter that moves no action across a grid cell THEN the copy scores 1", () => {
    const base = recording(7).map((a) =>
      a.x === undefined ? a : { ...a, x: 160 + (a.x % 4) * 320, y: 90 + (a.y! % 4) * 180 },
    );
    expect(similarity(base, jittered(base, 7))).toBe(1);
  });

  it("GIVEN demos of different tasks THEN every pair scores below 0.5, click-only ones included", () => {
    for (let i = 0; i < 30; i++) {
      expect(similarity(recording(200 + i), recording(300 + i))).toBeLessThan(0.5);
      expect(similarity(recording(400 + i, 60, ["click"]), recording(500 + i, 60, ["click"]))).toBeLessThan(0.5);
    }
  });

  it("GIVEN the same clicks with different typed text THEN they are told apart", () => {
    const a = recording(9, 40, ["type"]);
    const b = a.map((x) => ({ ...x, text: `${x.text} more` }));
    expect(similarity(a, b)).toBeLessThan(0.2);
  });

  it("GIVEN an empty sequence THEN an empty signature that matches nothing", () => {
    expect(actionFingerprint([], FRAME)).toEqual([]);
    expect(fingerprintSimilarity([], [])).toBe(0);
  });
});

describe("keyframe perceptual hashes", () => {
  it.each([
    [0n, 0n, 0],
    [0n, 0xffffffffffffffffn, 64],
    [0b1011n, 0b0001n, 2],
    [1n << 63n, 0n, 1],
  ])("hamming(%s, %s) = %i", (a, b, bits) => {
    expect(hammingDistance64(a, b)).toBe(bits);
  });

  it("GIVEN A's hashes within 10 bits, at 11 bits, and far from B THEN 1/3 of A matches", () => {
    const ten = (1n << 10n) - 1n;
    const eleven = (1n << 11n) - 1n;
    const a = [ten, eleven << 20n, 0xffffffff00000000n];
    expect(keyframeSimilarity(a, [0n])).toBeCloseTo(1 / 3);
    expect(keyframeSimilarity([], [0n])).toBe(0);
    expect(keyframeSimilarity([0n, ten], [0n])).toBe(1);
  });
});
