import type { QualitySignals } from "../../../core/scoring/quality-signals.js";

/** A flawless 5-minute recording, with overrides. */
export function signals(overrides: Partial<QualitySignals> = {}): QualitySignals {
  return {
    archiveValid: true,
    schemaValid: true,
    videoDecodes: true,
    videoDurationMs: 300_000,
    eventSpanMs: 300_000,
    outOfOrderEvents: 0,
    eventCount: 5000,
    actionCount: 100,
    idleRatio: 0,
    actionsPerMinute: 20,
    redundantActionRatio: 0,
    relevance: 1,
    duplicateSimilarity: 0.1,
    keyframeDuplicateSimilarity: 0.2,
    llm: { score: 100, reasons: ["Completes every step."] },
    ...overrides,
  };
}
