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

/** One chart font as read from its file: what measuring and drawing text need. */
export interface ChartFont {
  readonly file: Buffer;
  /** Offsets of the font's tables by tag ("glyf", "loca", ...). */
  readonly tables: ReadonlyMap<string, number>;
  readonly unitsPerEm: number;
  /** hhea ascender and descender, in font units (the descender is negative). */
  readonly ascent: number;
  readonly descent: number;
  /** Glyph id by code point; a character the font lacks is drawn as glyph 0 (.notdef). */
  readonly glyph: ReadonlyMap<number, number>;
  /** Advance widths in em, by code point; `missing` is the width of the .notdef box. */
  readonly advance: ReadonlyMap<number, number>;
  readonly missing: number;
  /** A glyph's advance width in font units. */
  readonly advanceUnits: (glyph: number) => number;
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

function readFont(path: string): ChartFont {
  const file = readFileSync(path);
  const at = tables(file);
  const [head, hhea, hmtx, cmap] = ["head", "hhea", "hmtx", "cmap"].map((tag) => at.get(tag));
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined)
    throw new Error(`chart font ${path} lacks a head, hhea, hmtx or cmap table`);
  const unitsPerEm = file.readUInt16BE(head + 18);
  const longMetrics = file.readUInt16BE(hhea + 34);
  const advanceUnits = (glyph: number) => file.readUInt16BE(hmtx + Math.min(glyph, longMetrics - 1) * 4);
  const glyph = glyphIds(file, cmap);
  const advance = new Map<number, number>();
  for (const [codePoint, id] of glyph) advance.set(codePoint, advanceUnits(id) / unitsPerEm);
  return {
    file,
    tables: at,
    unitsPerEm,
    ascent: file.readInt16BE(hhea + 4),
    descent: file.readInt16BE(hhea + 6),
    glyph,
    advance,
    missing: advanceUnits(0) / unitsPerEm,
    advanceUnits,
  };
}

/** The two chart fonts, read once per process. */
export const CHART_FONTS = { regular: readFont(FONT_FILES.regular), bold: readFont(FONT_FILES.bold) } as const;

/** Whether the chart fonts can draw this character (emoji and most scripts beyond Latin: no). */
export const drawable = (char: string): boolean => CHART_FONTS.regular.advance.has(char.codePointAt(0) ?? -1);

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
  const { advance, missing } = /\b(bold|bolder|[6-9]00)\b/.test(font) ? CHART_FONTS.bold : CHART_FONTS.regular;
  let em = 0;
  for (const char of text) em += advance.get(char.codePointAt(0) ?? -1) ?? missing;
  return { width: em * size };
}
