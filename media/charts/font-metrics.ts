// Text widths from the chart fonts themselves (media/fonts), read once per process. ECharts
// lays out labels and truncates with a text measurer; without a canvas it would guess with
// Arial-like widths, and DejaVu Sans is wider, so legends and labels would collide in the PNG.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FONT_FAMILY = "DejaVu Sans";
/** The only fonts a chart is drawn with, never the machine's. */
export const FONT_FILES = {
  regular: fileURLToPath(new URL("../fonts/DejaVuSans.ttf", import.meta.url)),
  bold: fileURLToPath(new URL("../fonts/DejaVuSans-Bold.ttf", import.meta.url)),
} as const;

/** A font's advance widths in em, by code point; `missing` is the width of its .notdef box. */
interface Metrics {
  readonly advance: ReadonlyMap<number, number>;
  readonly missing: number;
}

function tables(font: Buffer): Map<string, number> {
  const offsets = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    offsets.set(font.toString("latin1", record, record + 4), font.readUInt32BE(record + 8));
  }
  return offsets;
}

/** Code point → glyph id from the Unicode BMP subtable (format 4), which DejaVu Sans has. */
function glyphIds(font: Buffer, cmap: number): Map<number, number> {
  const ids = new Map<number, number>();
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const [platform, encoding] = [font.readUInt16BE(record), font.readUInt16BE(record + 2)];
    const table = cmap + font.readUInt32BE(record + 4);
    if (!((platform === 3 && encoding === 1) || platform === 0) || font.readUInt16BE(table) !== 4) continue;
    const segments = font.readUInt16BE(table + 6) / 2;
    const ends = table + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    for (let s = 0; s < segments; s++) {
      const [start, end] = [font.readUInt16BE(starts + s * 2), font.readUInt16BE(ends + s * 2)];
      const delta = font.readInt16BE(deltas + s * 2);
      const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        const at = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
        const raw = rangeOffset === 0 ? c : font.readUInt16BE(at);
        const glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
        if (glyph !== 0) ids.set(c, glyph);
      }
    }
    return ids;
  }
  throw new Error("chart font has no Unicode BMP cmap subtable");
}

function readMetrics(path: string): Metrics {
  const font = readFileSync(path);
  const at = tables(font);
  const [head, hhea, hmtx, cmap] = ["head", "hhea", "hmtx", "cmap"].map((tag) => at.get(tag));
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined)
    throw new Error(`chart font ${path} lacks a head, hhea, hmtx or cmap table`);
  const unitsPerEm = font.readUInt16BE(head + 18);
  const longMetrics = font.readUInt16BE(hhea + 34);
  const width = (glyph: number) => font.readUInt16BE(hmtx + Math.min(glyph, longMetrics - 1) * 4) / unitsPerEm;
  const advance = new Map<number, number>();
  for (const [codePoint, glyph] of glyphIds(font, cmap)) advance.set(codePoint, width(glyph));
  return { advance, missing: width(0) };
}

const metrics = { regular: readMetrics(FONT_FILES.regular), bold: readMetrics(FONT_FILES.bold) };

/** Whether the chart fonts can draw this character (emoji and most scripts beyond Latin: no). */
export const drawable = (char: string): boolean => metrics.regular.advance.has(char.codePointAt(0) ?? -1);

/**
 * The text as the chart can draw it: characters the fonts lack (emoji, other scripts) dropped
 * rather than drawn as empty boxes, and the spaces around them collapsed.
 */
export const drawableText = (text: string): string =>
  Array.from(text)
    .filter((char) => drawable(char) || /\s/.test(char))
    .join("")
    .replace(/\s+/g, " ")
    .trim();

/** Width in px of `text` in a CSS font shorthand such as "bold 15px 'DejaVu Sans'". */
export function measureText(text: string, font = `12px ${FONT_FAMILY}`): { width: number } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
  const { advance, missing } = /\b(bold|bolder|[6-9]00)\b/.test(font) ? metrics.bold : metrics.regular;
  let em = 0;
  for (const char of text) em += advance.get(char.codePointAt(0) ?? -1) ?? missing;
  return { width: em * size };
}
