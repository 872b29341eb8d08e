import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTypedAmount } from "../../../core/money/typed-amount.js";
import { parseMoney } from "../../../core/money/money.js";
import { createTokenRegistry } from "../../../core/money/tokens.js";
import { TEST_MINTS } from "../../support/core-deps.js";

const tokens = createTokenRegistry(TEST_MINTS);
const read = (input: string, locale: string) => parseTypedAmount(input, 6, locale);
const micro = (n: string) => BigInt(Math.round(Number(n) * 1e6));

describe("amounts as people type them", () => {
  it.each([
    ["en", "12.5", "12.5"],
    ["en", "1,234.5", "1234.5"],
    ["en", "1,234", "1234"],
    ["en", "1,234,567.25", "1234567.25"],
    ["en", "12,5", "12.5"], // a decimal comma, never 125
    ["en", "0,5", "0.5"],
    ["en", "1.234", "1.234"],
    ["en", "1.234,5", "1234.5"],
    ["es", "12,5", "12.5"],
    ["es", "1.234,5", "1234.5"],
    ["es", "1.234.567,25", "1234567.25"],
    ["es", "1.234.567", "1234567"],
    ["es", "12.5", "12.5"], // a decimal point, as much of Latin America writes it
    ["es", "1,234.5", "1234.5"],
    ["es", "1234,5", "1234.5"],
    ["es", "0,500", "0.5"],
    ["es", "1,2340", "1.234"],
    ["es", "25", "25"],
    ["es-419", "3,75", "3.75"],
  ])("in %s, %j is %s", (locale, input, value) => {
    expect(read(input, locale)).toEqual({ ok: true, value: micro(value) });
  });

  it.each([
    ["es", "1,234", "1234", "1,2340"],
    ["es", "1.234", "1234", "1.2340"],
    ["es", "12,500", "12500", "12,5000"],
    ["es", "999.999", "999999", "999.9990"],
  ])(
    "in %s, %j could be thousands or decimals: refused, naming both forms that work",
    (locale, input, whole, decimal) => {
      const result = read(input, locale);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error).toMatchObject({ code: "AMOUNT_AMBIGUOUS", context: { input, whole, decimal } });
    },
  );

  it.each([
    ["en", "1,23,4"],
    ["en", "1,234,5"],
    ["en", "12,,5"],
    ["en", "1.2.3"],
    ["en", "1,234.5.6"],
    ["en", ",5"],
    ["en", "5,"],
    ["en", "1 234"],
    ["en", "0,123,456"],
    ["es", "1.23,4"],
    ["es", "12,5,0"],
    ["es", "1.234.5"],
    ["es", "-3"],
  ])("in %s, %j is not an amount (thousands separators only in groups of three)", (locale, input) => {
    const result = read(input, locale);
    expect(!result.ok && result.error.code).toBe("AMOUNT_INVALID");
  });

  it("keeps the mint's precision and range checks", () => {
    const tooPrecise = parseTypedAmount("0,0000001", 6, "es");
    expect(!tooPrecise.ok && tooPrecise.error.code).toBe("AMOUNT_TOO_PRECISE");
    const tooLarge = parseTypedAmount("18.446.744.073.709.551.616", 0, "es");
    expect(!tooLarge.ok && tooLarge.error.code).toBe("AMOUNT_OUT_OF_RANGE");
  });

  it("parseMoney reads the person's decimal comma: 12,5 USDC is 12.5, never 125", () => {
    expect(parseMoney("12,5 USDC", tokens, "es")).toEqual({ ok: true, value: { token: "USDC", units: 12_500_000n } });
    expect(parseMoney("$CLONES 1.000,5", tokens, "es")).toEqual({
      ok: true,
      value: { token: "CLONES", units: 1_000_500_000_000n },
    });
    expect(parseMoney("12,5 USDC", tokens)).toEqual({ ok: true, value: { token: "USDC", units: 12_500_000n } });
    const ambiguous = parseMoney("1.000 USDC", tokens, "es");
    expect(!ambiguous.ok && ambiguous.error.code).toBe("AMOUNT_AMBIGUOUS");
  });
});

/** An amount written the way a convention writes it, with or without thousands separators. */
function written(units: bigint, decimals: number, style: { group: string; point: string; grouped: boolean }): string {
  const scale = 10n ** BigInt(decimals);
  const whole = (units / scale).toString();
  const fraction = (units % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  const head = style.grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, style.group) : whole;
  return fraction ? `${head}${style.point}${fraction}` : head;
}

describe("never misread: any amount written either way", () => {
  const amount = fc.record({
    units: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    decimals: fc.integer({ min: 0, max: 9 }),
    grouped: fc.boolean(),
    spanishStyle: fc.boolean(),
  });
  const style = (spanish: boolean, grouped: boolean) =>
    spanish ? { group: ".", point: ",", grouped } : { group: ",", point: ".", grouped };

  it("in Spanish, reads as itself or is refused as ambiguous, whichever convention wrote it", () => {
    fc.assert(
      fc.property(amount, ({ units, decimals, grouped, spanishStyle }) => {
        const text = written(units, decimals, style(spanishStyle, grouped));
        const result = parseTypedAmount(text, decimals, "es");
        if (result.ok) expect(result.value).toBe(units);
        else expect(result.error.code).toBe("AMOUNT_AMBIGUOUS");
      }),
      { numRuns: 2_000 },
    );
  });

  it("in Spanish, only a lone separator before exactly three digits is refused", () => {
    fc.assert(
      fc.property(amount, ({ units, decimals, grouped, spanishStyle }) => {
        const text = written(units, decimals, style(spanishStyle, grouped));
        const lone = /^[1-9]\d{0,2}[.,]\d{3}$/.test(text);
        expect(parseTypedAmount(text, decimals, "es").ok).toBe(!lone);
      }),
      { numRuns: 2_000 },
    );
  });

  it("in English, an amount written the English way reads as itself", () => {
    fc.assert(
      fc.property(amount, ({ units, decimals, grouped }) => {
        const text = written(units, decimals, style(false, grouped));
        expect(parseTypedAmount(text, decimals, "en")).toEqual({ ok: true, value: units });
      }),
      { numRuns: 2_000 },
    );
  });
});
