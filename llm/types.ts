// Shapes of the LLM judge's input and output. The judge is an edge: it sees recordings only
// through these structural types, so it accepts core's `Action` (issue 5 contract) as is.
import type { Logger } from "pino";

/** One processed action, structurally compatible with `core/recordings/action.ts`. */
export interface JudgeAction {
  readonly kind: string;
  readonly atMs: number;
  readonly frameMs?: number;
  readonly x?: number;
  readonly y?: number;
  readonly toX?: number;
  readonly toY?: number;
  readonly text?: string;
  readonly keys?: readonly string[];
  readonly delta?: number;
  readonly app?: string;
}

export interface JudgeTask {
  readonly title: string;
  readonly prompt: string;
  readonly app?: string;
  readonly objectives?: readonly string[];
}

export interface Keyframe {
  readonly timeMs: number;
  readonly jpeg: Buffer;
}

export interface JudgeInput {
  readonly task: JudgeTask;
  readonly actions: readonly JudgeAction[];
  readonly durationMs: number;
  readonly keyframes?: readonly Keyframe[];
}

/** The judge's verdict: an integer score 0..100, reasons for the farmer, snake_case flags. */
export interface Verdict {
  readonly score: number;
  readonly reasons: string[];
  readonly flags: string[];
}

export type JudgeErrorCode = "LLM_UNAVAILABLE" | "LLM_BAD_RESPONSE";

export type JudgeResult = { ok: true; value: Verdict } | { ok: false; code: JudgeErrorCode; message: string };

/** The two pino methods the judge uses; a pino Logger satisfies it. */
export type JudgeLogger = Pick<Logger, "debug" | "warn">;
