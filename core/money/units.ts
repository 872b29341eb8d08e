import { DomainError } from "../shared/errors.js";

declare const unitsBrand: unique symbol;

/** A non-negative amount in a mint's base units (lamports, micro-USDC...). Never a float. */
export type Units = bigint & { readonly [unitsBrand]: true };

export const U64_MAX = 2n ** 64n - 1n;

export function isUnits(value: bigint): value is Units {
  return value >= 0n && value <= U64_MAX;
}

/** Smart constructor: throws for values outside 0..2^64-1, which are bugs, not user input. */
export function units(value: bigint | number | string): Units {
  const big = typeof value === "bigint" ? value : BigInt(value);
  if (!isUnits(big)) throw new DomainError("AMOUNT_OUT_OF_RANGE", { value: big.toString() });
  return big;
}

export const ZERO = units(0n);

export const minUnits = (a: Units, b: Units): Units => (a < b ? a : b);
export const maxUnits = (a: Units, b: Units): Units => (a > b ? a : b);
