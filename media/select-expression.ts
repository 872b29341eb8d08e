/**
 * An ffmpeg `select` expression true exactly for the given frame numbers (`n`). A balanced
 * `if(lt(n,k),…)` tree, so each decoded frame costs a dozen comparisons rather than one per
 * wanted frame, and runs of consecutive frames collapse into `between`.
 */
export function selectExpression(frames: readonly number[]): string {
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  if (sorted.length === 0) return "0";
  const runs: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = runs.at(-1);
    if (last && last[1] === n - 1) last[1] = n;
    else runs.push([n, n]);
  }
  return tree(runs);
}

const LEAVES = 4;

function tree(runs: ReadonlyArray<[number, number]>): string {
  if (runs.length <= LEAVES) return runs.map(([a, b]) => (a === b ? `eq(n,${a})` : `between(n,${a},${b})`)).join("+");
  const mid = runs.length >> 1;
  return `if(lt(n,${runs[mid]![0]}),${tree(runs.slice(0, mid))},${tree(runs.slice(mid))})`;
}
