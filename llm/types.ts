// Shapes of the LLM judge's input and output.
import type { Logger } from "pino";
import type { Action } from "../core/recordings/action.js";

/** One processed action: the core's own type (an edge may import the core). */
export type JudgeAction = Action;

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
