import { z } from "zod";
import { MIN_THRESHOLD, MAX_SCORE } from "../economics/rules.js";
import { TokenSymbolSchema, type TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";

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

const text = (max: number) => z.string().trim().min(1).max(max);
const limit = z.number().int().min(1).max(1_000_000).nullable();

export const TaskInputSchema = z.object({
  title: text(120),
  prompt: text(2_000),
  app: text(120).nullable().default(null),
});
export type TaskInput = z.input<typeof TaskInputSchema>;

export const LimitsSchema = z.object({ perTask: limit, perDay: limit, total: limit });

export const ThresholdSchema = z.number().int().min(MIN_THRESHOLD).max(MAX_SCORE);

export const FactoryInputSchema = z.object({
  name: text(80),
  useCase: text(1_000),
  token: TokenSymbolSchema,
  rewardPerDemo: z.bigint().positive(),
  threshold: ThresholdSchema.default(MIN_THRESHOLD),
  limits: LimitsSchema.default({ perTask: null, perDay: null, total: null }),
  tasks: z.array(TaskInputSchema).min(1).max(50),
});
export type FactoryInput = z.input<typeof FactoryInputSchema>;

export const isLive = (f: Factory): boolean => f.status === "active";
export const findTask = (f: Factory, taskId: string): Task | undefined => f.tasks.find((t) => t.id === taskId);
