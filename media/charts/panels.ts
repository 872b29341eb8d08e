// One panel kind → its share of the ECharts option: a grid (the plot's rectangle), its two axes
// and its series. Each panel gets its own grid, so panels never share scales.
import type {
  BarSeriesOption,
  GraphicComponentOption,
  GridComponentOption,
  LineSeriesOption,
  XAXisComponentOption,
  YAXisComponentOption,
} from "echarts";
import { drawableText, FONT_FAMILY, measureText } from "./font-metrics.js";
import { formatDay, formatMoment, formatNumber } from "./format.js";
import { LABEL_SIZE, PAD, WIDTH, type PanelBox } from "./layout.js";
import { niceScale, type Scale } from "./scale.js";
import type { ChartSpec, Panel } from "./spec.js";
import { seriesColour, type Palette } from "./theme.js";
import { fontOf } from "./text.js";

export interface PanelContext {
  readonly spec: ChartSpec;
  readonly palette: Palette;
  readonly box: PanelBox;
  /** This panel's grid index, which its axes and series refer to. */
  readonly grid: number;
  /** Where the plots with a value axis on the left start, the same for all of them. */
  readonly plotLeft: number;
}

export interface PanelOption {
  readonly grid: GridComponentOption;
  readonly xAxis: XAXisComponentOption;
  readonly yAxis: YAXisComponentOption;
  readonly series: readonly (BarSeriesOption | LineSeriesOption)[];
  readonly graphic: readonly GraphicComponentOption[];
}

/** Space between a value label and its plot. */
export const LABEL_GAP = 8;

/** At most about six day labels, the newest day always labelled. */
const dayLabelStep = (days: number): number => Math.max(1, Math.ceil(days / 6));

const labelStyle = (palette: Palette) => ({ color: palette.muted, fontSize: LABEL_SIZE, fontFamily: FONT_FAMILY });

/** A plot starting at the shared left edge, its value labels in the margin left of it. */
const alignedGrid = (ctx: PanelContext): GridComponentOption => ({
  left: ctx.plotLeft,
  right: PAD,
  top: ctx.box.plotTop,
  height: ctx.box.plotHeight,
  outerBoundsMode: "none",
});

/**
 * The value scale of a panel whose value axis is on the left (the daily bars' per-day totals),
 * null for the horizontal bars, whose plot starts after their own labels.
 */
export function leftScale(panel: Panel, days: number): Scale | null {
  switch (panel.kind) {
    case "daily":
      return niceScale(
        Array.from({ length: days }, (_, day) => panel.series.reduce((sum, s) => sum + (s.values[day] ?? 0), 0)),
      );
    case "histogram":
      // Room above the tallest bar for its count, under the threshold's label.
      return niceScale([...panel.bins, Math.ceil(Math.max(...panel.bins) * 1.12)]);
    case "line":
      return niceScale(panel.points.map((point) => point.value));
    case "bars":
      return null;
  }
}

function valueAxis(ctx: PanelContext, scale: Scale) {
  return {
    type: "value" as const,
    gridIndex: ctx.grid,
    min: 0,
    max: scale.max,
    interval: scale.interval,
    axisLabel: {
      ...labelStyle(ctx.palette),
      margin: LABEL_GAP,
      formatter: (v: number) => formatNumber(v, ctx.spec.locale),
    },
    splitLine: { lineStyle: { color: ctx.palette.gridLine } },
    axisLine: { show: false },
    axisTick: { show: false },
  };
}

const baseAxisLine = (palette: Palette) => ({ lineStyle: { color: palette.axis } });

