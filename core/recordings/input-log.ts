import { z } from "zod";
import { desktopButton, desktopKey, isUnknownKeyName, type InputVocabulary } from "./forge-spelling.js";

/** One input event of `input_log.jsonl`, with its `data` flattened and validated. */
export type InputEvent =
  | { readonly event: "mousemove"; readonly time: number; readonly x: number; readonly y: number }
  | {
      readonly event: "mousedown" | "mouseup";
      readonly time: number;
      /** Where the pointer was: the event's own coordinates, else the last mousemove's. */
      readonly x: number;
      readonly y: number;
      /** 1 left, 2 right, 3 middle, 4 back, 5 forward, 0 other (uiohook numbering). */
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
      /** In this project's spelling (forge-spelling.ts), whichever app wrote the log. */
      readonly key: string;
      /** The character produced (US layout for the desktop app's logs); "*" for a masked keystroke. */
      readonly char?: string;
    }
  | { readonly event: "app_focus"; readonly time: number; readonly app: string }
  | { readonly event: "axtree_interaction"; readonly time: number; readonly app?: string }
  | { readonly event: "pause" | "resume" | "sync"; readonly time: number };

/** Why one line was not read; the line alone is skipped. */
export type LineProblem = "line_too_long" | "json_malformed" | "line_invalid" | "event_invalid";
/** Why the whole log was refused. */
export type InputLogError = "too_many_events" | "too_many_malformed";

export interface MalformedLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly problem: LineProblem;
}

/** What parsing found besides the events, for the grade's details. */
export interface InputLogSummary {
  /** Non-blank lines. */
  readonly lines: number;
  readonly events: number;
  /** Kinds known to carry no input, by kind: ffmpeg_*, axtree, mousedelta, joystick*. */
  readonly ignored: Readonly<Record<string, number>>;
  /** Kinds the parser does not know, by kind (at most 20 kinds; the rest under "…"). */
  readonly unknown: Readonly<Record<string, number>>;
  readonly malformed: number;
  /** The first few unreadable lines. */
  readonly malformedLines: readonly MalformedLine[];
  /** Key presses of keys no vocabulary names (`Unknown(n)`, unmapped names): inert. */
  readonly unknownKeys: number;
  /** Button presses of buttons with no number here (`Unknown(6)`, unmapped names). */
  readonly unknownButtons: number;
  /** Button events before any pointer position was known: dropped. */
  readonly unplacedButtons: number;
}

export type InputLogResult =
  | { ok: true; value: { events: InputEvent[]; skipped: number; summary: InputLogSummary } }
  | { ok: false; reason: InputLogError; line: number; summary: InputLogSummary };

export interface InputLogOptions {
  /** Non-blank lines accepted (known and skipped events alike). */
  readonly maxEvents?: number;
  /** UTF-8 bytes per line; accessibility trees make some lines large. */
  readonly maxLineBytes?: number;
  /** Whose key and button names the log uses (`vocabularyOf(meta)`); the recorder's by default. */
  readonly vocabulary?: InputVocabulary;
  /** meta.platform: rdev numbers unknown buttons per OS. */
  readonly platform?: string;
}

const DEFAULT_MAX_EVENTS = 2_000_000;
const DEFAULT_MAX_LINE_BYTES = 1 << 20;
/**
 * Unreadable lines tolerated: one always (a crash truncates the last line), else up to 2% of
 * the lines and never more than 50. An honest writer produces none; past that, the log was
 * damaged or edited and what is left cannot be trusted.
 */
export const MAX_MALFORMED_SHARE = 0.02;
export const MAX_MALFORMED_LINES = 50;
const REPORTED_MALFORMED = 5;
const REPORTED_KINDS = 20;

/** Written by the desktop app beside the input: recognised, counted, never parsed. */
export const IGNORED_KINDS: ReadonlySet<string> = new Set([
  "ffmpeg_stderr",
  "ffmpeg_stdout",
  "axtree",
  "mousedelta",
  "joystickdown",
  "joystickup",
  "joystickaxis",
]);

export const malformedTolerated = (lines: number): number =>
  Math.max(1, Math.min(MAX_MALFORMED_LINES, Math.floor(MAX_MALFORMED_SHARE * lines)));

