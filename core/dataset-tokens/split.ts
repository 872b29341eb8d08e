/**
 * Splits `total` whole units among weights in proportion, by largest remainder: each gets
 * floor(total × w / Σw), and the units left over (fewer than the number of weights) go one each
 * to the largest remainders, ties to the earlier. The parts sum to `total` exactly.
 */
export function splitByWeight(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, w) => a + w, 0n);
  if (total < 0n || weights.some((w) => w < 0n)) throw new RangeError("total and weights must not be negative");
  if (sum === 0n) throw new RangeError("the weights sum to zero");
  const parts = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  let left = total - parts.reduce((a, p) => a + p, 0n);
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts;
}
