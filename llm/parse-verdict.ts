// Reads the model's answer. Only three fields are read, through a zod schema, so anything
// else the model says (extra keys, prose, "instructions") has no effect. A score outside
// 0..100 or not an integer is a sign the model was confused or manipulated: it is clamped
// or rounded and flagged rather than trusted as is.
import { z } from "zod";
import type { Verdict } from "./types.js";

export const SCORE_CLAMPED_FLAG = "llm_score_out_of_range";
export const SCORE_ROUNDED_FLAG = "llm_score_not_integer";

const MAX_REASONS = 8;
const MAX_FLAGS = 10;

const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*-?\d+(?:\.\d+)?\s*$/)
    .transform(Number),
]);
const strings = z
  .union([z.array(z.unknown()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === "string"));
const Answer = z.object({ score: numeric, reasons: strings.default([]), flags: strings.default([]) });

/** The JSON object in a reply, tolerating code fences or prose around it (JSON mode ignored). */
function extractJson(content: string): unknown {
  const unfenced = content.replace(/```(?:json)?/gi, "").trim();
  try {
    return JSON.parse(unfenced);
  } catch {
    const start = unfenced.indexOf("{");
    const end = unfenced.lastIndexOf("}");
    if (start < 0 || end <= start) return undefined;
    try {
      return JSON.parse(unfenced.slice(start, end + 1));
    } catch {
      return undefined;
    }
  }
}

const cleanFlag = (f: string) =>
  f
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);

/**
 * Parses a reply into a verdict with an integer score in 0..100; `null` when the reply holds
 * no JSON object with a numeric `score`.
 */
export function parseVerdict(content: string): Verdict | null {
  const parsed = Answer.safeParse(extractJson(content));
  if (!parsed.success || !Number.isFinite(parsed.data.score)) return null;
  const raw = parsed.data.score;
  const modelFlags = parsed.data.flags.map(cleanFlag).filter((f) => f.length > 0);
  const flags: string[] = [];
  let score = raw;
  if (!Number.isInteger(score)) {
    score = Math.round(score);
    flags.push(SCORE_ROUNDED_FLAG);
  }
  if (score < 0 || score > 100) {
    score = Math.min(100, Math.max(0, score));
    flags.push(SCORE_CLAMPED_FLAG);
  }
  const reasons = parsed.data.reasons
    .map((r) => r.trim().slice(0, 300))
    .filter((r) => r.length > 0)
    .slice(0, MAX_REASONS);
  return { score, reasons, flags: [...new Set([...flags, ...modelFlags.slice(0, MAX_FLAGS)])] };
}