const coord = z.number().finite().min(-1e6).max(1e6);
const point = z.object({ x: coord, y: coord });
const shortText = z.string().min(1).max(256);
const button = z.object({
  x: coord.optional(),
  y: coord.optional(),
  button: z.union([z.number().int().min(0).max(32), z.string().max(32)]).optional(),
});
const key = z.object({ key: z.string().max(64), actual_char: z.string().max(16).nullish() });
const dataSchemas = {
  mousemove: point,
  mousedown: button,
  mouseup: button,
  mousewheel: z.object({ delta: z.number().finite().min(-1e6).max(1e6), x: coord.optional(), y: coord.optional() }),
  keydown: key,
  keyup: key,
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
 * Parses `input_log.jsonl` as this project's recorder or the original desktop app writes it
 * (forge-spelling.ts maps the app's names; README.md has the rules). Blank lines are skipped;
 * kinds known to carry no input and kinds the parser does not know are counted and skipped;
 * an unreadable line (bad JSON, not an event, bad data for its kind, over the byte limit) is
 * counted with its number and skipped. Fails with `too_many_malformed` (at the first bad
 * line) past `malformedTolerated`, or `too_many_events` (at the first line over the limit).
 */
export function parseInputLog(text: string, options: InputLogOptions = {}): InputLogResult {
  const parser = new LineParser(options);
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    const end = nextLineEnd(text, start);
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === "") continue;
    if (parser.lines >= maxEvents) return { ok: false, reason: "too_many_events", line, summary: parser.summary() };
    parser.read(raw, line, utf8Length(raw, maxLineBytes) > maxLineBytes);
  }
  const summary = parser.summary();
  const firstBad = summary.malformedLines[0];
  if (firstBad && summary.malformed > malformedTolerated(summary.lines))
    return { ok: false, reason: "too_many_malformed", line: firstBad.line, summary };
  const skipped = sum(summary.ignored) + sum(summary.unknown);
  return { ok: true, value: { events: parser.events, skipped, summary } };
}

/**
 * How many events carry a timestamp more than `jitterMs` earlier than the event logged before
 * them. The desktop app logs Windows keys and buttons from another thread than pointer moves,
 * so a few milliseconds of disorder there is how it writes, not a damaged log.
 */
export function eventsOrdered(events: readonly InputEvent[], jitterMs = 0): number {
  let outOfOrder = 0;
  for (let i = 1; i < events.length; i++) if (events[i]!.time < events[i - 1]!.time - jitterMs) outOfOrder++;
  return outOfOrder;
}

class LineParser {
  readonly events: InputEvent[] = [];
  lines = 0;
  private readonly vocabulary: InputVocabulary;
  private readonly platform: string | undefined;
  private readonly ignored = new Map<string, number>();
  private readonly unknown = new Map<string, number>();
  private readonly malformedLines: MalformedLine[] = [];
  private malformed = 0;
  private unknownKeys = 0;
  private unknownButtons = 0;
  private unplacedButtons = 0;
  private position: { x: number; y: number } | null = null;
  /** Shift keys held, by the desktop app's name (it writes no characters: they are derived). */
  private readonly shifts = new Set<string>();
  private synced = false;

  constructor(options: InputLogOptions) {
    this.vocabulary = options.vocabulary ?? "recorder";
    this.platform = options.platform;
  }

