import { z } from "zod";

/** One input event of `input_log.jsonl`, with its `data` flattened and validated. */
export type InputEvent =
  | { readonly event: "mousemove"; readonly time: number; readonly x: number; readonly y: number }
  | {
      readonly event: "mousedown" | "mouseup";
      readonly time: number;
      readonly x: number;
      readonly y: number;
      /** 1 left, 2 right, 3 middle (uiohook numbering). */
      readonly button: number;
    }
  | {
      readonly event: "mousewheel";
      readonly time: number;
      readonly delta: number;
      readonly x?: number;
      readonly y?: number;
    }
  | {
      readonly event: "keydown" | "keyup";
      readonly time: number;
      readonly key: string;
      /** The character produced, when the recorder knows it; "*" for a masked keystroke. */
      readonly char?: string;
    }
  | { readonly event: "app_focus"; readonly time: number; readonly app: string }
  | { readonly event: "axtree_interaction"; readonly time: number; readonly app?: string }
  | { readonly event: "pause" | "resume" | "sync"; readonly time: number };

export type InputLogError = "line_too_long" | "json_malformed" | "line_invalid" | "event_invalid" | "too_many_events";

export type InputLogResult =
  { ok: true; value: { events: InputEvent[]; skipped: number } } | { ok: false; reason: InputLogError; line?: number };

export interface InputLogLimits {
  /** Non-blank lines accepted (known and skipped events alike). */
  readonly maxEvents?: number;
  /** UTF-8 bytes per line; accessibility trees make some lines large. */
  readonly maxLineBytes?: number;
}

const DEFAULT_MAX_EVENTS = 2_000_000;
const DEFAULT_MAX_LINE_BYTES = 1 << 20;

const coord = z.number().finite().min(-1e6).max(1e6);
const point = z.object({ x: coord, y: coord });
const shortText = z.string().min(1).max(256);
const dataSchemas = {
  mousemove: point,
  mousedown: point.extend({ button: z.number().int().min(0).max(32).optional() }),
  mouseup: point.extend({ button: z.number().int().min(0).max(32).optional() }),
  mousewheel: z.object({ delta: z.number().finite().min(-1e6).max(1e6), x: coord.optional(), y: coord.optional() }),
  keydown: z.object({ key: z.string().max(64), actual_char: z.string().max(16).nullish() }),
  keyup: z.object({ key: z.string().max(64), actual_char: z.string().max(16).nullish() }),
  app_focus: z.object({ app: shortText }),
  axtree_interaction: z.object({ focused_app: z.string().max(256).nullish() }),
  pause: z.unknown(),
  resume: z.unknown(),
  sync: z.unknown(),
} as const;
type KnownEvent = keyof typeof dataSchemas;

const lineSchema = z.object({
  event: z.string().max(64),
  data: z.unknown().optional(),
  time: z.number().finite().min(0).max(1e13),
});

/**
 * Parses `input_log.jsonl`. Lines with an unknown event type are skipped and counted (the
 * desktop app may log more kinds); a malformed line fails with its 1-based number, since a
 * log we cannot read entirely cannot be trusted for scoring. Reasons: line_too_long,
 * json_malformed, line_invalid (not an event object), event_invalid (bad data for a known
 * event), too_many_events.
 */
export function parseInputLog(text: string, limits: InputLogLimits = {}): InputLogResult {
  const maxEvents = limits.maxEvents ?? DEFAULT_MAX_EVENTS;
  const maxLineBytes = limits.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const events: InputEvent[] = [];
  let skipped = 0;
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    const end = nextLineEnd(text, start);
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === "") continue;
    if (events.length + skipped >= maxEvents) return { ok: false, reason: "too_many_events", line };
    if (utf8Length(raw, maxLineBytes) > maxLineBytes) return { ok: false, reason: "line_too_long", line };
    const parsed = parseLine(raw);
    if (parsed === "skip") skipped++;
    else if (typeof parsed === "string") return { ok: false, reason: parsed, line };
    else events.push(parsed);
  }
  return { ok: true, value: { events, skipped } };
}

/** How many events carry a timestamp earlier than the event logged before them. */
export function eventsOrdered(events: readonly InputEvent[]): number {
  let outOfOrder = 0;
  for (let i = 1; i < events.length; i++) if (events[i]!.time < events[i - 1]!.time) outOfOrder++;
  return outOfOrder;
}

function nextLineEnd(text: string, from: number): number {
  const at = text.indexOf("\n", from);
  return at === -1 ? text.length : at;
}

// Counts UTF-8 bytes but stops once past the limit, so a huge line costs no more than the limit.
function utf8Length(s: string, stopAfter: number): number {
  if (s.length * 3 <= stopAfter) return s.length;
  let bytes = 0;
  for (let i = 0; i < s.length && bytes <= stopAfter; i++) {
    const c = s.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : 3;
    if (c >= 0xd800 && c < 0xdc00) i++;
  }
  return bytes;
}

function parseLine(raw: string): InputEvent | "skip" | "json_malformed" | "line_invalid" | "event_invalid" {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return "json_malformed";
  }
  const line = lineSchema.safeParse(json);
  if (!line.success) return "line_invalid";
  const { event, data, time } = line.data;
  if (!Object.hasOwn(dataSchemas, event)) return "skip";
  return toEvent(event as KnownEvent, data, time) ?? "event_invalid";
}

function toEvent(event: KnownEvent, data: unknown, time: number): InputEvent | null {
  switch (event) {
    case "pause":
    case "resume":
    case "sync":
      return { event, time };
    case "mousemove": {
      const d = dataSchemas.mousemove.safeParse(data);
      return d.success ? { event, time, x: d.data.x, y: d.data.y } : null;
    }
    case "mousedown":
    case "mouseup": {
      const d = dataSchemas[event].safeParse(data);
      return d.success ? { event, time, x: d.data.x, y: d.data.y, button: d.data.button ?? 1 } : null;
    }
    case "mousewheel": {
      const d = dataSchemas.mousewheel.safeParse(data);
      if (!d.success) return null;
      const { delta, x, y } = d.data;
      return x !== undefined && y !== undefined ? { event, time, delta, x, y } : { event, time, delta };
    }
    case "keydown":
    case "keyup": {
      const d = dataSchemas[event].safeParse(data);
      if (!d.success) return null;
      const char = d.data.actual_char ?? undefined;
      return char === undefined ? { event, time, key: d.data.key } : { event, time, key: d.data.key, char };
    }
    case "app_focus": {
      const d = dataSchemas.app_focus.safeParse(data);
      return d.success ? { event, time, app: d.data.app } : null;
    }
    case "axtree_interaction": {
      const d = dataSchemas.axtree_interaction.safeParse(data);
      if (!d.success) return null;
      return d.data.focused_app ? { event, time, app: d.data.focused_app } : { event, time };
    }
  }
}
