import { z } from "zod";
import { MIN_THRESHOLD, MAX_SCORE } from "../economics/rules.js";
import { TokenSymbolSchema, type TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";
import { displayTextSchema } from "../shared/display-text.js";

export const FACTORY_STATUSES = ["active", "paused", "closed"] as const;
export type FactoryStatus = (typeof FACTORY_STATUSES)[number];

export interface Task {
  readonly id: string;
  readonly title: string;
  /** What the farmer must demonstrate; the Quality Agent checks relevance against it. */
  readonly prompt: string;
  readonly app: string | null;
}

/** Per-farmer limits; null means unlimited. */
export interface FactoryLimits {
  readonly perTask: number | null;
  readonly perDay: number | null;
  readonly total: number | null;
}

export interface Factory {
  readonly id: string;
  readonly ownerId: string;
  readonly name: string;
  readonly useCase: string;
  readonly token: TokenSymbol;
  readonly rewardPerDemo: Units;
  readonly threshold: number;
  readonly limits: FactoryLimits;
  readonly status: FactoryStatus;
  readonly tasks: readonly Task[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Most characters (grapheme clusters) each text may have. */
export const TEXT_LIMITS = { name: 80, useCase: 1_000, title: 120, prompt: 2_000, app: 120 } as const;

// Names and titles are shown to other people, on buttons too: one line, something visible.
export const FactoryNameSchema = displayTextSchema(TEXT_LIMITS.name);
export const UseCaseSchema = displayTextSchema(TEXT_LIMITS.useCase, { multiline: true });
const limit = z.number().int().min(1).max(1_000_000).nullable();

export const TaskInputSchema = z.object({
  title: displayTextSchema(TEXT_LIMITS.title),
  prompt: displayTextSchema(TEXT_LIMITS.prompt, { multiline: true }),
  app: displayTextSchema(TEXT_LIMITS.app).nullable().default(null),
});
export type TaskInput = z.input<typeof TaskInputSchema>;

export const LimitsSchema = z.object({ perTask: limit, perDay: limit, total: limit });

export const ThresholdSchema = z.number().int().min(MIN_THRESHOLD).max(MAX_SCORE);

export const FactoryInputSchema = z.object({
  name: FactoryNameSchema,
  useCase: UseCaseSchema,
  token: TokenSymbolSchema,
  rewardPerDemo: z.bigint().positive(),
  threshold: ThresholdSchema.default(MIN_THRESHOLD),
  limits: LimitsSchema.default({ perTask: null, perDay: null, total: null }),
  tasks: z.array(TaskInputSchema).min(1).max(50),
});
export type FactoryInput = z.input<typeof FactoryInputSchema>;

export const isLive = (f: Factory): boolean => f.status === "active";
export const findTask = (f: Factory, taskId: string): Task | undefined => f.tasks.find((t) => t.id === taskId);
