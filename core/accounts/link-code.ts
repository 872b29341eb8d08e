// The one-time codes that link a person's Telegram and Discord accounts: what they look like and
// the limits on them. The rules of the merge itself are in redeem-link-code.ts.

/** Ten characters of the unambiguous alphabet: about 8 × 10^14 codes, shown as two groups of five. */
export const LINK_CODE_LENGTH = 10;
export const LINK_CODE_TTL_MS = 10 * 60_000;
/** Codes one account may issue per rolling hour. */
export const LINK_CODES_PER_HOUR = 5;
/** Wrong codes one account may try per rolling hour (so that nobody can guess someone's code). */
export const LINK_FAILURES_PER_HOUR = 5;
export const HOUR_MS = 3600_000;

const ALPHABET = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]+$/;

/** "ABCDE-FGHJK": how a code is shown. */
export const formatLinkCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;

/**
 * A code as typed (any case, with or without the dash or spaces) in its stored form, or null
 * when it cannot be a code.
 */
export function normalizeLinkCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  return code.length === LINK_CODE_LENGTH && ALPHABET.test(code) ? code : null;
}
