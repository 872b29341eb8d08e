// Text drawn as glyph outlines read from the chart fonts, in place of the SVG's <text> elements.
// resvg would shape and outline every label of every chart again (about a third of a chart's
// drawing time went there); here a glyph's outline at a size is built once per process and a
// label becomes one <path>. Glyphs are placed by their advance widths, the same widths ECharts
// laid the labels out with (font-metrics.ts), so a label fills exactly the room it was given (no
// kerning, as in that layout). A <text> this does not understand is left for resvg to draw.
import { CHART_FONTS, type ChartFont } from "./font-metrics.js";

interface Point {
  readonly x: number;
  readonly y: number;
  readonly on: boolean;
}
type Contour = readonly Point[];

/** A glyph at one size, in hundredths of a pixel, y down, relative to its origin on the baseline. */
interface SizedGlyph {
  /** Where its first contour starts; null for a glyph with no outline (a space). */
  readonly first: readonly [number, number] | null;
  /** The rest of its path after that first move, in relative commands. */
  readonly rest: string;
  /** The current point once its path is drawn (the start of its last contour). */
  readonly end: readonly [number, number];
}

const ON_CURVE = 0x01;
const X_SHORT = 0x02;
const Y_SHORT = 0x04;
const REPEAT = 0x08;
const X_SAME_OR_POSITIVE = 0x10;
const Y_SAME_OR_POSITIVE = 0x20;

const ARGS_ARE_WORDS = 0x0001;
const ARGS_ARE_XY = 0x0002;
const HAS_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const HAS_XY_SCALE = 0x0040;
const HAS_2X2 = 0x0080;

function glyphRange(font: ChartFont, glyph: number): [number, number] {
  const [head, loca, glyf] = ["head", "loca", "glyf"].map((tag) => font.tables.get(tag));
  if (head === undefined || loca === undefined || glyf === undefined)
    throw new Error("chart font lacks a head, loca or glyf table");
  const long = font.file.readInt16BE(head + 50) === 1;
  const offset = (i: number) =>
    long ? font.file.readUInt32BE(loca + i * 4) : font.file.readUInt16BE(loca + i * 2) * 2;
  return [glyf + offset(glyph), glyf + offset(glyph + 1)];
}

/** A glyph's contours in font units, y up (TrueType `glyf`, simple and composite glyphs). */
export function glyphContours(font: ChartFont, glyph: number, depth = 0): Contour[] {
  if (depth > 8) throw new Error("chart font: composite glyphs nested too deep");
  const [start, end] = glyphRange(font, glyph);
  if (end <= start) return [];
  const contours = font.file.readInt16BE(start);
  return contours >= 0 ? simpleGlyph(font.file, start, contours) : compositeGlyph(font, start + 10, depth);
}

function simpleGlyph(file: Buffer, start: number, contourCount: number): Contour[] {
  const ends = Array.from({ length: contourCount }, (_, i) => file.readUInt16BE(start + 10 + i * 2));
  const points = (ends[ends.length - 1] ?? -1) + 1;
  let at = start + 10 + contourCount * 2;
  at += 2 + file.readUInt16BE(at); // instructions
  const flags: number[] = [];
  while (flags.length < points) {
    const flag = file.readUInt8(at++);
    flags.push(flag);
    if (flag & REPEAT) for (let n = file.readUInt8(at++); n > 0; n--) flags.push(flag);
  }
  const coordinates = (short: number, sameOrPositive: number): number[] => {
    let value = 0;
    return flags.slice(0, points).map((flag) => {
      if (flag & short) value += (flag & sameOrPositive ? 1 : -1) * file.readUInt8(at++);
      else if (!(flag & sameOrPositive)) {
        value += file.readInt16BE(at);
        at += 2;
      }
      return value;
    });
  };
  const xs = coordinates(X_SHORT, X_SAME_OR_POSITIVE);
  const ys = coordinates(Y_SHORT, Y_SAME_OR_POSITIVE);
  let first = 0;
  return ends.map((last) => {
    const contour = xs
      .slice(first, last + 1)
      .map((x, i) => ({ x, y: ys[first + i]!, on: (flags[first + i]! & ON_CURVE) !== 0 }));
    first = last + 1;
    return contour;
  });
}

