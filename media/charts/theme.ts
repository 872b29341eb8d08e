// Both themes' colours in one place. Opaque backgrounds near Telegram's and Discord's own, and
// series colours of middling lightness that keep their contrast on either background (the dark
// theme's are the same hues, a step lighter).
import type { ChartTheme } from "./spec.js";

export interface Palette {
  readonly background: string;
  readonly text: string;
  /** Subtitles, axis labels, the empty-panel text. */
  readonly muted: string;
  readonly axis: string;
  readonly gridLine: string;
  /** The stacked series and the horizontal bars, in order. */
  readonly series: readonly string[];
  readonly pass: string;
  readonly fail: string;
  /** A histogram bin holding scores on both sides of the threshold. */
  readonly mixed: string;
  /** The histogram's threshold line and label. */
  readonly marker: string;
  readonly line: string;
  readonly lineFill: string;
}

export const PALETTES: Readonly<Record<ChartTheme, Palette>> = {
  light: {
    background: "#ffffff",
    text: "#1f2328",
    muted: "#57606a",
    axis: "#8c959f",
    gridLine: "#e4e7eb",
    series: ["#2563eb", "#f59e0b", "#0d9488", "#9333ea", "#db2777", "#65a30d"],
    pass: "#16a34a",
    fail: "#dc2626",
    mixed: "#d97706",
    marker: "#1f2328",
    line: "#2563eb",
    lineFill: "rgba(37,99,235,0.12)",
  },
  dark: {
    background: "#1c1f24",
    text: "#e6edf3",
    muted: "#a3adb8",
    axis: "#6e7681",
    gridLine: "#30363d",
    series: ["#60a5fa", "#fbbf24", "#2dd4bf", "#c084fc", "#f472b6", "#a3e635"],
    pass: "#4ade80",
    fail: "#f87171",
    mixed: "#fbbf24",
    marker: "#e6edf3",
    line: "#60a5fa",
    lineFill: "rgba(96,165,250,0.18)",
  },
};

/** The colour of the i-th series, cycling when a panel has more series than colours. */
export const seriesColour = (palette: Palette, index: number): string =>
  palette.series[index % palette.series.length] ?? palette.text;