export function dailyPanel(ctx: PanelContext, panel: Extract<Panel, { kind: "daily" }>): PanelOption {
  const { days, locale } = ctx.spec;
  const step = dayLabelStep(days.length);
  const labelled = (index: number) => (days.length - 1 - index) % step === 0;
  return {
    grid: alignedGrid(ctx),
    xAxis: {
      type: "category",
      gridIndex: ctx.grid,
      data: [...days],
      axisLine: baseAxisLine(ctx.palette),
      axisTick: { alignWithLabel: true, interval: labelled, lineStyle: { color: ctx.palette.axis } },
      axisLabel: { ...labelStyle(ctx.palette), interval: labelled, formatter: (day: string) => formatDay(day, locale) },
    },
    yAxis: valueAxis(ctx, leftScale(panel, days.length)!),
    series: panel.series.map((series, i) => ({
      type: "bar",
      name: drawableText(series.name),
      xAxisIndex: ctx.grid,
      yAxisIndex: ctx.grid,
      stack: `panel-${ctx.grid}`,
      barWidth: "62%",
      barMaxWidth: 40,
      // Drawn as one path per series instead of an element per bar: the same pixels, in half the
      // time of the whole ECharts step and half the SVG (no labels or per-bar styles needed here).
      large: true,
      largeThreshold: 0,
      clip: false,
      silent: true,
      itemStyle: { color: seriesColour(ctx.palette, i) },
      data: [...series.values],
    })),
    graphic: [],
  };
}

export function barsPanel(ctx: PanelContext, panel: Extract<Panel, { kind: "bars" }>): PanelOption {
  const { locale } = ctx.spec;
  const rows = [...panel.rows].sort((a, b) => b.value - a.value);
  const valueLabels = rows.map((row) => formatNumber(row.value, locale));
  const widest = Math.max(...valueLabels.map((label) => measureText(label, fontOf(LABEL_SIZE)).width));
  return {
    grid: {
      left: PAD,
      right: PAD + Math.ceil(widest) + 10,
      top: ctx.box.plotTop,
      height: ctx.box.plotHeight,
      outerBoundsMode: "same",
      outerBoundsContain: "axisLabel",
    },
    xAxis: valueAxis(ctx, niceScale(rows.map((row) => row.value))),
    yAxis: {
      type: "category",
      gridIndex: ctx.grid,
      inverse: true,
      data: rows.map((row) => drawableText(row.label)),
      axisLine: baseAxisLine(ctx.palette),
      axisTick: { show: false },
      axisLabel: { ...labelStyle(ctx.palette), color: ctx.palette.text, width: 170, overflow: "truncate" },
    },
    series: [
      {
        type: "bar",
        xAxisIndex: ctx.grid,
        yAxisIndex: ctx.grid,
        barWidth: "64%",
        barMaxWidth: 24,
        itemStyle: { color: seriesColour(ctx.palette, 0), borderRadius: [0, 3, 3, 0] },
        label: {
          show: true,
          position: "right",
          ...labelStyle(ctx.palette),
          color: ctx.palette.text,
          formatter: ({ dataIndex }) => valueLabels[dataIndex] ?? "",
        },
        data: rows.map((row) => row.value),
      },
    ],
    graphic: [],
  };
}

export function histogramPanel(ctx: PanelContext, panel: Extract<Panel, { kind: "histogram" }>): PanelOption {
  const { palette } = ctx;
  const label = `${drawableText(panel.thresholdLabel)} ${formatNumber(panel.threshold, ctx.spec.locale)}`;
  return {
    grid: alignedGrid(ctx),
    xAxis: {
      type: "value",
      gridIndex: ctx.grid,
      min: 0,
      max: 100,
      interval: 10,
      axisLine: { show: true, ...baseAxisLine(palette) },
      axisTick: { show: true, lineStyle: { color: palette.axis } },
      axisLabel: labelStyle(palette),
      splitLine: { show: false },
    },
    yAxis: valueAxis(ctx, leftScale(panel, 0)!),
    series: [
      {
        type: "bar",
        xAxisIndex: ctx.grid,
        yAxisIndex: ctx.grid,
        barWidth: "90%",
        // Over the threshold line (a markLine is drawn at z 5), so that a line through a bin's
        // count leaves it readable: the count on the card's own colour, the bar in its bin colour.
        z: 6,
        label: {
          show: true,
          position: "top",
          ...labelStyle(palette),
          backgroundColor: palette.background,
          // The card's colour reaching down to the bar (instead of 5 px of gap), the text where it was.
          distance: 0,
          padding: [0, 3, 5, 3],
          formatter: ({ value }) => countLabel(value),
        },
        data: panel.bins.map((count, i) => ({
          value: [i * 10 + 5, count],
          itemStyle: { color: binColour(i, panel.threshold, palette) },
        })),
        markLine: {
          silent: true,
          symbol: "none",
          animation: false,
          lineStyle: { color: palette.marker, type: "dashed", width: 2 },
          label: { show: false },
          data: [{ xAxis: panel.threshold }],
        },
      },
    ],
    graphic: [thresholdLabel(ctx, panel.threshold, label)],
  };
}

