import { z } from "zod";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";

export const TOKEN_SYMBOLS = ["SOL", "USDC", "CLONES", "WETH"] as const;
export const TokenSymbolSchema = z.enum(TOKEN_SYMBOLS);
export type TokenSymbol = z.infer<typeof TokenSymbolSchema>;

export interface TokenInfo {
  readonly symbol: TokenSymbol;
  /** Mint address; null for native SOL. */
  readonly mint: string | null;
  readonly decimals: number;
}

/** Decimals of the known tokens (wrapped ETH on Solana uses 8). CLONES can be overridden from its mint. */
export const DEFAULT_DECIMALS: Readonly<Record<TokenSymbol, number>> = { SOL: 9, USDC: 6, CLONES: 9, WETH: 8 };

export interface TokenRegistry {
  get(symbol: TokenSymbol): TokenInfo;
  /** Tokens usable for funding: SOL always, SPL tokens once their mint is configured. */
  list(): readonly TokenInfo[];
  parseSymbol(input: string): Result<TokenInfo, DomainError>;
}

export function createTokenRegistry(
  mints: Partial<Record<Exclude<TokenSymbol, "SOL">, string>>,
  decimals: Partial<Record<TokenSymbol, number>> = {},
): TokenRegistry {
  const infos = TOKEN_SYMBOLS.map((symbol): TokenInfo => ({
    symbol,
    mint: symbol === "SOL" ? null : (mints[symbol] ?? null),
    decimals: decimals[symbol] ?? DEFAULT_DECIMALS[symbol],
  }));
  const bySymbol = new Map(infos.map((t) => [t.symbol, t]));
  const usable = infos.filter((t) => t.symbol === "SOL" || t.mint !== null);
  return {
    get: (symbol) => bySymbol.get(symbol)!,
    list: () => usable,
    parseSymbol(input) {
      const parsed = TokenSymbolSchema.safeParse(input.trim().toUpperCase().replace(/^\$/, ""));
      if (!parsed.success) return fail("TOKEN_UNKNOWN", { input });
      const info = bySymbol.get(parsed.data)!;
      return usable.includes(info) ? ok(info) : fail("TOKEN_UNKNOWN", { input, reason: "mint not configured" });
    },
  };
}
