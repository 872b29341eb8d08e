import { fail, type DomainError } from "../shared/errors.js";
import type { Result } from "../shared/result.js";
import { parseAmount } from "./amount.js";
import type { Units } from "./units.js";

/**
 * What a lone separator before exactly three digits ("1,234", "1.234") means in a language,
 * or null when its speakers write it both ways. English groups thousands with commas; Spanish
 * is written 1.234,5 in Spain and 1,234.5 in Mexico and much of Latin America, so there it is
 * refused rather than guessed.
 */
const LONE_GROUP_SEPARATOR: Readonly<Record<string, "," | "." | null>> = { en: ",", es: null };

const languageOf = (locale: string | null): string => (locale ?? "en").toLowerCase().split(/[-_]/)[0] ?? "en";

/**
 * Parses an amount as a person typed it into base units of a mint with `decimals` decimals.
 * Whatever the language, "12,5" and "12.5" are 12.5 and "1.234,5" and "1,234.5" are 1234.5:
 * where both separators appear the last one is the decimal one, a separator used twice groups
 * thousands, and thousands come only in groups of three. A lone separator before exactly three
 * digits is read by the person's language (`locale`: "en", "es", "es-419"...) where it has one
 * meaning, and refused as AMOUNT_AMBIGUOUS where it could be either (its context names the
 * two unambiguous ways to write it: `whole` and `decimal`).
 * Errors: AMOUNT_INVALID, AMOUNT_AMBIGUOUS, AMOUNT_TOO_PRECISE, AMOUNT_OUT_OF_RANGE.
 */
export function parseTypedAmount(input: string, decimals: number, locale: string | null): Result<Units, DomainError> {
  const plain = toPlainDecimal(input.trim().replace(/_/g, ""), languageOf(locale));
  if (!plain.ok) return fail(plain.code, { input, ...plain.context });
  const parsed = parseAmount(plain.value, decimals);
  return parsed.ok ? parsed : fail(parsed.error.code, { ...parsed.error.context, input });
}

type Plain =
  | { ok: true; value: string }
  | { ok: false; code: "AMOUNT_INVALID" | "AMOUNT_AMBIGUOUS"; context: Record<string, string> };

const invalid: Plain = { ok: false, code: "AMOUNT_INVALID", context: {} };

/** "1.234,5" → "1234.5": the amount with its thousands separators removed and a decimal point. */
function toPlainDecimal(text: string, language: string): Plain {
  if (!/^\d(?:[\d.,]*\d)?$/.test(text)) return invalid;
  const separators: string[] = text.match(/[.,]/g) ?? [];
  const last = separators.at(-1);
  if (last === undefined) return { ok: true, value: text };
  const at = text.lastIndexOf(last);
  const [whole, fraction] = [text.slice(0, at), text.slice(at + 1)];
  const group = last === "," ? "." : ",";
  if (separators.includes(group)) {
    // Both: the last one is the decimal separator, used once; the other groups the thousands.
    if (separators.filter((s) => s === last).length > 1 || !grouped(whole, group)) return invalid;
    return { ok: true, value: `${whole.replaceAll(group, "")}.${fraction}` };
  }
  if (separators.length > 1) return grouped(text, last) ? { ok: true, value: text.replaceAll(last, "") } : invalid;
  const couldGroup = fraction.length === 3 && grouped(text, last);
  if (!couldGroup) return { ok: true, value: `${whole}.${fraction}` };
  const meaning = Object.hasOwn(LONE_GROUP_SEPARATOR, language) ? LONE_GROUP_SEPARATOR[language] : ",";
  if (meaning === last) return { ok: true, value: `${whole}${fraction}` };
  if (meaning === group) return { ok: true, value: `${whole}.${fraction}` };
  return { ok: false, code: "AMOUNT_AMBIGUOUS", context: { whole: `${whole}${fraction}`, decimal: `${text}0` } };
}

/** "1,234,567" with ",": thousands in groups of three after a head of 1 to 3 digits (no leading 0). */
const grouped = (text: string, separator: string): boolean =>
  new RegExp(`^[1-9]\\d{0,2}(?:\\${separator}\\d{3})+$`).test(text);
