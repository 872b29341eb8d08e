import { describe, expect, it } from "vitest";
import { createTokenRegistry } from "../../../core/money/tokens.js";

describe("token registry", () => {
  const registry = createTokenRegistry({ USDC: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v" }, { CLONES: 6 });

  it("knows the decimals of SOL 9, USDC 6, WETH 8 and a configured CLONES", () => {
    expect(registry.get("SOL").decimals).toBe(9);
    expect(registry.get("USDC").decimals).toBe(6);
    expect(registry.get("WETH").decimals).toBe(8);
    expect(registry.get("CLONES").decimals).toBe(6);
  });

  it("offers SOL and the SPL tokens whose mint is configured", () => {
    expect(registry.list().map((t) => t.symbol)).toEqual(["SOL", "USDC"]);
  });

  it.each([
    ["usdc", "USDC"],
    ["$SOL", "SOL"],
    [" Usdc ", "USDC"],
  ])("parses %j as %s", (input, symbol) => {
    const parsed = registry.parseSymbol(input);
    expect(parsed.ok && parsed.value.symbol).toBe(symbol);
  });

  it.each(["CLONES", "BTC", ""])("rejects %j (unknown or mint not configured)", (input) => {
    const parsed = registry.parseSymbol(input);
    expect(!parsed.ok && parsed.error.code).toBe("TOKEN_UNKNOWN");
  });
});
