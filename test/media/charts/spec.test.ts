// What the chart module refuses (a caller's programming error) and what it quietly makes
// drawable (text the fonts lack), checked on the SVG it produces.
import { describe, expect, it } from "vitest";
import { chartSvg, type ChartSpec } from "../../../media/charts/index.js";
import { DAYS, earningsSpec, emptySpec } from "./specs.js";

const daily = (values: number[]): ChartSpec => ({
  locale: "en",
  title: "Earnings",
  days: DAYS,
  emptyText: "Nothing yet",
  panels: [{ kind: "daily", title: "Per day", unit: "USDC", series: [{ name: "Paid", values }] }],
});

describe("chartSvg refuses specs it cannot draw as declared", () => {
  it("GIVEN a daily series with one value fewer than days WHEN drawn THEN it throws a plain Error naming the series", () => {
    expect(() => chartSvg(daily(DAYS.slice(1).map(() => 1)), "light")).toThrow(
      /series "Paid" has 29 values for 30 days/,
    );
  });

  it("GIVEN no panels or five WHEN drawn THEN it throws", () => {
    const spec = daily(DAYS.map(() => 1));
    expect(() => chartSvg({ ...spec, panels: [] }, "light")).toThrow(/1 to 4/);
    expect(() => chartSvg({ ...spec, panels: Array(5).fill(spec.panels[0]) }, "light")).toThrow(/1 to 4/);
  });

  it("GIVEN a value that is not a finite number or a day that is not a date WHEN drawn THEN it throws", () => {
    expect(() => chartSvg(daily(DAYS.map((_, i) => (i === 4 ? Number.NaN : 1))), "light")).toThrow(/finite/);
    expect(() => chartSvg({ ...daily(DAYS.map(() => 1)), days: ["2026-13-45", ...DAYS.slice(1)] }, "light")).toThrow(
      /bad day/,
    );
  });

  it("GIVEN a histogram with 9 bins WHEN drawn THEN it throws", () => {
    const spec: ChartSpec = {
      ...daily([]),
      days: [],
      panels: [
        { kind: "histogram", title: "Scores", bins: Array(9).fill(1), threshold: 70, thresholdLabel: "Threshold" },
      ],
    };
    expect(() => chartSvg(spec, "dark")).toThrow(/9 bins/);
  });
});

describe("chartSvg draws what a phone can show", () => {
  it("GIVEN titles and names with emoji WHEN drawn THEN the emoji are dropped and the words kept", () => {
    const spec = { ...daily(DAYS.map(() => 2)), title: "🚀 Ganancias por día 💰", subtitle: "Año 2026 ✨" };
    const svg = chartSvg(spec, "light");
    expect(svg).toContain(">Ganancias por día<");
    expect(svg).toContain(">Año 2026<");
    expect(svg).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it("GIVEN a title far wider than the picture WHEN drawn THEN it is cut with an ellipsis", () => {
    const svg = chartSvg({ ...daily(DAYS.map(() => 2)), title: "A very long title ".repeat(10) }, "light");
    expect(svg).toMatch(/>A very long title[^<]*…</);
  });

  it("GIVEN any sample WHEN drawn THEN no text uses the font shorthand resvg ignores, and only the chart font", () => {
    for (const svg of [chartSvg(earningsSpec("es"), "dark"), chartSvg(emptySpec("en"), "light")]) {
      expect(svg).not.toMatch(/font:/);
      const families = new Set(
        [...svg.matchAll(/font-family:([^;"]+)/g)].map((m) => m[1]!.replace(/['"]/g, "").trim()),
      );
      expect([...families]).toEqual(["DejaVu Sans"]);
    }
  });

  it("GIVEN Spanish WHEN drawn THEN the days are written the Spanish way, in UTC", () => {
    const svg = chartSvg({ ...daily(DAYS.map(() => 2)), locale: "es" }, "light");
    expect(svg).toContain(">30 nov<");
    expect(svg).not.toContain(">Nov 30<");
  });

  it("GIVEN an all-zero panel WHEN drawn THEN it shows the empty text instead of axes", () => {
    const svg = chartSvg(daily(DAYS.map(() => 0)), "dark");
    expect(svg).toContain(">Nothing yet<");
    expect(svg).not.toContain(">Nov 30<");
  });

  it("GIVEN the threshold at 100, one referral, three days and one balance point WHEN drawn THEN it draws, the threshold's label ending at its line", () => {
    const spec: ChartSpec = {
      locale: "es",
      title: "Bordes",
      days: DAYS.slice(-3),
      emptyText: "Nada todavía",
      panels: [
        { kind: "daily", title: "Tres días", unit: "SOL", series: [{ name: "Pagado", values: [0.0001, 0.0003, 0] }] },
        { kind: "bars", title: "Uno", unit: "CLONES", rows: [{ label: "@solo", value: 1_234_567 }] },
        {
          kind: "histogram",
          title: "Puntuaciones",
          bins: [0, 0, 0, 0, 0, 0, 0, 0, 0, 5],
          threshold: 100,
          thresholdLabel: "Umbral",
        },
        { kind: "line", title: "Un punto", unit: "USDC", points: [{ at: "2026-11-30T10:00:00Z", value: 12.5 }] },
      ],
    };
    const svg = chartSvg(spec, "dark");
    expect(svg).toMatch(/text-anchor="end"[^>]*>Umbral 100</);
    expect(svg).toMatch(/>1,2\sM</);
    expect(svg).toContain(">0,0002<");
  });
});

describe("a legend with more names than one line holds", () => {
  it("GIVEN four long series names WHEN drawn THEN every name is in the picture, whole, and the plot moves down to make room", () => {
    const names = ["Passed", "Below the threshold", "Waiting for a score", "Refused or given up"];
    const spec = (count: number): ChartSpec => ({
      ...daily(DAYS.map(() => 1)),
      panels: [
        {
          kind: "daily",
          title: "Submissions per day",
          unit: "",
          series: names.slice(0, count).map((name) => ({ name, values: DAYS.map(() => 1) })),
        },
      ],
    });
    const svg = chartSvg(spec(4), "light");
    for (const name of names) expect(svg).toContain(`>${name}<`);
    const height = (s: string) => Number(/<svg[^>]*height="(\d+)"/.exec(s)?.[1]);
    expect(height(svg)).toBeGreaterThan(height(chartSvg(spec(2), "light")));
  });
});
