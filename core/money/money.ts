import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { formatAmount } from "./amount.js";
import type { TokenRegistry, TokenSymbol } from "./tokens.js";
import { parseTypedAmount } from "./typed-amount.js";
import { units, type Units } from "./units.js";

/** An amount bound to its token, so that USDC units are never added to lamports. */
export interface Money {
  readonly token: TokenSymbol;
  readonly units: Units;
}

export const money = (token: TokenSymbol, amount: bigint): Money => ({ token, units: units(amount) });

/** Adds amounts of the same token; mixing tokens is a bug and throws. */
export function addMoney(a: Money, b: Money): Money {
  if (a.token !== b.token) throw new TypeError(`cannot add ${a.token} to ${b.token}`);
  return money(a.token, a.units + b.units);
}

/**
 * Parses what a person types, "12.5 USDC" or "$CLONES 1,000", into base units of that token,
 * reading the amount as people of `locale` write it (see `parseTypedAmount`: "12,5" is 12.5 in
 * every language, never 125).
 * Errors: INVALID_INPUT (not "<amount> <token>"), TOKEN_UNKNOWN, AMOUNT_INVALID,
 * AMOUNT_AMBIGUOUS (thousands or decimals, for this language), AMOUNT_TOO_PRECISE (more
 * decimals than the mint has), AMOUNT_OUT_OF_RANGE.
 */
export function parseMoney(
  input: string,
  tokens: TokenRegistry,
  locale: string | null = null,
): Result<Money, DomainError> {
  const parts = input.trim().split(/\s+/);
  if (parts.length !== 2) return fail("INVALID_INPUT", { input, expected: "<amount> <token>" });
  const [first, second] = parts as [string, string];
  const amountFirst = /^[-+\d.,_]/.test(first);
  const token = tokens.parseSymbol(amountFirst ? second : first);
  if (!token.ok) return token;
  const amount = parseTypedAmount(amountFirst ? first : second, token.value.decimals, locale);
  return amount.ok ? ok({ token: token.value.symbol, units: amount.value }) : amount;
}

/** "12.5 USDC". */
export const formatMoney = (m: Money, tokens: TokenRegistry): string =>
  `${formatAmount(m.units, tokens.get(m.token).decimals)} ${m.token}`;
