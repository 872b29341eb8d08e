import { z } from "zod";
import { parseRfc3339 } from "./rfc3339.js";

// Bounds that no honest recording reaches; they keep hostile archives from smuggling huge
// values into processing (a 4 h cap matches the longest session the recorder allows).
const MAX_DURATION_S = 4 * 3600;
const MAX_EPOCH_MS = 1e13;
const text = (max = 4096) => z.string().max(max);
const id = z.union([text(256), z.number().finite()]).transform(String);
const size = z.number().finite().positive().max(32_768);
const coord = z.number().finite().min(-100_000).max(100_000);
const epochMs = z.number().finite().min(0).max(MAX_EPOCH_MS);
const rect = z.object({ x: coord, y: coord, width: size, height: size });
const seconds = z.number().finite().min(0).max(MAX_DURATION_S);

const TIMESTAMP_FORMAT = "must be an RFC 3339 date-time such as 2025-08-18T13:51:37.719+02:00, or epoch milliseconds";

const questSchema = z.object({
  title: text(1024),
  app: text(256).optional(),
  objectives: z.array(text()).max(100).optional(),
  pool_id: id.optional(),
  task_id: id.optional(),
  reward: z.object({ max_reward: z.number().finite().min(0).max(1e15).optional() }).optional(),
});

const monitorSchema = rect.extend({
  scale_factor: z.number().min(0.25).max(8).optional(),
  primary: z.boolean().optional(),
});

const pauseSchema = z
  .object({ start_ms: epochMs, end_ms: epochMs })
  .refine((p) => p.end_ms >= p.start_ms, { message: "a pause ends after it starts" });

const timestampSchema = z.union([text(64), epochMs]).transform((value, ctx) => {
  const ms = typeof value === "number" ? value : parseRfc3339(value);
  if (ms !== null && ms >= 0 && ms <= MAX_EPOCH_MS) return ms;
  ctx.addIssue({ code: "custom", message: TIMESTAMP_FORMAT });
  return z.NEVER;
});

// Both apps' fields, as written. The original desktop app (clones-sol/desktop) writes
// `duration_seconds` (whole seconds), `status`, nullable `reason` and `quest`, and older
// versions lack platform, arch, version, locale and primary_monitor; this project's recorder
// writes `duration` (fractional seconds) and the extensions below. Unknown fields are dropped.
const writtenSchema = z.object({
  id,
  timestamp: timestampSchema,
  duration: seconds.optional(),
  duration_seconds: seconds.optional(),
  status: text(64).optional(),
  reason: text(256).nullish(),
  title: text(1024).optional(),
  platform: text(64).optional(),
  arch: text(64).optional(),
  version: text(256).optional(),
  locale: text(64).optional(),
  keyboard_layout: text(256).optional(),
  primary_monitor: z.object({ width: size, height: size }).optional(),
  quest: questSchema.nullish(),
  scale_factor: z.number().min(0.25).max(8).optional(),
  monitors: z.array(monitorSchema).max(16).optional(),
  video: z
    .object({
      width: size.int(),
      height: size.int(),
      fps: z.number().positive().max(240),
      source: rect,
    })
    .optional(),
  sync: z.object({ video_start_ms: epochMs }).optional(),
  pauses: z.array(pauseSchema).max(10_000).optional(),
  blocked_apps: z.array(text(256)).max(500).optional(),
  masked_keys: z.number().int().min(0).max(10_000_000).optional(),
  content_hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  recorder: z.object({ name: text(64), version: text(64) }).optional(),
});

const PLATFORMS: Record<string, string> = { darwin: "macos", macos: "macos", win32: "windows", windows: "windows" };

/**
 * meta.json of a recording, from either writer, normalised to one shape: `writer` says which
 * app wrote it (`desktop`: the original Forge app, recognised by `duration_seconds`;
 * `recorder`: this project's, by `duration`), `startMs` is the timestamp in epoch ms,
 * `durationSeconds` the duration, `quest` null when none was recorded, and `platform` one of
 * macos, windows, linux (Node's darwin/win32 folded in) or as written.
 */
export const recordingMetaSchema = writtenSchema.transform((meta, ctx) => {
  const { timestamp, duration, duration_seconds, quest, platform, ...rest } = meta;
  if ((duration === undefined) === (duration_seconds === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: ["duration_seconds"],
      message: duration === undefined ? "is missing" : "and duration cannot both be given",
    });
    return z.NEVER;
  }
  const os = platform?.toLowerCase();
  return {
    ...rest,
    writer: duration_seconds !== undefined ? ("desktop" as const) : ("recorder" as const),
    startMs: timestamp,
    durationSeconds: duration ?? duration_seconds ?? 0,
    ...(os !== undefined ? { platform: PLATFORMS[os] ?? os } : {}),
    quest: quest ?? null,
  };
});

export type RecordingMeta = z.output<typeof recordingMetaSchema>;

export type MetaResult = { ok: true; value: RecordingMeta } | { ok: false; field: string; detail: string };

/**
 * Parses meta.json's text. Fails with the first problem's field path ("primary_monitor.width",
 * "" for the file itself) and what is wrong with it ("must be a number", "is missing").
 */
export function parseRecordingMeta(json: string): MetaResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, field: "", detail: "is not valid JSON" };
  }
  const parsed = recordingMetaSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, field: issue?.path.map(String).join(".") ?? "", detail: issue ? describe(issue) : "is invalid" };
}

function describe(issue: z.core.$ZodIssue): string {
  const missing = !("input" in issue) || issue.input === undefined;
  switch (issue.code) {
    case "invalid_type":
      if (missing) return "is missing";
      return `must be ${issue.expected === "object" && issue.path.length === 0 ? "a JSON object" : article(issue.expected)}`;
    case "too_small":
      return issue.origin === "array" || issue.origin === "string"
        ? `is too short (at least ${issue.minimum})`
        : `must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
    case "too_big":
      return issue.origin === "array" || issue.origin === "string"
        ? `is too long (at most ${issue.maximum})`
        : `must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
    case "invalid_union":
      if (missing) return "is missing";
      return issue.path.at(-1) === "timestamp" ? TIMESTAMP_FORMAT : "has the wrong type";
    case "invalid_format":
      return "has the wrong format";
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
