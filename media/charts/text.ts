// Text elements drawn at fixed places (titles, legends, the empty-panel note), with the chart
// font and widths measured from it, so a long translated title is cut with an ellipsis instead
// of running off the picture.
import type { GraphicComponentOption } from "echarts";
import { drawableText, FONT_FAMILY, measureText } from "./font-metrics.js";

export const fontOf = (size: number, bold = false): string => `${bold ? "bold " : ""}${size}px '${FONT_FAMILY}'`;

/** `text` (without characters the font lacks), cut with "…" to fit `maxWidth` px. */
export function fitText(text: string, font: string, maxWidth: number): string {
  const clean = drawableText(text);
  if (measureText(clean, font).width <= maxWidth) return clean;
  const chars = Array.from(clean);
  while (chars.length > 0 && measureText(`${chars.join("").trimEnd()}…`, font).width > maxWidth) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

export interface TextAt {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly fill: string;
  readonly bold?: boolean;
  readonly align?: "left" | "center";
  /** Default: the text's top is at y. */
  readonly middle?: boolean;
  readonly maxWidth: number;
}

export function textElement(t: TextAt): GraphicComponentOption {
  const font = fontOf(t.size, t.bold);
  return {
    type: "text",
    x: t.x,
    y: t.y,
    silent: true,
    style: {
      text: fitText(t.text, font, t.maxWidth),
      font,
      fill: t.fill,
      align: t.align ?? "left",
      verticalAlign: t.middle ? "middle" : "top",
    },
  };
}
