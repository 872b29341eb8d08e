import { describe, expect, it } from "vitest";
import { formatAmount, parseAmount } from "../../../core/money/amount.js";
import { applyBps, mulDivFloor } from "../../../core/money/bps.js";
import { U64_MAX, units } from "../../../core/money/units.js";

describe("parseAmount", () => {
  it.each([
    ["12.5", 6, 12_500_000n],
    ["0.000001", 6, 1n],
    ["1", 9, 1_000_000_000n],
    ["1.10", 1, 11n],
    [" 25 ", 6, 25_000_000n],
    ["1_000", 0, 1000n],
    ["0", 6, 0n],
    ["18446744073709551615", 0, U64_MAX],
  ])("GIVEN %j with %i decimals THEN %s base units", (input, decimals, expected) => {
    expect(parseAmount(input, decimals)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["1.0000001", 6, "AMOUNT_TOO_PRECISE"],
    ["0.1", 0, "AMOUNT_TOO_PRECISE"],
    ["-1", 6, "AMOUNT_INVALID"],
    ["1e6", 6, "AMOUNT_INVALID"],
    ["", 6, "AMOUNT_INVALID"],
    ["abc", 6, "AMOUNT_INVALID"],
    ["1.", 6, "AMOUNT_INVALID"],
    [".5", 6, "AMOUNT_INVALID"],
    ["NaN", 6, "AMOUNT_INVALID"],
    ["18446744073709551616", 0, "AMOUNT_OUT_OF_RANGE"],
    ["18446744073.709551616", 9, "AMOUNT_OUT_OF_RANGE"],
  ])("GIVEN %j with %i decimals THEN %s", (input, decimals, code) => {
    const result = parseAmount(input, decimals);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe("formatAmount", () => {
  it.each([
    [12_500_000n, 6, "12.5"],
    [1n, 6, "0.000001"],
    [3_000_000_000n, 9, "3"],
    [0n, 6, "0"],
    [-1_500_000n, 6, "-1.5"],
    [U64_MAX, 9, "18446744073.709551615"],
  ])("GIVEN %s units with %i decimals THEN %j", (value, decimals, expected) => {
    expect(formatAmount(value, decimals)).toBe(expected);
  });

  it("round-trips with parseAmount", () => {
    for (const v of [0n, 1n, 999_999n, 10n ** 18n, U64_MAX]) {
      expect(parseAmount(formatAmount(v, 9), 9)).toEqual({ ok: true, value: v });
    }
  });
});

describe("units and basis points", () => {
  it("units rejects values outside u64", () => {
    expect(() => units(-1n)).toThrow("AMOUNT_OUT_OF_RANGE");
    expect(() => units(U64_MAX + 1n)).toThrow("AMOUNT_OUT_OF_RANGE");
    expect(units(U64_MAX)).toBe(U64_MAX);
  });

  it.each([
    [1_000n, 1_000, 100n],
    [999n, 1_000, 99n],
    [9n, 1_000, 0n],
    [U64_MAX, 10_000, U64_MAX],
    [U64_MAX, 1, U64_MAX / 10_000n],
  ])("applyBps(%s, %i) floors to %s", (amount, bps, expected) => {
    expect(applyBps(units(amount), bps)).toBe(expected);
  });

  it("applyBps rejects bps outside 0..10000", () => {
    expect(() => applyBps(units(1n), 10_001)).toThrow(RangeError);
    expect(() => applyBps(units(1n), -1)).toThrow(RangeError);
  });

  it("mulDivFloor floors", () => {
    expect(mulDivFloor(units(999_999n), 87n, 100n)).toBe(869_999n);
    expect(() => mulDivFloor(units(1n), 1n, 0n)).toThrow(RangeError);
  });
});
