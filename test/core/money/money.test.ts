import { describe, expect, it } from "vitest";
import { addMoney, formatMoney, money, parseMoney } from "../../../core/money/money.js";
import { createTokenRegistry } from "../../../core/money/tokens.js";
import { TEST_MINTS } from "../../support/core-deps.js";

const tokens = createTokenRegistry(TEST_MINTS);

describe("money typed by people", () => {
  it.each([
    ["12.5 USDC", "USDC", 12_500_000n],
    ["25 usdc", "USDC", 25_000_000n],
    ["$CLONES 1,000", "CLONES", 1_000n * 10n ** 9n],
    ["0.000000001 SOL", "SOL", 1n],
    ["0.5 WETH", "WETH", 50_000_000n],
  ])("%j → %s %s", (input, token, amount) => {
    expect(parseMoney(input, tokens)).toEqual({ ok: true, value: { token, units: amount } });
  });

  it.each([
    ["12.5", "INVALID_INPUT"],
    ["12.5 USDC please", "INVALID_INPUT"],
    ["12.5 DOGE", "TOKEN_UNKNOWN"],
    ["1.0000001 USDC", "AMOUNT_TOO_PRECISE"],
    ["-3 USDC", "AMOUNT_INVALID"],
    ["1e3 USDC", "AMOUNT_INVALID"],
  ])("%j → %s", (input, code) => {
    const result = parseMoney(input, tokens);
    expect(!result.ok && result.error.code).toBe(code);
  });

  it("formats and adds only the same token", () => {
    expect(formatMoney(money("USDC", 12_500_000n), tokens)).toBe("12.5 USDC");
    expect(addMoney(money("SOL", 1n), money("SOL", 2n))).toEqual(money("SOL", 3n));
    expect(() => addMoney(money("SOL", 1n), money("USDC", 1n))).toThrow(TypeError);
  });
});
