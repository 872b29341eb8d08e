// Turns a recording's actions and its task into the JSON data block the model grades.
// Everything here is untrusted (the farmer typed it, or a factory creator wrote it), so it
// is clipped field by field, stripped of invisible characters, capped in total, and
// serialised as a single line of JSON with <, > and & escaped: it cannot break out of the
// block's delimiter lines (see render-prompt.ts) however it is crafted.
import type { JudgeAction, JudgeInput } from "./types.js";

export const TRANSCRIPT_LIMITS = {
  /** Characters of typed text kept per action, marker included. */
  typedText: 200,
  /** Characters of the whole data block (the escaped JSON). */
  total: 12_000,
  title: 200,
  prompt: 1_500,
  objective: 150,
  objectives: 10,
  app: 60,
  apps: 10,
  keys: 8,
} as const;

export interface Transcript {
  /** The escaped single-line JSON of the data block. */
  readonly json: string;
  /** How many actions appear individually; the rest are summarised. */
  readonly shownActions: number;
  readonly truncated: boolean;
}

// Control characters (except tab and newline) and invisible/bidi ones hide or reorder text.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const RESERVED_FOR_SUMMARY = 500;

/** JSON on one line, with the characters that could open markup or delimiters escaped. */
export const escapeJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

const escapedLength = (text: string) => escapeJson(text).length - 2;

/**
 * Cleans and shortens one untrusted string so that, escaped and marker included, it takes
 * at most `max` characters: a string of `<` cannot grow sixfold past the budget.
 */
export function clip(text: string, max: number): string {
  const clean = text.replace(INVISIBLE, "");
  if (escapedLength(clean) <= max) return clean;
  const cut = (keep: number) => `${clean.slice(0, keep)}…[+${clean.length - keep} chars]`;
  // Binary search for the longest prefix that fits once escaped.
  let [lo, hi] = [0, Math.min(clean.length, max)];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (escapedLength(cut(mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}

// Kinds come from our processing, but the judge does not rely on that: odd ones are "other".
const kindOf = (a: JudgeAction) => (/^[a-z_]{1,20}$/.test(a.kind) ? a.kind : "other");

function compact(a: JudgeAction): Record<string, unknown> {
  const out: Record<string, unknown> = { atMs: Math.round(a.atMs), kind: kindOf(a) };
  for (const key of ["x", "y", "toX", "toY", "delta"] as const) {
    const v = a[key];
    if (typeof v === "number" && Number.isFinite(v)) out[key] = Math.round(v);
  }
  if (a.text !== undefined) out.text = clip(a.text, TRANSCRIPT_LIMITS.typedText);
  if (a.keys) out.keys = a.keys.slice(0, TRANSCRIPT_LIMITS.keys).map((k) => clip(k, 20));
  if (a.app !== undefined) out.app = clip(a.app, TRANSCRIPT_LIMITS.app);
  return out;
}

function countKinds(actions: readonly JudgeAction[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of actions) counts[kindOf(a)] = (counts[kindOf(a)] ?? 0) + 1;
  return counts;
}

function skeleton(input: JudgeInput) {
  const { task, actions } = input;
  const apps = [...new Set(actions.flatMap((a) => (a.app ? [clip(a.app, TRANSCRIPT_LIMITS.app)] : [])))];
  return {
    task: {
      title: clip(task.title, TRANSCRIPT_LIMITS.title),
      prompt: clip(task.prompt, TRANSCRIPT_LIMITS.prompt),
      ...(task.app ? { app: clip(task.app, TRANSCRIPT_LIMITS.app) } : {}),
      objectives: (task.objectives ?? [])
        .slice(0, TRANSCRIPT_LIMITS.objectives)
        .map((o) => clip(o, TRANSCRIPT_LIMITS.objective)),
    },
    recording: {
      durationMs: Math.round(input.durationMs),
      actionCount: actions.length,
      countsByKind: countKinds(actions),
      typedChars: actions.reduce((n, a) => n + (a.text?.length ?? 0), 0),
      apps: apps.slice(0, TRANSCRIPT_LIMITS.apps),
      actions: [] as Record<string, unknown>[],
    },
  };
}

/**
 * Builds the data block: the task, summary statistics and as many actions as fit in
 * TRANSCRIPT_LIMITS.total; when they do not all fit, the first and last ones are kept (how
 * the work starts and ends says most) and the middle becomes one `omitted` entry.
 */
export function buildTranscript(input: JudgeInput): Transcript {
  const data = skeleton(input);
  const items = input.actions.map(compact);
  const sizes = items.map((i) => escapeJson(i).length + 1);
  const room = TRANSCRIPT_LIMITS.total - escapeJson(data).length;
  if (sizes.reduce((a, b) => a + b, 0) <= room) {
    data.recording.actions = items;
    return { json: escapeJson(data), shownActions: items.length, truncated: false };
  }
  let [head, tail, used] = [0, 0, 0];
  while (head + tail < items.length) {
    const takeHead = head <= tail;
    const size = sizes[takeHead ? head : items.length - 1 - tail]!;
    if (used + size > room - RESERVED_FOR_SUMMARY) break;
    used += size;
    if (takeHead) head++;
    else tail++;
  }
  const middle = input.actions.slice(head, input.actions.length - tail);
  const omitted = {
    kind: "omitted",
    count: middle.length,
    fromMs: Math.round(middle[0]?.atMs ?? 0),
    toMs: Math.round(middle.at(-1)?.atMs ?? 0),
    countsByKind: countKinds(middle),
  };
  data.recording.actions = [...items.slice(0, head), omitted, ...items.slice(items.length - tail)];
  return { json: escapeJson(data), shownActions: head + tail, truncated: true };
}
