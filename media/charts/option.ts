// The whole chart as one ECharts option: the header, then per panel its title, legend and plot
// (or, for a panel with no data, the spec's empty text in an outlined box of the same size).
import type { EChartsOption, GraphicComponentOption } from "echarts";
import { drawableText, FONT_FAMILY } from "./font-metrics.js";
import {
  CONTENT_WIDTH,
  LABEL_SIZE,
  layout,
  LEGEND_LINE,
  LEGEND_SIZE,
  legendItems,
  PAD,
  PANEL_TITLE_SIZE,
  SUBTITLE_SIZE,
  TITLE_SIZE,
  WIDTH,
  type PanelBox,
} from "./layout.js";
import {
  barsPanel,
  dailyPanel,
  histogramPanel,
  LABEL_GAP,
  leftScale,
  linePanel,
  type PanelContext,
  type PanelOption,
} from "./panels.js";
import { tickLabelWidth } from "./scale.js";
import { isEmptyPanel, type ChartSpec, type Panel } from "./spec.js";
import { fontOf, textElement } from "./text.js";
import { seriesColour, type Palette } from "./theme.js";

export interface BuiltOption {
  readonly option: EChartsOption;
  readonly width: number;
  readonly height: number;
}

export function chartOption(spec: ChartSpec, palette: Palette): BuiltOption {
  const { height, subtitleY, panels: boxes } = layout(spec);
  const graphic: GraphicComponentOption[] = [
    textElement({
      text: spec.title,
      x: PAD,
      y: 16,
      size: TITLE_SIZE,
      bold: true,
      fill: palette.text,
      maxWidth: CONTENT_WIDTH,
    }),
  ];
  if (spec.subtitle && subtitleY !== null)
    graphic.push(
      textElement({
        text: spec.subtitle,
        x: PAD,
        y: subtitleY,
        size: SUBTITLE_SIZE,
        fill: palette.muted,
        maxWidth: CONTENT_WIDTH,
      }),
    );
  const plots: PanelOption[] = [];
  const plotLeft = sharedPlotLeft(spec);
  spec.panels.forEach((panel, i) => {
    const box = boxes[i]!;
    graphic.push(panelHeader(panel, box, palette));
    if (isEmptyPanel(panel)) graphic.push(...emptyPanel(spec.emptyText, box, palette));
    else {
      if (panel.kind === "daily" && box.legendY !== null) graphic.push(...legend(panel, box.legendY, palette));
      plots.push(plotOf(panel, { spec, palette, box, grid: plots.length, plotLeft }));
    }
  });
  const option: EChartsOption = {
    animation: false,
    useUTC: true,
    backgroundColor: palette.background,
    textStyle: { fontFamily: FONT_FAMILY },
    grid: plots.map((p) => p.grid),
    xAxis: plots.map((p) => p.xAxis),
    yAxis: plots.map((p) => p.yAxis),
    series: plots.flatMap((p) => p.series),
    graphic: [...graphic, ...plots.flatMap((p) => p.graphic)],
  };
  return { option, width: WIDTH, height };
}

/** Past the widest value label of all panels, so that their plots line up. */
function sharedPlotLeft(spec: ChartSpec): number {
  const widths = spec.panels
    .filter((panel) => !isEmptyPanel(panel))
    .map((panel) => leftScale(panel, spec.days.length))
    .map((scale) => (scale ? tickLabelWidth(scale, spec.locale, fontOf(LABEL_SIZE)) : 0));
  return Math.ceil(PAD + Math.max(0, ...widths) + LABEL_GAP);
}

function plotOf(panel: Panel, ctx: PanelContext): PanelOption {
  switch (panel.kind) {
    case "daily":
      return dailyPanel(ctx, panel);
    case "bars":
      return barsPanel(ctx, panel);
    case "histogram":
      return histogramPanel(ctx, panel);
    case "line":
      return linePanel(ctx, panel);
  }
}

/** The panel's title, with its unit when it has one: "Earnings per day (USDC)". */
function panelHeader(panel: Panel, box: PanelBox, palette: Palette): GraphicComponentOption {
  const unit = "unit" in panel ? drawableText(panel.unit) : "";
  const text = unit ? `${panel.title} (${unit})` : panel.title;
  return textElement({
    text,
    x: PAD,
    y: box.titleY,
    size: PANEL_TITLE_SIZE,
    bold: true,
    fill: palette.text,
    maxWidth: CONTENT_WIDTH,
  });
}

function emptyPanel(emptyText: string, box: PanelBox, palette: Palette): GraphicComponentOption[] {
  return [
    {
      type: "rect",
      silent: true,
      shape: { x: PAD, y: box.plotTop, width: CONTENT_WIDTH, height: box.plotHeight, r: 8 },
      style: { fill: "none", stroke: palette.axis, lineWidth: 1, lineDash: [6, 4] },
    },
    textElement({
      text: emptyText,
      x: WIDTH / 2,
      y: box.plotTop + box.plotHeight / 2,
      size: PANEL_TITLE_SIZE,
      fill: palette.muted,
      align: "center",
      middle: true,
      maxWidth: CONTENT_WIDTH - 24,
    }),
  ];
}

/** Coloured squares and series names, on as many lines as they need (see layout.ts). */
function legend(panel: Panel, y: number, palette: Palette): GraphicComponentOption[] {
  return legendItems(panel).flatMap(({ name, x, line, maxWidth }, i): GraphicComponentOption[] => [
    {
      type: "rect",
      silent: true,
      shape: { x, y: y + line * LEGEND_LINE + 1, width: 12, height: 12, r: 3 },
      style: { fill: seriesColour(palette, i) },
    },
    textElement({ text: name, x: x + 18, y: y + line * LEGEND_LINE, size: LEGEND_SIZE, fill: palette.text, maxWidth }),
  ]);
}
