import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { U64_MAX, units, type Units } from "./units.js";

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a human amount ("12.5") into base units of a mint with `decimals` decimals.
 * Errors: AMOUNT_INVALID (not a plain non-negative decimal), AMOUNT_TOO_PRECISE (more
 * fractional digits than the mint has), AMOUNT_OUT_OF_RANGE (above u64).
 */
export function parseAmount(input: string, decimals: number): Result<Units, DomainError> {
  const text = input.trim().replace(/_/g, "");
  const match = DECIMAL.exec(text);
  if (!match) return fail("AMOUNT_INVALID", { input });
  const [, whole, fraction = ""] = match;
  const trimmed = fraction.replace(/0+$/, "");
  if (trimmed.length > decimals) return fail("AMOUNT_TOO_PRECISE", { input, decimals });
  const value = BigInt(whole!) * 10n ** BigInt(decimals) + BigInt(trimmed.padEnd(decimals, "0") || "0");
  if (value > U64_MAX) return fail("AMOUNT_OUT_OF_RANGE", { input });
  return ok(units(value));
}

/** Formats base units as a decimal string without trailing zeros ("12.5", "0.000001", "3"). */
export function formatAmount(value: Units | bigint, decimals: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(decimals);
  const whole = abs / scale;
  const fraction = (abs % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
