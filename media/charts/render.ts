// Spec → SVG (ECharts' server-side SVG renderer) → PNG (resvg, with the project's fonts only),
// and the content key a bot caches the uploaded picture under.
import { createHash } from "node:crypto";
import { Resvg } from "@resvg/resvg-js";
import { BarChart, LineChart } from "echarts/charts";
import { GraphicComponent, GridComponent, MarkLineComponent } from "echarts/components";
import { init, setPlatformAPI, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { FONT_FAMILY, FONT_FILES, measureText } from "./font-metrics.js";
import { SCALE } from "./layout.js";
import { chartOption } from "./option.js";
import { outlineText } from "./outline.js";
import { encodePng } from "./png.js";
import { assertDrawable, type ChartSpec, type ChartTheme } from "./spec.js";
import { PALETTES } from "./theme.js";

use([SVGRenderer, BarChart, LineChart, GridComponent, GraphicComponent, MarkLineComponent]);
setPlatformAPI({ measureText });

/** Bump when the drawing changes, so cached pictures of the same data are drawn again. */
export const CHART_VERSION = "charts-3";

const RESVG_FONTS = {
  fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
  loadSystemFonts: false,
  defaultFontFamily: FONT_FAMILY,
  sansSerifFamily: FONT_FAMILY,
};

const NO_FONTS = { loadSystemFonts: false };

/** The stages of drawing a chart, in order, as the benchmark times them. */
export type ChartStage =
  "option" | "init" | "setOption" | "toSvg" | "outlineText" | "parseSvg" | "raster" | "encodePng";
type Lap = (stage: ChartStage) => void;
const noLap: Lap = () => {};

export function chartSvg(spec: ChartSpec, theme: ChartTheme): string {
  return renderSvg(spec, theme, noLap).svg;
}

function renderSvg(spec: ChartSpec, theme: ChartTheme, lap: Lap): { svg: string; width: number; height: number } {
  assertDrawable(spec);
  const { option, width, height } = chartOption(spec, PALETTES[theme]);
  lap("option");
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  lap("init");
  try {
    chart.setOption(option);
    lap("setOption");
    const svg = longhandFonts(chart.renderToSVGString());
    lap("toSvg");
    return { svg, width, height };
  } finally {
    chart.dispose();
  }
}

/**
 * ECharts writes some text styles as the `font` shorthand, which resvg ignores (it would draw
 * 12 px regular text): spell them out as font-size, font-family and font-weight.
 */
export function longhandFonts(svg: string): string {
  return svg.replace(
    /style="font:\s*((?:(?:normal|italic|oblique|small-caps|bold|bolder|lighter|\d00)\s+)*)(\d+(?:\.\d+)?)px\s+([^";]+)"/g,
    (_, keywords: string, size: string, family: string) => {
      const weight = /\b(bold|bolder|[6-9]00)\b/.test(keywords) ? "font-weight:bold;" : "";
      return `style="font-size:${size}px;font-family:${family.trim()};${weight}"`;
    },
  );
}

export interface ChartPicture {
  readonly png: Buffer;
  readonly key: string;
  readonly width: number;
  readonly height: number;
}

/** The PNG at 1.5× (720 px wide, see layout.ts) with its content key. */
export function chartPng(spec: ChartSpec, theme: ChartTheme): ChartPicture {
  return timedChartPng(spec, theme, noLap);
}

/** chartPng, calling `lap` as each stage ends (bench/charts.ts). */
export function timedChartPng(spec: ChartSpec, theme: ChartTheme, lap: Lap): ChartPicture {
  const rendered = renderSvg(spec, theme, lap);
  const svg = outlineText(rendered.svg);
  lap("outlineText");
  const resvg = new Resvg(svg, {
    // resvg-js takes font files per render (its font database is not kept between renders), so
    // they are loaded only when some text is left for resvg to draw; the machine's fonts never are.
    font: svg.includes("<text") ? RESVG_FONTS : NO_FONTS,
    fitTo: { mode: "width", value: pixelWidth(rendered.width) },
    // No background fill: ECharts' first element is an opaque rectangle over the whole picture.
  });
  lap("parseSvg");
  const image = resvg.render();
  lap("raster");
  const png = encodePng(image.pixels, image.width, image.height);
  lap("encodePng");
  return { png, key: chartKey(spec, theme), width: image.width, height: image.height };
}

/** A layout width in CSS px as the PNG's width in pixels. */
export const pixelWidth = (width: number): number => Math.round(width * SCALE);

/** sha256 hex over the drawing's version, the theme and the spec with its keys in a fixed order. */
export function chartKey(spec: ChartSpec, theme: ChartTheme): string {
  return createHash("sha256")
    .update(`${CHART_VERSION}\n${theme}\n${canonicalJson(spec)}`)
    .digest("hex");
}

/** JSON with object keys sorted at every depth, so two equal specs built differently hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
