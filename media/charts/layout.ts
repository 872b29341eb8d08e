// Where everything goes, in CSS px of a 480 px wide picture, drawn at 1.5× (720 px: a phone's chat
// bubble is 800-1000 device pixels wide, so text stays large there; at 2× a chart took 1.8 times
// the pixels, and the time to draw and compress them, for a picture Telegram shows re-encoded as a
// JPEG anyway): the header, then each panel as a title, an optional legend and its plot, stacked
// top to bottom.
import { drawableText, FONT_FAMILY, measureText } from "./font-metrics.js";
import { isEmptyPanel, type ChartSpec, type Panel } from "./spec.js";

export const WIDTH = 480;
export const SCALE = 1.5;
export const PAD = 20;
export const CONTENT_WIDTH = WIDTH - 2 * PAD;

export const TITLE_SIZE = 20;
export const SUBTITLE_SIZE = 14;
export const PANEL_TITLE_SIZE = 15;
export const LEGEND_SIZE = 13;
export const LABEL_SIZE = 12;

/** Pixel rows of one panel: where its title, legend and plot (the grid) sit. */
export interface PanelBox {
  readonly titleY: number;
  readonly legendY: number | null;
  readonly plotTop: number;
  readonly plotHeight: number;
}

export interface Layout {
  readonly height: number;
  readonly subtitleY: number | null;
  readonly panels: readonly PanelBox[];
}

const PLOT_HEIGHT = 150;
/** An empty panel's outlined box: enough to read as "nothing here", no taller. */
const EMPTY_HEIGHT = 84;
const BAR_ROW = 24;
/** Room under a plot for the x axis labels, and between panels. */
const X_LABELS = 30;
const PANEL_GAP = 16;

export const hasLegend = (panel: Panel): boolean => panel.kind === "daily" && panel.series.length > 1;

/** Height of one legend line. */
export const LEGEND_LINE = LEGEND_SIZE + 9;

/** One legend entry: its colour square at (x, line), its name after it, cut to `maxWidth`. */
export interface LegendItem {
  readonly name: string;
  readonly x: number;
  readonly line: number;
  readonly maxWidth: number;
}

/**
 * Where a daily panel's legend entries go: left to right, a new line when the next one would not
 * fit, so every series keeps its name (a name longer than a whole line is cut).
 */
export function legendItems(panel: Panel): LegendItem[] {
  if (panel.kind !== "daily") return [];
  const items: LegendItem[] = [];
  let [x, line] = [PAD, 0];
  for (const series of panel.series) {
    const name = drawableText(series.name);
    const width = 18 + measureText(name, `${LEGEND_SIZE}px '${FONT_FAMILY}'`).width;
    if (x > PAD && x + width > WIDTH - PAD) [x, line] = [PAD, line + 1];
    items.push({ name, x, line, maxWidth: WIDTH - PAD - x - 18 });
    x += width + 20;
  }
  return items;
}

const legendLines = (panel: Panel): number => Math.max(0, ...legendItems(panel).map((i) => i.line + 1));

function plotHeight(panel: Panel): number {
  if (isEmptyPanel(panel)) return EMPTY_HEIGHT;
  if (panel.kind !== "bars") return PLOT_HEIGHT;
  return Math.max(3, panel.rows.length) * BAR_ROW;
}

/** Extra room above a plot for labels drawn over it (the histogram's threshold label). */
const headroom = (panel: Panel): number => (panel.kind === "histogram" && !isEmptyPanel(panel) ? 24 : 12);

export function layout(spec: ChartSpec): Layout {
  let y = 16 + TITLE_SIZE + 8;
  const subtitleY = spec.subtitle ? y : null;
  if (spec.subtitle) y += SUBTITLE_SIZE + 8;
  y += 10;
  const panels = spec.panels.map((panel) => {
    const titleY = y;
    y += PANEL_TITLE_SIZE + 9;
    const legendY = hasLegend(panel) && !isEmptyPanel(panel) ? y : null;
    if (legendY !== null) y += legendLines(panel) * LEGEND_LINE;
    const plotTop = y + headroom(panel);
    const box = { titleY, legendY, plotTop, plotHeight: plotHeight(panel) };
    y = plotTop + box.plotHeight + (isEmptyPanel(panel) ? 8 : X_LABELS) + PANEL_GAP;
    return box;
  });
  return { height: Math.round(y - PANEL_GAP + 8), subtitleY, panels };
}
