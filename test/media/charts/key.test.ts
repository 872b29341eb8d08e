// The content key a bot caches an uploaded chart under: equal data, equal key; any change to
// what is drawn, another key.
import { describe, expect, it } from "vitest";
import { chartKey, chartPng, type ChartSpec } from "../../../media/charts/index.js";
import { earningsSpec, factorySpec } from "./specs.js";

/** The same spec with its object keys in reverse order: another object, the same data. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    );
  return value;
}

describe("chartKey", () => {
  it("GIVEN two equal specs built separately, keys in another order WHEN keyed THEN the keys are equal", () => {
    const a = factorySpec("en");
    const b = reordered(factorySpec("en")) as ChartSpec;
    expect(chartKey(a, "dark")).toBe(chartKey(b, "dark"));
    expect(chartKey(a, "dark")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("GIVEN a spec WHEN its PNG is drawn THEN the PNG's key is chartKey's", () => {
    const spec = earningsSpec("es");
    expect(chartPng(spec, "light").key).toBe(chartKey(spec, "light"));
  });

  const base = earningsSpec("en");
  const first = base.panels[0];
  if (first?.kind !== "daily") throw new Error("the earnings sample starts with a daily panel");
  const withFirst = (panel: typeof first): ChartSpec => ({ ...base, panels: [panel, ...base.panels.slice(1)] });
  const changes: Record<string, ChartSpec> = {
    "one value": withFirst({
      ...first,
      series: [
        { ...first.series[0]!, values: first.series[0]!.values.map((v, i) => (i === 3 ? v + 0.01 : v)) },
        ...first.series.slice(1),
      ],
    }),
    "a series name": withFirst({
      ...first,
      series: [{ ...first.series[0]!, name: "Paid out" }, ...first.series.slice(1)],
    }),
    "a panel title": withFirst({ ...first, title: "Earned per day" }),
    "a unit": withFirst({ ...first, unit: "USDT" }),
    "the title": { ...base, title: `${base.title}!` },
    "the subtitle": { ...base, subtitle: undefined },
    "the locale": { ...base, locale: "en-GB" },
    "the days": { ...base, days: base.days.map((d, i) => (i === 0 ? "2026-10-31" : d)) },
    "the empty text": { ...base, emptyText: "Nothing here" },
    "the panel order": { ...base, panels: [...base.panels].reverse() },
  };

  it.each(Object.entries(changes))("GIVEN %s changed WHEN keyed THEN the key changes", (_, changed) => {
    expect(chartKey(changed, "light")).not.toBe(chartKey(base, "light"));
  });

  it("GIVEN the same spec WHEN keyed for light and for dark THEN the keys differ", () => {
    expect(chartKey(base, "light")).not.toBe(chartKey(base, "dark"));
  });
});