function compositeGlyph(font: ChartFont, at: number, depth: number): Contour[] {
  const { file } = font;
  const contours: Contour[] = [];
  for (let more = true; more;) {
    const flags = file.readUInt16BE(at);
    const component = file.readUInt16BE(at + 2);
    at += 4;
    if (!(flags & ARGS_ARE_XY)) throw new Error("chart font: composite glyph placed by point numbers");
    const [dx, dy] =
      flags & ARGS_ARE_WORDS
        ? [file.readInt16BE(at), file.readInt16BE(at + 2)]
        : [file.readInt8(at), file.readInt8(at + 1)];
    at += flags & ARGS_ARE_WORDS ? 4 : 2;
    const f2dot14 = (offset: number) => file.readInt16BE(at + offset) / 16384;
    let [a, b, c, d] = [1, 0, 0, 1];
    if (flags & HAS_SCALE) [a, d, at] = [f2dot14(0), f2dot14(0), at + 2];
    else if (flags & HAS_XY_SCALE) [a, d, at] = [f2dot14(0), f2dot14(2), at + 4];
    else if (flags & HAS_2X2) [a, b, c, d, at] = [f2dot14(0), f2dot14(2), f2dot14(4), f2dot14(6), at + 8];
    for (const contour of glyphContours(font, component, depth + 1))
      contours.push(contour.map(({ x, y, on }) => ({ x: a * x + c * y + dx, y: b * x + d * y + dy, on })));
    more = (flags & MORE_COMPONENTS) !== 0;
  }
  return contours;
}

/** Hundredths of a pixel as an SVG number: 1234 → "12.34". */
const px = (centi: number): string => String(centi / 100);

/**
 * One glyph's outline at `scale` (px per font unit) as relative path commands: quadratic curves
 * through TrueType's on- and off-curve points, with the on-curve point implied between two
 * off-curve ones. Coordinates are rounded to 0.01 px relative to the glyph's origin, and each
 * relative step is the difference of two rounded points, so no error adds up along a contour.
 */
function sizeGlyph(contours: readonly Contour[], scale: number): SizedGlyph {
  const k = scale * 100;
  let first: [number, number] | null = null;
  let current: [number, number] = [0, 0];
  const parts: string[] = [];
  const step = (command: string, ...points: (readonly [number, number])[]): void => {
    // Every point of a relative command is relative to the current point before it.
    parts.push(command + points.map(([x, y]) => `${px(x - current[0])} ${px(y - current[1])}`).join(" "));
    current = [points[points.length - 1]![0], points[points.length - 1]![1]];
  };
  for (const contour of contours) {
    if (contour.length === 0) continue;
    const pts = contour.map(({ x, y, on }) => ({ at: [Math.round(x * k), -Math.round(y * k)] as const, on }));
    const mid = (p: readonly [number, number], q: readonly [number, number]) =>
      [Math.round((p[0] + q[0]) / 2), Math.round((p[1] + q[1]) / 2)] as const;
    const head = pts[0]!;
    const tail = pts[pts.length - 1]!;
    const [start, rest] = head.on
      ? [head.at, pts.slice(1)]
      : tail.on
        ? [tail.at, pts.slice(0, -1)]
        : [mid(tail.at, head.at), pts];
    if (first === null) {
      first = [start[0], start[1]];
      current = first;
    } else step("m", start);
    const contourStart = start;
    let control: readonly [number, number] | null = null;
    for (const p of [...rest, { at: contourStart, on: true }]) {
      if (p.on) {
        if (control) step("q", control, p.at);
        else step("l", p.at);
        control = null;
      } else {
        if (control) step("q", control, mid(control, p.at));
        control = p.at;
      }
    }
    parts.push("z");
    current = [contourStart[0], contourStart[1]];
  }
  // The first "m" is written by the caller, relative to wherever the pen is.
  return { first, rest: parts.join(""), end: current };
}

const sized = new Map<string, SizedGlyph>();
const outlines = new Map<ChartFont, Map<number, Contour[]>>();

function glyphAt(font: ChartFont, glyph: number, size: number): SizedGlyph {
  const key = `${font === CHART_FONTS.bold ? "b" : "r"}${size}:${glyph}`;
  let hit = sized.get(key);
  if (!hit) {
    let byGlyph = outlines.get(font);
    if (!byGlyph) outlines.set(font, (byGlyph = new Map()));
    let contours = byGlyph.get(glyph);
    if (!contours) byGlyph.set(glyph, (contours = glyphContours(font, glyph)));
    hit = sizeGlyph(contours, size / font.unitsPerEm);
    sized.set(key, hit);
  }
  return hit;
}

export interface TextRun {
  readonly text: string;
  readonly size: number;
  readonly bold: boolean;
  /** Where the run starts on its baseline, in px. */
  readonly x: number;
  readonly y: number;
}

