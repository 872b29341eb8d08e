// The score histogram's colours: a bin is passed or below only when all its scores are, so a
// threshold inside a bin (any threshold not a multiple of ten) never paints passing scores red.
import { describe, expect, it } from "vitest";
import { chartOption } from "../../../media/charts/option.js";
import { binColour } from "../../../media/charts/panels.js";
import { PALETTES } from "../../../media/charts/theme.js";
import { factorySpec } from "./specs.js";

const { pass, fail, mixed } = PALETTES.light;
const colours = (threshold: number) =>
  Array.from({ length: 10 }, (_, bin) => binColour(bin, threshold, PALETTES.light));

describe("the score histogram's bins", () => {
  it("GIVEN a threshold of 70 WHEN coloured THEN 0-69 are below and 70-100 passed", () => {
    expect(colours(70)).toEqual([...Array(7).fill(fail), ...Array(3).fill(pass)]);
  });

  it("GIVEN a threshold of 65 WHEN coloured THEN the 60-69 bin is neither", () => {
    expect(colours(65)).toEqual([...Array(6).fill(fail), mixed, ...Array(3).fill(pass)]);
  });

  it("GIVEN the thresholds at the ends WHEN coloured THEN 0 passes everything and 100 leaves 90-100 mixed", () => {
    expect(colours(0)).toEqual(Array(10).fill(pass));
    expect(colours(100)).toEqual([...Array(9).fill(fail), mixed]);
    expect(colours(91)).toEqual([...Array(9).fill(fail), mixed]);
  });

  it("GIVEN the factory chart with a threshold of 65 WHEN its option is built THEN the bars carry those colours", () => {
    const spec = factorySpec("en");
    const panels = spec.panels.map((panel) => (panel.kind === "histogram" ? { ...panel, threshold: 65 } : panel));
    const { option } = chartOption({ ...spec, panels }, PALETTES.light);
    const series = (Array.isArray(option.series) ? option.series : [option.series]).find(
      (s) => s?.type === "bar" && Array.isArray(s.markLine?.data),
    );
    const data = (series?.data ?? []) as { itemStyle: { color: string } }[];
    expect(data.map((d) => d.itemStyle.color)).toEqual(colours(65));
    expect(data[6]!.itemStyle.color).toBe(mixed);
  });
});
