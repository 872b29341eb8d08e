/**
 * The 64-bit difference hash of a 9x8 grayscale image (row-major bytes): bit i is set when
 * a pixel is brighter than its right neighbour. Robust to re-encoding and rescaling, so
 * near-duplicate keyframes across recordings land a few bits apart.
 */
export function dHash(gray9x8: Uint8Array): bigint {
  if (gray9x8.length !== 72) throw new RangeError(`dHash needs 72 gray bytes, got ${gray9x8.length}`);
  let hash = 0n;
  for (let row = 0; row < 8; row++)
    for (let col = 0; col < 8; col++) {
      const left = gray9x8[row * 9 + col]!;
      const right = gray9x8[row * 9 + col + 1]!;
      hash = (hash << 1n) | (left > right ? 1n : 0n);
    }
  return hash;
}

/** How many of the 64 bits differ between two hashes (0 = same picture). */
export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let count = 0;
  while (x) {
    x &= x - 1n;
    count++;
  }
  return count;
}
