import type { ComponentName, QualitySignals, ScoreReason } from "./quality-signals.js";

/**
 * Nominal weights (percent). When a component does not apply (no LLM judge, nothing to
 * match the task against), the others are scaled up to sum to 100 again.
 */
export const WEIGHTS: Readonly<Record<ComponentName, number>> = {
  completeness: 10,
  activity: 20,
  idle: 20,
  relevance: 15,
  efficiency: 10,
  llm: 25,
};

/** Actions per minute that earn full activity; fewer earn proportionally less. */
export const TARGET_ACTIONS_PER_MINUTE = 15;
/** Idle share at which the idle component reaches 0 (linear from 0). */
export const IDLE_ZERO_AT = 0.4;
/** Out-of-order share at which ordering reaches 0: 10% shuffled is not a glitch. */
export const DISORDER_ZERO_AT = 0.1;
/** Above this rate the activity looks like a script; efficiency falls to 0 at 3×. */
export const BURST_ACTIONS_PER_MINUTE = 90;
/** Efficiency cannot be judged on fewer actions; it is scaled down below this many. */
export const MIN_ACTIONS_FOR_EFFICIENCY = 10;

export interface ComponentValue {
  readonly name: ComponentName;
  /** 0..1, or null when the component does not apply to this recording. */
  readonly value: number | null;
  readonly reasons: ScoreReason[];
}

/** Each component's value in 0..1 (null: does not apply) with the reasons it gives. */
export function componentValues(s: QualitySignals): ComponentValue[] {
  return [completeness(s), activity(s), idle(s), relevance(s), efficiency(s), llm(s)];
}

function completeness(s: QualitySignals): ComponentValue {
  const reasons: ScoreReason[] = [];
  const disorder = s.eventCount > 0 ? s.outOfOrderEvents / s.eventCount : 0;
  const ordering = unit(1 - disorder / DISORDER_ZERO_AT);
  if (s.outOfOrderEvents > 0)
    reasons.push(
      reason("events_out_of_order", `${s.outOfOrderEvents} events are out of order.`, {
        count: s.outOfOrderEvents,
      }),
    );
  const longer = Math.max(s.videoDurationMs, s.eventSpanMs);
  const coverage = longer > 0 ? unit(Math.min(s.videoDurationMs, s.eventSpanMs) / longer) : 0;
  if (coverage < 0.95)
    reasons.push(
      reason("events_incomplete", `The events cover ${pct(coverage)}% of the video.`, {
        percent: pct(coverage),
      }),
    );
  return { name: "completeness", value: ordering * coverage, reasons };
}

function activity(s: QualitySignals): ComponentValue {
  const perMinute = finiteOr(s.actionsPerMinute, 0);
  const value = unit(perMinute / TARGET_ACTIONS_PER_MINUTE);
  const reasons =
    value < 0.5
      ? [reason("activity_low", `Only ${round1(perMinute)} actions per minute.`, { perMinute: round1(perMinute) })]
      : [];
  return { name: "activity", value, reasons };
}

function idle(s: QualitySignals): ComponentValue {
  const ratio = unit(finiteOr(s.idleRatio, 1));
  const reasons =
    ratio > 0.15 ? [reason("idle_high", `${pct(ratio)}% of the video is idle.`, { percent: pct(ratio) })] : [];
  return { name: "idle", value: unit(1 - ratio / IDLE_ZERO_AT), reasons };
}

function relevance(s: QualitySignals): ComponentValue {
  if (s.relevance === null)
    return {
      name: "relevance",
      value: null,
      reasons: [reason("relevance_unknown", "The task gives nothing to check relevance against.", {})],
    };
  const value = unit(finiteOr(s.relevance, 0));
  const reasons =
    value < 0.5 ? [reason("relevance_low", `Only ${pct(value)}% relevant to the task.`, { percent: pct(value) })] : [];
  return { name: "relevance", value, reasons };
}

function efficiency(s: QualitySignals): ComponentValue {
  const reasons: ScoreReason[] = [];
  const redundant = unit(finiteOr(s.redundantActionRatio, 1));
  if (redundant > 0.1)
    reasons.push(
      reason("redundant_actions", `${pct(redundant)}% of the actions are redundant.`, { percent: pct(redundant) }),
    );
  const perMinute = finiteOr(s.actionsPerMinute, 0);
  const burst = unit(1 - (perMinute - BURST_ACTIONS_PER_MINUTE) / (2 * BURST_ACTIONS_PER_MINUTE));
  if (burst < 1)
    reasons.push(
      reason("activity_burst", `${round1(perMinute)} actions per minute looks scripted.`, {
        perMinute: round1(perMinute),
      }),
    );
  const confidence = unit(s.actionCount / MIN_ACTIONS_FOR_EFFICIENCY);
  if (confidence < 1) reasons.push(reason("few_actions", `Only ${s.actionCount} actions.`, { count: s.actionCount }));
  return { name: "efficiency", value: unit(1 - 3 * redundant) * burst * confidence, reasons };
}

function llm(s: QualitySignals): ComponentValue {
  if (s.llm === null || !Number.isFinite(s.llm.score))
    return { name: "llm", value: null, reasons: [reason("llm_absent", "No AI review was available.", {})] };
  const notes = s.llm.reasons.slice(0, 5).map((r) => {
    const text = sanitize(r);
    return reason("llm_reason", text, { text });
  });
  return { name: "llm", value: unit(s.llm.score / 100), reasons: notes };
}

// The judge's words reach the farmer: no control characters, bounded length.
function sanitize(text: string): string {
  return text
    .replace(/\p{Cc}+/gu, " ")
    .trim()
    .slice(0, 300);
}

function reason(code: ScoreReason["code"], text: string, params: ScoreReason["params"]): ScoreReason {
  return { code, text, params };
}

function unit(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function finiteOr(x: number, fallback: number): number {
  return Number.isFinite(x) ? x : fallback;
}

const pct = (x: number) => Math.round(100 * x);
const round1 = (x: number) => Math.round(10 * x) / 10;
