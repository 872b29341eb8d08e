import { describe, expect, it } from "vitest";
import { lastDays, perDay, startOf } from "../../../core/insights/days.js";

describe("chart days", () => {
  it("are the last n UTC days up to today, across a month and a year", () => {
    // 00:30 on 2 January in UTC is still 1 January in New York: days are UTC's, whatever the machine.
    const days = lastDays(new Date("2027-01-02T00:30:00Z"), 4);
    expect(days).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(startOf(days).toISOString()).toBe("2026-12-30T00:00:00.000Z");
    expect(lastDays(new Date("2028-03-01T23:59:59Z"), 2)).toEqual(["2028-02-29", "2028-03-01"]);
  });

  it("spread sparse sums over the days, adding repeats and dropping days outside", () => {
    const days = ["2026-11-28", "2026-11-29", "2026-11-30"];
    const pairs = [
      ["2026-11-30", 2n],
      ["2026-11-28", 5n],
      ["2026-11-30", 1n],
      ["2026-11-27", 100n],
    ] as const;
    expect(perDay<bigint>(days, pairs, 0n, (a, b) => a + b)).toEqual([5n, 0n, 3n]);
  });
});