/** The whole run as one path's `d`: glyph after glyph, each advanced by its width. */
export function runPath({ text, size, bold, x, y }: TextRun): string {
  const font = bold ? CHART_FONTS.bold : CHART_FONTS.regular;
  const scale = (size / font.unitsPerEm) * 100;
  const parts = [`M${px(Math.round(x * 100))} ${px(Math.round(y * 100))}`];
  let units = 0;
  let current: [number, number] = [0, 0];
  for (const char of text) {
    const glyph = font.glyph.get(char.codePointAt(0) ?? -1) ?? 0;
    const pen = Math.round(units * scale);
    const shape = glyphAt(font, glyph, size);
    if (shape.first) {
      const [fx, fy] = [pen + shape.first[0], shape.first[1]];
      parts.push(`m${px(fx - current[0])} ${px(fy - current[1])}`, shape.rest);
      current = [pen + shape.end[0], shape.end[1]];
    }
    units += font.advanceUnits(glyph);
  }
  return parts.length > 1 ? parts.join("") : "";
}

/** The run's width in px: its glyphs' advances, as measureText counts them. */
export function runWidth(text: string, size: number, bold: boolean): number {
  const font = bold ? CHART_FONTS.bold : CHART_FONTS.regular;
  let units = 0;
  for (const char of text) units += font.advanceUnits(font.glyph.get(char.codePointAt(0) ?? -1) ?? 0);
  return (units * size) / font.unitsPerEm;
}

/** How far below a "central" baseline the alphabetic one is, in em (as resvg places it). */
const centralShift = (font: ChartFont): number => (font.ascent + font.descent) / 2 / font.unitsPerEm;

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) =>
    name[0] === "#"
      ? String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1)))
      : (ENTITIES[name] ?? whole),
  );

/** What SVG draws of a text's characters: whitespace kept (xml:space="preserve") or collapsed. */
const svgSpaces = (text: string, preserve: boolean): string =>
  preserve
    ? text.replace(/[\n\r\t]/g, " ")
    : text
        .replace(/[\n\r]/g, "")
        .replace(/\t/g, " ")
        .replace(/ +/g, " ")
        .trim();

const KNOWN = new Set([
  "dominant-baseline",
  "text-anchor",
  "style",
  "xml:space",
  "x",
  "y",
  "transform",
  "fill",
  "fill-opacity",
  "opacity",
]);
const PASSED_ON = ["fill", "fill-opacity", "opacity"] as const;

/** One <text> as a <path>, or null when it uses something this does not draw. */
export function textAsPath(attributes: string, content: string): string | null {
  if (content.includes("<")) return null;
  const attrs = new Map<string, string>();
  for (const [, name, value] of attributes.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs.set(name!, value!);
  if ([...attrs.keys()].some((name) => !KNOWN.has(name))) return null;
  const style = new Map<string, string>();
  for (const declaration of (attrs.get("style") ?? "").split(";")) {
    const [name, value] = declaration.split(":").map((part) => part.trim());
    if (name) style.set(name, value ?? "");
  }
  if ([...style.keys()].some((name) => !["font-size", "font-family", "font-weight"].includes(name))) return null;
  const size = /^(\d+(?:\.\d+)?)px$/.exec(style.get("font-size") ?? "")?.[1];
  const weight = style.get("font-weight") ?? "normal";
  if (size === undefined || !/^(normal|bold|[1-9]00)$/.test(weight)) return null;
  const bold = /^(bold|[6-9]00)$/.test(weight);
  const translate = /^translate\(\s*(-?[\d.]+)[\s,]+(-?[\d.]+)\s*\)$/.exec(attrs.get("transform") ?? "translate(0 0)");
  const baseline = attrs.get("dominant-baseline") ?? "auto";
  const anchor = attrs.get("text-anchor") ?? "start";
  if (
    !translate ||
    !["auto", "alphabetic", "central"].includes(baseline) ||
    !["start", "middle", "end"].includes(anchor)
  )
    return null;
  const [x, y] = [Number(attrs.get("x") ?? 0), Number(attrs.get("y") ?? 0)];
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  const text = svgSpaces(decodeEntities(content), attrs.get("xml:space") === "preserve");
  const fontSize = Number(size);
  const font = bold ? CHART_FONTS.bold : CHART_FONTS.regular;
  const width = runWidth(text, fontSize, bold);
  const d = runPath({
    text,
    size: fontSize,
    bold,
    x: Number(translate[1]) + x - (anchor === "middle" ? width / 2 : anchor === "end" ? width : 0),
    y: Number(translate[2]) + y + (baseline === "central" ? centralShift(font) * fontSize : 0),
  });
  if (!d) return "";
  const paint = PASSED_ON.filter((name) => attrs.has(name))
    .map((name) => ` ${name}="${attrs.get(name)}"`)
    .join("");
  return `<path d="${d}"${paint}></path>`;
}

/** Every <text> of the SVG that textAsPath understands, drawn as a path; the others left as they are. */
export function outlineText(svg: string): string {
  return svg.replace(
    /<text\b([^>]*)>([^<]*)<\/text>/g,
    (whole, attributes: string, content: string) => textAsPath(attributes, content) ?? whole,
  );
}
