import type { Action } from "./action.js";

/** MinHash signature length: 64 values give a similarity estimate within about ±0.06. */
export const SIGNATURE_LENGTH = 64;
/** An action's own position snaps to a 4 × 4 grid (each cell 1/16 of the frame)... */
const GRID = 4;
/**
 * ...its neighbours' to a third of the width: enough to tell click-only sequences apart,
 * with only two boundaries for jitter to cross (frames are wider than tall, so columns are
 * the coarser cut).
 */
const NEIGHBOUR_COLUMNS = 3;
/** Keyframes whose 64-bit perceptual hashes differ in at most this many bits match. */
export const KEYFRAME_MATCH_BITS = 10;

const SEEDS = Array.from({ length: SIGNATURE_LENGTH }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9)));

/**
 * A MinHash signature (64 × 32-bit) of the action sequence, for near-duplicate detection
 * across accounts. Each action becomes a token (kind, grid cell, typed text, keys, scroll
 * direction, app) without its timing; each shingle is an action's token with its two
 * neighbours' (order). Only the middle action carries its fine cell, its neighbours only a
 * column third: each element depends on few cell boundaries, so ±3 px of jitter rarely
 * moves it (a full 3-token shingle on 4 × 4 cells fell below 0.9 for a quarter of jittered
 * 60-action copies, this layout for about 1 in 12). Repeated shingles are numbered, so the
 * sequence is a multiset. An empty sequence has an empty signature.
 */
export function actionFingerprint(actions: readonly Action[], frame: { width: number; height: number }): number[] {
  if (actions.length === 0) return [];
  const placed = actions.map((a) => token(a, frame, GRID, GRID));
  const tokens = actions.map((a) => token(a, frame, NEIGHBOUR_COLUMNS, 1));
  const seen = new Map<string, number>();
  const signature = new Array<number>(SIGNATURE_LENGTH).fill(0xffffffff);
  for (let i = 0; i < tokens.length; i++) {
    const shingle = [tokens[i - 1] ?? "^", placed[i], tokens[i + 1] ?? "$"].join("\u0001");
    const n = (seen.get(shingle) ?? 0) + 1;
    seen.set(shingle, n);
    const h = fnv1a32(`${shingle}#${n}`);
    for (let k = 0; k < SIGNATURE_LENGTH; k++) {
      const v = fmix32(h ^ SEEDS[k]!);
      if (v < signature[k]!) signature[k] = v;
    }
  }
  return signature;
}

/** Estimated Jaccard similarity of two action fingerprints, 0..1 (0 when either is empty). */
export function fingerprintSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Bits that differ between two 64-bit hashes. */
export function hammingDistance64(a: bigint, b: bigint): number {
  let x = (a ^ b) & 0xffffffffffffffffn;
  let bits = 0;
  while (x !== 0n) {
    x &= x - 1n;
    bits++;
  }
  return bits;
}

/**
 * The share of A's keyframe perceptual hashes (dHash, 64-bit) that have a match in B within
 * 10 bits, 0..1; 0 when A has no keyframes. Asymmetric on purpose: a copy padded with
 * extra footage still matches in full.
 */
export function keyframeSimilarity(hashesA: readonly bigint[], hashesB: readonly bigint[]): number {
  if (hashesA.length === 0) return 0;
  const matched = hashesA.filter((a) => hashesB.some((b) => hammingDistance64(a, b) <= KEYFRAME_MATCH_BITS));
  return matched.length / hashesA.length;
}

function token(a: Action, frame: { width: number; height: number }, columns: number, rows: number): string {
  const cell =
    a.x !== undefined && a.y !== undefined
      ? `${cellOf(a.x, frame.width, columns)},${cellOf(a.y, frame.height, rows)}`
      : "";
  const text = a.text !== undefined ? fnv1a32(a.text.trim().toLowerCase()).toString(36) : "";
  const scroll = a.delta !== undefined ? Math.sign(a.delta) : "";
  return [a.kind, cell, text, a.keys?.join("+") ?? "", scroll, a.app?.toLowerCase() ?? ""].join("|");
}

function cellOf(v: number, size: number, grid: number): number {
  return Math.min(grid - 1, Math.max(0, Math.floor((v / Math.max(1, size)) * grid)));
}

/** FNV-1a over the UTF-16 code units, 32-bit. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// MurmurHash3's finalizer: a bijection on 32 bits, so each seed gives a distinct permutation.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
