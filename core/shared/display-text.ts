// Text people type that other people will see (factory names, task titles, platform names):
// what may be shown, and how long it may be. The rule lives in the domain so that every chat
// platform applies the same one.
import { z } from "zod";

/** Zero-width (non-)joiners carry meaning inside words and emoji sequences: kept, though invisible. */
const JOINERS = new Set(["\u200C", "\u200D"]);
/** Control (Cc), format (Cf: zero-width, bidirectional overrides and isolates, BOM) and lone surrogates. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;
const LINE_BREAKS = new Set(["\n", "\r", "\u0085", "\u2028", "\u2029"]);
/** Letters that render as blank space (Hangul fillers, braille blank, Khmer inherent vowels). */
const BLANK_LETTERS = /[\u115F\u1160\u3164\uFFA0\u2800]|\u17B4|\u17B5/gu;
/** More than three combining marks stacked on one character ("Zalgo" text spills over other lines). */
const MARK_PILE = /(\p{M}{3})\p{M}+/gu;

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

export interface TextShape {
  /** Keep line breaks (a use case, a prompt); otherwise they become spaces. */
  readonly multiline?: boolean;
}

/**
 * Text as it may be shown: NFC, without control and format characters (joiners kept), at most
 * three combining marks per character; nothing else changes (spaces and line breaks stay).
 */
export function stripInvisible(raw: string, { multiline = true }: TextShape = {}): string {
  return raw
    .replace(/\r\n/g, "\n")
    .replace(INVISIBLE, (c) =>
      JOINERS.has(c) ? c : LINE_BREAKS.has(c) ? (multiline ? "\n" : " ") : /[\t\v\f]/.test(c) ? " " : "",
    )
    .normalize("NFC")
    .replace(MARK_PILE, "$1");
}

/** stripInvisible, then whitespace collapsed and trimmed (each line, when multiline). */
export function cleanDisplayText(raw: string, shape: TextShape = {}): string {
  const stripped = stripInvisible(raw, { multiline: shape.multiline === true });
  if (!shape.multiline) return stripped.replace(/\s+/gu, " ").trim();
  return stripped
    .split("\n")
    .map((line) => line.replace(/\s+/gu, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** At least one letter, digit, punctuation mark or symbol that is not blank. */
export const hasVisibleCharacter = (text: string): boolean =>
  /[\p{L}\p{N}\p{P}\p{S}]/u.test(text.replace(BLANK_LETTERS, ""));

/** Characters as people count them: grapheme clusters ("👩‍👩‍👧" is one). */
export function graphemeCount(text: string): number {
  return Array.from(segmenter.segment(text)).length;
}

/** The first `max` grapheme clusters, with "…" when something was cut. */
export function truncateGraphemes(text: string, max: number): string {
  const parts = [...segmenter.segment(text)].map((s) => s.segment);
  return parts.length <= max
    ? text
    : `${parts
        .slice(0, Math.max(0, max - 1))
        .join("")
        .trimEnd()}…`;
}

/** The INVALID_INPUT issue message of a text with nothing visible in it. */
export const NOT_VISIBLE = "needs at least one visible character";

/**
 * A person's text for others to see: cleaned (cleanDisplayText), with a visible character and
 * at most `max` characters (grapheme clusters). Its issues: NOT_VISIBLE, "at most N characters".
 */
export const displayTextSchema = (max: number, shape: TextShape = {}) =>
  z
    .string()
    .transform((s) => cleanDisplayText(s, shape))
    .pipe(
      z
        .string()
        .refine(hasVisibleCharacter, { message: NOT_VISIBLE })
        .refine((s) => graphemeCount(s) <= max, { message: `at most ${max} characters` }),
    );

/** Platforms allow long names (Telegram: 64 characters); shown to others, they are cut to this. */
export const PLATFORM_NAME_MAX = 32;

/**
 * A name a chat platform gave us (a first name, a username) fit to show to someone else:
 * cleaned, on one line, cut to `max` characters; null when nothing visible is left.
 */
export function platformDisplayName(raw: string | null | undefined, max: number = PLATFORM_NAME_MAX): string | null {
  const clean = cleanDisplayText(raw ?? "");
  return hasVisibleCharacter(clean) ? truncateGraphemes(clean, max) : null;
}
