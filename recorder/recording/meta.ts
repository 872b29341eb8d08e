import { z } from "zod";

const Rect = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
const Pause = z.object({ start_ms: z.number(), end_ms: z.number() });
/**
 * What the recorder enforced. `blocking`: "none" (no --block), "enforced", or "not_enforced"
 * (focus could not be read and the farmer accepted the risk: blocked apps were recorded);
 * `sensitive_windows`: "dropped" (keys there left out) or "not_enforced".
 */
const Privacy = z.object({
  blocking: z.enum(["none", "enforced", "not_enforced"]),
  sensitive_windows: z.enum(["dropped", "not_enforced"]),
  mask_all: z.boolean(),
  reason: z.string().optional(),
});

/** meta.json: the original Forge fields plus our extensions (all optional on read). */
export const RecordingMeta = z.looseObject({
  id: z.string(),
  timestamp: z.union([z.string(), z.number()]),
  duration: z.number(),
  platform: z.string(),
  arch: z.string(),
  version: z.string().optional(),
  locale: z.string(),
  keyboard_layout: z.string().optional(),
  primary_monitor: z.object({ width: z.number(), height: z.number() }),
  quest: z.looseObject({
    title: z.string(),
    app: z.string(),
    objectives: z.array(z.string()),
    pool_id: z.string(),
    task_id: z.string(),
    reward: z.object({ max_reward: z.number() }),
  }),
  scale_factor: z.number().optional(),
  monitors: z.array(Rect.extend({ scale_factor: z.number().optional(), primary: z.boolean().optional() })).optional(),
  video: z.object({ width: z.number(), height: z.number(), fps: z.number(), source: Rect }).optional(),
  sync: z.object({ video_start_ms: z.number() }).optional(),
  pauses: z.array(Pause).optional(),
  blocked_apps: z.array(z.string()).optional(),
  privacy: Privacy.optional(),
  masked_keys: z.number().optional(),
  content_hash: z.string().optional(),
  recorder: z.object({ name: z.string(), version: z.string() }).optional(),
});
export type RecordingMeta = z.infer<typeof RecordingMeta>;
export type Pause = z.infer<typeof Pause>;
export type Monitor = NonNullable<RecordingMeta["monitors"]>[number];

export interface MetaInput {
  readonly id: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly system: { platform: string; arch: string; version?: string; locale: string; keyboardLayout?: string };
  readonly screen: { width: number; height: number; scaleFactor: number; monitors: Monitor[] };
  readonly fps: number;
  readonly quest: { title: string; app: string; objectives: string[]; factoryId: string; taskId: string };
  readonly videoStartMs: number;
  readonly pauses: Pause[];
  readonly blockedApps: string[];
  /**
   * Whether focus was read, so the blocklist and sensitive windows were enforced. Absent:
   * meta says nothing about it. Not enforced: `blocked_apps` is left out (nothing was blocked).
   */
  readonly privacy?: { readonly enforced: boolean; readonly maskAll: boolean; readonly reason?: string };
  readonly maskedKeys: number;
  readonly contentHash: string;
  readonly recorderVersion: string;
}

/** Builds meta.json for a finished recording (duration in seconds, as the original app writes it). */
export function buildMeta(input: MetaInput): RecordingMeta {
  const { screen } = input;
  return {
    id: input.id,
    timestamp: new Date(input.startedAt).toISOString(),
    duration: Math.round(input.durationMs) / 1_000,
    platform: input.system.platform,
    arch: input.system.arch,
    ...(input.system.version ? { version: input.system.version } : {}),
    locale: input.system.locale,
    ...(input.system.keyboardLayout ? { keyboard_layout: input.system.keyboardLayout } : {}),
    primary_monitor: { width: screen.width, height: screen.height },
    quest: {
      title: input.quest.title,
      app: input.quest.app,
      objectives: input.quest.objectives,
      pool_id: input.quest.factoryId,
      task_id: input.quest.taskId,
      // The recorder does not know the pool's reward; the server fills it from the factory.
      reward: { max_reward: 0 },
    },
    scale_factor: screen.scaleFactor,
    monitors: screen.monitors,
    video: {
      width: screen.width,
      height: screen.height,
      fps: input.fps,
      source: { x: 0, y: 0, width: screen.width, height: screen.height },
    },
    sync: { video_start_ms: input.videoStartMs },
    pauses: input.pauses,
    ...privacyFields(input),
    masked_keys: input.maskedKeys,
    content_hash: input.contentHash,
    recorder: { name: "forge", version: input.recorderVersion },
  };
}

function privacyFields(input: MetaInput): Pick<RecordingMeta, "blocked_apps" | "privacy"> {
  const { privacy, blockedApps } = input;
  if (!privacy) return { blocked_apps: blockedApps };
  const blocking = blockedApps.length === 0 ? "none" : privacy.enforced ? "enforced" : "not_enforced";
  return {
    ...(privacy.enforced ? { blocked_apps: blockedApps } : {}),
    privacy: {
      blocking,
      sensitive_windows: privacy.enforced ? "dropped" : "not_enforced",
      mask_all: privacy.maskAll,
      ...(privacy.reason ? { reason: privacy.reason } : {}),
    },
  };
}
