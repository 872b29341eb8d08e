// Comparing a rendered chart with its committed reference by perceptual difference (pixelmatch:
// colour distance with a threshold, anti-aliased pixels ignored), never byte equality: another
// resvg build or CPU may shade edges a little differently and still draw the same chart.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";

export const GOLDEN_DIR = join(import.meta.dirname, "golden");

/** pixelmatch's per-pixel colour threshold (0 = exact, 1 = anything goes). */
export const PIXEL_THRESHOLD = 0.1;
/** At most this share of all pixels may differ... */
export const MAX_DIFF_SHARE = 0.005;
/**
 * ...and at most this many in any WINDOW×WINDOW square (16 css px at 1.5×, about one glyph), so
 * that one changed bar or one changed word, a small share of a large picture, still fails.
 */
export const WINDOW = 24;
export const MAX_WINDOW_DIFF = 20;

export interface Comparison {
  readonly same: boolean;
  readonly reason: string;
  readonly diffPixels: number;
  readonly worstWindow: number;
}

export function comparePngs(expected: Buffer, actual: Buffer, diffOut?: PNG): Comparison {
  const [a, b] = [PNG.sync.read(expected), PNG.sync.read(actual)];
  if (a.width !== b.width || a.height !== b.height) {
    const reason = `size ${b.width}x${b.height}, reference ${a.width}x${a.height}`;
    return { same: false, reason, diffPixels: Number.POSITIVE_INFINITY, worstWindow: Number.POSITIVE_INFINITY };
  }
  const options = { threshold: PIXEL_THRESHOLD };
  const diffPixels = pixelmatch(a.data, b.data, diffOut?.data, a.width, a.height, options);
  const worstWindow = pixelmatch(a.data, b.data, null, a.width, a.height, { ...options, windowSize: WINDOW });
  const share = diffPixels / (a.width * a.height);
  const same = share <= MAX_DIFF_SHARE && worstWindow <= MAX_WINDOW_DIFF;
  const reason =
    `${diffPixels} pixels differ (${(share * 100).toFixed(3)}%, at most ${MAX_DIFF_SHARE * 100}%), ` +
    `${worstWindow} in the worst ${WINDOW}x${WINDOW} square (at most ${MAX_WINDOW_DIFF})`;
  return { same, reason, diffPixels, worstWindow };
}

export const goldenPath = (name: string): string => join(GOLDEN_DIR, `${name}.png`);

/**
 * Compares `actual` with golden/<name>.png. With UPDATE_GOLDEN=1 (never in CI) it writes the
 * reference instead. On a difference it writes the actual image and a diff image (differing
 * pixels in red) to a temporary folder and names them in the returned message.
 */
export function checkGolden(name: string, actual: Buffer): { ok: true } | { ok: false; message: string } {
  const path = goldenPath(name);
  if (process.env.UPDATE_GOLDEN === "1" && !process.env.CI) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    // Stored at pngjs's highest compression: a smaller repository, the same pixels.
    writeFileSync(path, PNG.sync.write(PNG.sync.read(actual), { deflateLevel: 9 }));
    return { ok: true };
  }
  if (!existsSync(path))
    return {
      ok: false,
      message: `no reference ${path}: run UPDATE_GOLDEN=1 npx vitest run test/media/charts, look at it, commit it`,
    };
  const expected = readFileSync(path);
  const { width, height } = PNG.sync.read(actual);
  const diff = new PNG({ width, height });
  const result = comparePngs(expected, actual, diff);
  if (result.same) return { ok: true };
  const dir = mkdtempSync(join(tmpdir(), `chart-${name}-`));
  writeFileSync(join(dir, "actual.png"), actual);
  writeFileSync(join(dir, "diff.png"), PNG.sync.write(diff));
  return {
    ok: false,
    message: `${name} differs from ${path}: ${result.reason}; see ${dir}/actual.png and ${dir}/diff.png`,
  };
}
