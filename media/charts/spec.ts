// What a chart shows, declared by the caller (a bot view, the dashboard) with its strings already
// translated: the chart module only draws it. Plain data, so equal data gives an equal cache key.
export type ChartTheme = "light" | "dark";

/** One named series, one value per day of the chart's `days` (same length). */
export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

export type Panel =
  /** Bars per day, the series stacked (e.g. paid / waiting; accepted / rejected / pending). */
  | { readonly kind: "daily"; readonly title: string; readonly unit: string; readonly series: readonly Series[] }
  /** Horizontal bars, largest first (e.g. commissions per referral; the caller passes at most ~10 rows). */
  | {
      readonly kind: "bars";
      readonly title: string;
      readonly unit: string;
      readonly rows: readonly { readonly label: string; readonly value: number }[];
    }
  /**
   * Score distribution: 10 counts (0–9, 10–19, …, 90–100) with a vertical line at the threshold,
   * labelled. Bins at or above the threshold in the "pass" colour, below in the "fail" colour.
   * `thresholdLabel` is the word for the line (e.g. "Threshold"); the chart appends the value.
   */
  | {
      readonly kind: "histogram";
      readonly title: string;
      readonly bins: readonly number[];
      readonly threshold: number;
      readonly thresholdLabel: string;
    }
  /** A step line over time (e.g. a pool's balance), points oldest first, `at` an ISO date-time. */
  | {
      readonly kind: "line";
      readonly title: string;
      readonly unit: string;
      readonly points: readonly { readonly at: string; readonly value: number }[];
    };

export interface ChartSpec {
  /** BCP 47, e.g. "en" or "es": dates on the axis are formatted with Intl in it (UTC), numbers too. */
  readonly locale: string;
  readonly title: string;
  readonly subtitle?: string;
  /** The days of the daily panels, ISO "YYYY-MM-DD", oldest first (typically 30). */
  readonly days: readonly string[];
  /** 1–4 panels stacked top to bottom. */
  readonly panels: readonly Panel[];
  /** Shown in the middle of a panel that has no data at all (all zeros / no points / no rows), e.g. "Nothing yet". */
  readonly emptyText: string;
}

export const HISTOGRAM_BINS = 10;

/** Whether a panel has nothing to draw, so it shows the spec's `emptyText` instead. */
export function isEmptyPanel(panel: Panel): boolean {
  switch (panel.kind) {
    case "daily":
      return panel.series.every((series) => series.values.every((value) => value === 0));
    case "bars":
      return panel.rows.length === 0;
    case "histogram":
      return panel.bins.every((count) => count === 0);
    case "line":
      return panel.points.length === 0;
  }
}

/**
 * Throws a plain Error when the spec cannot be drawn as declared: a caller's programming error
 * (a series of the wrong length, a bad date, a number that is not finite), never a user's.
 */
export function assertDrawable(spec: ChartSpec): void {
  const fail = (what: string) => {
    throw new Error(`chart spec "${spec.title}": ${what}`);
  };
  if (spec.panels.length < 1 || spec.panels.length > 4) fail(`has ${spec.panels.length} panels, needs 1 to 4`);
  for (const day of spec.days)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) fail(`bad day "${day}"`);
  const finite = (values: readonly number[], where: string) => {
    if (!values.every(Number.isFinite)) fail(`${where} has a value that is not a finite number`);
  };
  for (const panel of spec.panels) {
    const where = `panel "${panel.title}"`;
    if (panel.kind === "daily")
      for (const series of panel.series) {
        if (series.values.length !== spec.days.length)
          fail(`${where} series "${series.name}" has ${series.values.length} values for ${spec.days.length} days`);
        finite(series.values, where);
      }
    else if (panel.kind === "bars")
      finite(
        panel.rows.map((row) => row.value),
        where,
      );
    else if (panel.kind === "histogram") {
      if (panel.bins.length !== HISTOGRAM_BINS) fail(`${where} has ${panel.bins.length} bins, needs ${HISTOGRAM_BINS}`);
      finite([...panel.bins, panel.threshold], where);
    } else {
      finite(
        panel.points.map((point) => point.value),
        where,
      );
      for (const point of panel.points) if (Number.isNaN(Date.parse(point.at))) fail(`${where} bad time "${point.at}"`);
    }
  }
}