/**
 * Bin i holds the scores 10·i to 10·i + 9 (the last one 90 to 100): passed when all of them reach
 * the threshold, failed when none does, and its own colour when the threshold cuts through it
 * (a threshold of 65: some of 60-69 passed, some did not, and the bins do not say how many).
 */
export function binColour(bin: number, threshold: number, palette: Palette): string {
  const [lowest, highest] = [bin * 10, bin === 9 ? 100 : bin * 10 + 9];
  return lowest >= threshold ? palette.pass : highest < threshold ? palette.fail : palette.mixed;
}

/**
 * The threshold line's label above the plot, kept inside the picture when the line is near an
 * end of the axis: the plot's geometry is known (alignedGrid), so it is placed here.
 */
function thresholdLabel(ctx: PanelContext, threshold: number, text: string): GraphicComponentOption {
  const x = ctx.plotLeft + (Math.min(100, Math.max(0, threshold)) / 100) * (WIDTH - PAD - ctx.plotLeft);
  const align = threshold >= 85 ? "right" : threshold <= 15 ? "left" : "center";
  return {
    type: "text",
    x,
    y: ctx.box.plotTop - 6,
    silent: true,
    style: { text, align, verticalAlign: "bottom", fill: ctx.palette.marker, font: fontOf(LABEL_SIZE, true) },
  };
}

/** A histogram bar's count above it; nothing over empty bins. */
function countLabel(value: unknown): string {
  const count = Array.isArray(value) ? Number(value[1]) : Number(value);
  return count > 0 ? String(count) : "";
}

export function linePanel(ctx: PanelContext, panel: Extract<Panel, { kind: "line" }>): PanelOption {
  const { palette, spec } = ctx;
  const data = panel.points.map((point) => [Date.parse(point.at), point.value] as [number, number]);
  const first = data[0]?.[0] ?? 0;
  const last = data[data.length - 1]?.[0] ?? 0;
  const day = 86_400_000;
  const [min, max] = last - first < day / 24 ? [first - day / 2, last + day / 2] : [first, last];
  const shortSpan = max - min < 2 * day;
  return {
    grid: alignedGrid(ctx),
    xAxis: {
      type: "time",
      gridIndex: ctx.grid,
      min,
      max,
      splitNumber: 5,
      axisLine: baseAxisLine(palette),
      axisTick: { lineStyle: { color: palette.axis } },
      axisLabel: {
        ...labelStyle(palette),
        hideOverlap: true,
        formatter: (ms: number) => formatMoment(ms, spec.locale, shortSpan),
      },
      splitLine: { show: false },
    },
    yAxis: valueAxis(ctx, leftScale(panel, 0)!),
    series: [
      {
        type: "line",
        xAxisIndex: ctx.grid,
        yAxisIndex: ctx.grid,
        step: "end",
        showSymbol: data.length === 1,
        symbolSize: 8,
        lineStyle: { color: palette.line, width: 2.5 },
        itemStyle: { color: palette.line },
        areaStyle: { color: palette.lineFill },
        data,
      },
    ],
    graphic: [],
  };
}
