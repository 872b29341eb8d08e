// What goes in an exported dataset: one row per step of a paid recording. A row per step (not
// per recording) keeps the keyframe in a top-level Image column, which Hugging Face decodes and
// previews as is, and keeps a Parquet row group small whatever a recording's length (an hour
// of work is ~12,000 steps); `recording_id` + `step_index` rebuild the episodes.
import { z } from "zod";
import type { Task } from "../factories/factory.js";
import type { Grade } from "../grading/recording.js";
import type { ActionKind } from "../recordings/action.js";

const ACTION_KINDS = [
  "click",
  "double_click",
  "right_click",
  "drag",
  "type",
  "hotkey",
  "scroll",
  "app_focus",
] as const satisfies readonly ActionKind[];

/** One stored step as the grader wrote it to sft.json: the server's own action and its keyframe's key. */
export const StoredStepSchema = z.object({
  kind: z.enum(ACTION_KINDS),
  atMs: z.number().int().min(0),
  frameMs: z.number().int().min(0),
  x: z.number().optional(),
  y: z.number().optional(),
  toX: z.number().optional(),
  toY: z.number().optional(),
  text: z.string().optional(),
  keys: z.array(z.string()).optional(),
  delta: z.number().optional(),
  app: z.string().optional(),
  keyframe: z.string().nullable().optional(),
});
export type StoredStep = z.infer<typeof StoredStepSchema>;

export const StoredStepsSchema = z.object({ steps: z.array(StoredStepSchema) });

/** A paid recording, as the export reads it: its grade, who made it, for which task. */
export interface ExportableRecording {
  readonly recordingId: string;
  readonly accountId: string;
  readonly taskId: string;
  readonly grade: Grade;
  /** When it was first paid (its settlement): the export watermark orders by (paidAt, id). */
  readonly paidAt: Date;
}

export interface ScoreComponentRow {
  readonly name: string;
  readonly weight: number;
  readonly value: number;
  readonly points: number;
}

/** One step of one recording, in the dataset's column names. */
export interface DatasetRow {
  readonly recording_id: string;
  readonly farmer_id: string;
  readonly task_id: string;
  readonly task: string;
  readonly task_prompt: string;
  readonly task_app: string | null;
  readonly step_index: number;
  readonly action: string;
  readonly at_ms: number;
  readonly frame_ms: number;
  readonly x: number | null;
  readonly y: number | null;
  readonly to_x: number | null;
  readonly to_y: number | null;
  /** Typed text; a masked keystroke is "*" here as in the recording, never the key. */
  readonly text: string | null;
  readonly keys: readonly string[];
  readonly scroll_delta: number | null;
  readonly focused_app: string | null;
  /** The keyframe's file name inside the dataset (the Image column's `path`), or null without one. */
  readonly image_path: string | null;
  readonly score: number;
  readonly score_components: readonly ScoreComponentRow[];
  readonly score_reasons: readonly string[];
  readonly recording_duration_ms: number;
  readonly recording_steps: number;
}

/** A farmer's id in a factory's datasets: a keyed hash, stable per factory, not reversible without the key. */
export type Pseudonym = (factoryId: string, accountId: string) => string;

const int = (n: number | undefined) => (n === undefined ? null : Math.round(n));

/** A keyframe's name in the dataset: no storage key (it would name the recording's folder). */
export const imagePath = (recordingId: string, stepIndex: number, keyframe: string): string =>
  `${recordingId}/step-${String(stepIndex).padStart(5, "0")}.${keyframe.toLowerCase().endsWith(".png") ? "png" : "jpg"}`;

/**
 * The rows of one paid recording: each step as stored (masked text stays masked), the task as
 * the factory wrote it (never the farmer's meta.json), the grade with its components, and the
 * farmer as a pseudonym.
 */
export function datasetRows(input: {
  factoryId: string;
  recording: ExportableRecording;
  task: Pick<Task, "title" | "prompt" | "app">;
  steps: readonly StoredStep[];
  pseudonym: Pseudonym;
}): DatasetRow[] {
  const { recording, task, steps } = input;
  const farmer = input.pseudonym(input.factoryId, recording.accountId);
  const components = recording.grade.components.map((c) => ({
    name: c.name,
    weight: c.weight,
    value: c.value,
    points: c.points,
  }));
  const reasons = recording.grade.reasons.map((r) => r.code);
  return steps.map((step, i) => ({
    recording_id: recording.recordingId,
    farmer_id: farmer,
    task_id: recording.taskId,
    task: task.title,
    task_prompt: task.prompt,
    task_app: task.app,
    step_index: i,
    action: step.kind,
    at_ms: step.atMs,
    frame_ms: step.frameMs,
    x: int(step.x),
    y: int(step.y),
    to_x: int(step.toX),
    to_y: int(step.toY),
    text: step.text ?? null,
    keys: step.keys ?? [],
    scroll_delta: step.delta ?? null,
    focused_app: step.app ?? null,
    image_path: step.keyframe ? imagePath(recording.recordingId, i, step.keyframe) : null,
    score: recording.grade.score,
    score_components: components,
    score_reasons: reasons,
    recording_duration_ms: recording.grade.durationMs,
    recording_steps: steps.length,
  }));
}
