// The value axis chosen here rather than by ECharts: from 0 to a round maximum in 3 to 5 round
// steps. Knowing the tick labels in advance lets every panel's plot start at the same x
// (the widest label of all decides), so stacked panels line up on a phone.
import { measureText } from "./font-metrics.js";
import { formatNumber } from "./format.js";

export interface Scale {
  readonly max: number;
  readonly interval: number;
  readonly ticks: readonly number[];
}

/** 1, 2, 2.5, 5 or 10 times a power of ten, the nearest at or above `x`. */
function roundStep(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  const fraction = x / power;
  const step = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return step * power;
}

/** Drops floating-point dust (0.30000000000000004 → 0.3). */
const clean = (x: number): number => Number(x.toPrecision(12));

/** A scale from 0 covering `values` in 3 to 5 round steps, the lowest such; whole steps for counts. */
export function niceScale(values: readonly number[]): Scale {
  const top = Math.max(0, ...values);
  const counts = values.every(Number.isInteger);
  const candidates = [5, 4, 3].map((steps) => {
    let interval = top > 0 ? roundStep(top / steps) : 1;
    if (counts) interval = Math.max(1, Math.ceil(interval));
    interval = clean(interval);
    return { interval, max: clean(Math.max(interval, Math.ceil(clean(top / interval)) * interval)) };
  });
  const { interval, max } = candidates.reduce((best, c) => (c.max < best.max ? c : best));
  const ticks = Array.from({ length: Math.round(max / interval) + 1 }, (_, i) => clean(i * interval));
  return { max, interval, ticks };
}

/** The widest of the scale's tick labels in px, in the given font. */
export const tickLabelWidth = (scale: Scale, locale: string, font: string): number =>
  Math.max(...scale.ticks.map((tick) => measureText(formatNumber(tick, locale), font).width));
