import { z } from "zod";

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

/**
 * meta.json of a recording: the original Forge desktop app's fields (snake_case, as it
 * writes them) plus our optional extensions, so original recordings validate too. Unknown
 * fields are dropped rather than rejected, since the desktop app may add some.
 */
export const recordingMetaSchema = z.object({
  id,
  timestamp: z.union([text(64), epochMs]),
  duration: z.number().finite().min(0).max(MAX_DURATION_S),
  platform: text(64),
  arch: text(64),
  version: text(256).optional(),
  locale: text(64),
  keyboard_layout: text(256).optional(),
  primary_monitor: z.object({ width: size, height: size }),
  quest: questSchema,
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

export type RecordingMeta = z.output<typeof recordingMetaSchema>;