  read(raw: string, line: number, tooLong: boolean): void {
    this.lines++;
    // Accessibility trees are most of a desktop log's bytes (MBs a line): not parsed at all.
    const declared = raw.length > LONG_LINE_CHARS || tooLong ? ignoredKindOf(raw) : null;
    if (declared) return count(this.ignored, declared);
    if (tooLong) return this.bad(line, "line_too_long");
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return this.bad(line, "json_malformed");
    }
    const kind = kindOf(json);
    if (kind !== null && IGNORED_KINDS.has(kind)) return this.ignore(kind, json);
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) return this.bad(line, "line_invalid");
    const { event, data, time } = parsed.data;
    if (!Object.hasOwn(dataSchemas, event)) return countKind(this.unknown, event);
    const result = this.toEvent(event as KnownEvent, data, time);
    if (result === "invalid") return this.bad(line, "event_invalid");
    if (result !== "unplaced") this.events.push(result);
  }

  summary(): InputLogSummary {
    return {
      lines: this.lines,
      events: this.events.length,
      ignored: Object.fromEntries(this.ignored),
      unknown: Object.fromEntries(this.unknown),
      malformed: this.malformed,
      malformedLines: [...this.malformedLines],
      unknownKeys: this.unknownKeys,
      unknownButtons: this.unknownButtons,
      unplacedButtons: this.unplacedButtons,
    };
  }

  private bad(line: number, problem: LineProblem): void {
    this.malformed++;
    if (this.malformedLines.length < REPORTED_MALFORMED) this.malformedLines.push({ line, problem });
  }

  /**
   * ffmpeg says "Press [q] to stop" as it starts encoding: for the desktop app, which writes
   * no sync marker, that line's time is the video's first frame (within milliseconds).
   */
  private ignore(kind: string, json: unknown): void {
    count(this.ignored, kind);
    if (this.synced || this.vocabulary === "recorder" || kind !== "ffmpeg_stderr") return;
    const line = ffmpegLine.safeParse(json);
    if (line.success && line.data.data.output.startsWith("Press [q] to stop")) {
      this.synced = true;
      this.events.push({ event: "sync", time: line.data.time });
    }
  }

  private toEvent(event: KnownEvent, data: unknown, time: number): InputEvent | "invalid" | "unplaced" {
    switch (event) {
      case "pause":
      case "resume":
      case "sync":
        return { event, time };
      case "mousemove": {
        const d = dataSchemas.mousemove.safeParse(data);
        if (!d.success) return "invalid";
        this.position = { x: d.data.x, y: d.data.y };
        return { event, time, ...this.position };
      }
      case "mousedown":
      case "mouseup":
        return this.button(event, data, time);
      case "mousewheel": {
        const d = dataSchemas.mousewheel.safeParse(data);
        if (!d.success) return "invalid";
        const at = this.placed(d.data.x, d.data.y);
        if (at === "invalid") return at;
        return at ? { event, time, delta: d.data.delta, ...at } : { event, time, delta: d.data.delta };
      }
      case "keydown":
      case "keyup":
        return this.key(event, data, time);
      case "app_focus": {
        const d = dataSchemas.app_focus.safeParse(data);
        return d.success ? { event, time, app: d.data.app } : "invalid";
      }
      case "axtree_interaction": {
        const d = dataSchemas.axtree_interaction.safeParse(data);
        if (!d.success) return "invalid";
        return d.data.focused_app ? { event, time, app: d.data.focused_app } : { event, time };
      }
    }
  }

  /** Numbered buttons with coordinates (recorder), or named ones without (desktop app). */
  private button(event: "mousedown" | "mouseup", data: unknown, time: number): InputEvent | "invalid" | "unplaced" {
    const d = dataSchemas[event].safeParse(data);
    if (!d.success) return "invalid";
    const at = this.placed(d.data.x, d.data.y);
    if (at === "invalid") return at;
    const raw = d.data.button ?? 1;
    const mapped = typeof raw === "number" ? { button: raw, known: true } : desktopButton(raw, this.platform);
    if (!mapped.known && event === "mousedown") this.unknownButtons++;
    if (!at) {
      this.unplacedButtons++;
      return "unplaced";
    }
    return { event, time, ...at, button: mapped.button };
  }

  /** The event's own position (which becomes the pointer's), else the pointer's; both or neither. */
  private placed(x: number | undefined, y: number | undefined): { x: number; y: number } | null | "invalid" {
    if ((x === undefined) !== (y === undefined)) return "invalid";
    if (x !== undefined && y !== undefined) this.position = { x, y };
    return this.position;
  }

  private key(event: "keydown" | "keyup", data: unknown, time: number): InputEvent | "invalid" {
    const d = dataSchemas[event].safeParse(data);
    if (!d.success) return "invalid";
    const written = d.data.actual_char ?? undefined;
    if (this.vocabulary === "recorder") {
      if (event === "keydown" && isUnknownKeyName(d.data.key)) this.unknownKeys++;
      return written === undefined ? { event, time, key: d.data.key } : { event, time, key: d.data.key, char: written };
    }
    const spelled = desktopKey(d.data.key, this.vocabulary);
    if (!spelled.known && event === "keydown") this.unknownKeys++;
    if (spelled.key === "Shift") {
      if (event === "keydown") this.shifts.add(d.data.key);
      else this.shifts.delete(d.data.key);
    }
    const char = written ?? spelled.chars?.[this.shifts.size > 0 ? 1 : 0];
    return char === undefined ? { event, time, key: spelled.key } : { event, time, key: spelled.key, char };
  }
}

const ffmpegLine = z.object({ data: z.object({ output: z.string() }), time: lineSchema.shape.time });

function kindOf(json: unknown): string | null {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const event = (json as { event?: unknown }).event;
  return typeof event === "string" ? event : null;
}

// A long line that says it is an accessibility tree or ffmpeg line, near one end (the desktop
// app sorts keys: "data", "event", "time"; this project writes "event" first), is not parsed.
const LONG_LINE_CHARS = 4096;
const IGNORED_MARK = /"event"\s*:\s*"(axtree|ffmpeg_stderr|ffmpeg_stdout)"/;
function ignoredKindOf(raw: string): string | null {
  return IGNORED_MARK.exec(raw.slice(-200))?.[1] ?? IGNORED_MARK.exec(raw.slice(0, 200))?.[1] ?? null;
}

function count(counts: Map<string, number>, kind: string): void {
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
}

function countKind(counts: Map<string, number>, kind: string): void {
  count(counts, counts.has(kind) || counts.size < REPORTED_KINDS ? kind : "…");
}

function sum(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
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
