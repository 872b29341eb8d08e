// Text drawn from glyph outlines (media/charts/outline.ts) against resvg drawing the same <text>
// with the same fonts: the same letters in the same places, for what ECharts writes (a "central"
// baseline, start/middle/end anchors, bold, entities, accented letters made of two glyphs).
// Strings here avoid kerning pairs, which resvg applies and the chart layout does not.
import { Resvg } from "@resvg/resvg-js";
import pixelmatch from "pixelmatch";
import { describe, expect, it } from "vitest";
import { chartSvg } from "../../../media/charts/index.js";
import { CHART_FONTS, FONT_FAMILY, FONT_FILES, measureText } from "../../../media/charts/font-metrics.js";
import { glyphContours, outlineText, runWidth, textAsPath } from "../../../media/charts/outline.js";
import { GOLDEN_SPECS } from "./specs.js";

const [WIDTH, HEIGHT] = [240, 60];
const page = (body: string) =>
  `<svg width="${WIDTH}" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}">` +
  `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"></rect>${body}</svg>`;

const draw = (svg: string, withFonts: boolean) =>
  new Resvg(svg, {
    font: withFonts
      ? { fontFiles: [FONT_FILES.regular, FONT_FILES.bold], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }
      : { loadSystemFonts: false },
    fitTo: { mode: "zoom", value: 2 },
  }).render().pixels;

/** Pixels that differ between resvg's own text and the outlined text, drawn at 2×. */
function differingPixels(text: string): number {
  const svg = page(text);
  const outlined = outlineText(svg);
  expect(outlined).not.toContain("<text");
  return pixelmatch(draw(svg, true), draw(outlined, false), null, WIDTH * 2, HEIGHT * 2, { threshold: 0.1 });
}

const inkedPixels = (svg: string) => {
  const pixels = draw(svg, true);
  let inked = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) inked++;
  return inked;
};

const text = (attributes: string, content: string, size = 20, weight = "") =>
  `<text dominant-baseline="central" ${attributes} style="font-size:${size}px;font-family:'DejaVu Sans';${weight}" fill="#000000">${content}</text>`;

describe("text drawn as outlines", () => {
  it.each([
    ["start", 'text-anchor="start" transform="translate(10 30)"', "12 345,67 %"],
    ["middle", 'text-anchor="middle" y="2.5" transform="translate(120 28)"', "2026 · 30"],
    ["end", 'text-anchor="end" transform="translate(230 30)"', "0,5 SOL"],
  ])(
    "GIVEN a %s-anchored label WHEN outlined THEN resvg draws the same pixels as its own text",
    (_, attributes, content) => {
      const ink = inkedPixels(page(text(attributes, content)));
      expect(ink).toBeGreaterThan(300);
      expect(differingPixels(text(attributes, content))).toBeLessThan(ink * 0.02);
    },
  );

  it("GIVEN bold text, entities and accented letters built from two glyphs WHEN outlined THEN they match resvg too", () => {
    const accented = CHART_FONTS.regular.glyph.get("í".codePointAt(0)!)!;
    expect(CHART_FONTS.regular.file.readInt16BE(glyphStart(accented))).toBeLessThan(0); // a composite glyph
    const body =
      text('text-anchor="start" transform="translate(8 18)"', "&lt;5 &amp; 6&#62;", 16, "font-weight:bold;") +
      text('text-anchor="start" transform="translate(8 42)"', "í ú ñ é", 18);
    const ink = inkedPixels(page(body));
    expect(ink).toBeGreaterThan(300);
    expect(differingPixels(body)).toBeLessThan(ink * 0.02);
  });

  it("GIVEN a label WHEN outlined THEN it is as wide as the layout measured it (ECharts placed it by that width)", () => {
    for (const label of ["Ganancias por día (USDC)", "Ω ≠ ✓ 😀"])
      for (const bold of [false, true])
        expect(runWidth(label, 15, bold)).toBeCloseTo(
          measureText(label, `${bold ? "bold " : ""}15px '${FONT_FAMILY}'`).width,
          6,
        );
  });

  it("GIVEN spaces WHEN outlined THEN they collapse unless xml:space says preserve, as SVG draws them", () => {
    const path = (space: string, content: string) =>
      textAsPath(
        `text-anchor="start" ${space}style="font-size:12px;font-family:'DejaVu Sans';" transform="translate(1 2)"`,
        content,
      );
    expect(path("", "  1   2 ")).toBe(path("", "1 2"));
    expect(path('xml:space="preserve" ', "  1   2 ")).not.toBe(path('xml:space="preserve" ', "1 2"));
    expect(path("", "   ")).toBe("");
  });

  it("GIVEN a text with a part this does not draw (a tspan, a rotation, a stroke) WHEN outlined THEN it is left for resvg", () => {
    const kept = [
      `<text transform="translate(1 2)" style="font-size:12px;"><tspan>1</tspan></text>`,
      `<text transform="rotate(45)" style="font-size:12px;">1</text>`,
      `<text transform="translate(1 2)" stroke="#000" style="font-size:12px;">1</text>`,
      `<text transform="translate(1 2)" style="font-size:12px;letter-spacing:2px">1</text>`,
      `<text transform="translate(1 2)" dominant-baseline="hanging" style="font-size:12px;">1</text>`,
    ];
    for (const svg of kept) expect(outlineText(svg)).toBe(svg);
  });

  it("GIVEN every sample chart WHEN outlined THEN no text is left for resvg (so it loads no font)", () => {
    for (const build of Object.values(GOLDEN_SPECS))
      for (const locale of ["en", "es"] as const) {
        const svg = chartSvg(build(locale), "light");
        expect(svg).toContain("<text");
        expect(outlineText(svg)).not.toContain("<text");
      }
  });

  it("GIVEN a glyph WHEN read THEN its contours are closed point lists with on-curve points", () => {
    const h = glyphContours(CHART_FONTS.bold, CHART_FONTS.bold.glyph.get(0x48)!);
    expect(h.length).toBeGreaterThan(0);
    for (const contour of h) expect(contour.some((p) => p.on)).toBe(true);
    expect(glyphContours(CHART_FONTS.regular, CHART_FONTS.regular.glyph.get(0x20)!)).toEqual([]);
  });
});

function glyphStart(glyph: number): number {
  const font = CHART_FONTS.regular;
  const [head, loca, glyf] = [font.tables.get("head")!, font.tables.get("loca")!, font.tables.get("glyf")!];
  const long = font.file.readInt16BE(head + 50) === 1;
  return glyf + (long ? font.file.readUInt32BE(loca + glyph * 4) : font.file.readUInt16BE(loca + glyph * 2) * 2);
}
