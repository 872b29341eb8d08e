import { componentValues, WEIGHTS } from "./quality-components.js";
import { rejectionReasons } from "./quality-gates.js";
import type { QualityScore, QualitySignals, ScoreComponent } from "./quality-signals.js";

/**
 * The Quality Agent's formula: gates first, then a weighted sum in which every component
 * counts, with no calibration curve (a mediocre recording stays below 50).
 *
 * Gates (any → rejected, score 0): archive invalid, schema invalid, video does not decode,
 * video duration and event span differ by more than max(3 s, 10%), near-duplicate of another
 * account's recording (actions ≥ 0.9, or actions ≥ 0.75 with keyframes ≥ 0.9).
 *
 * | component    | weight | value (0..1)                                                   |
 * |--------------|-------:|----------------------------------------------------------------|
 * | completeness |     10 | (1 − out-of-order share / 0.1) × shorter / longer of video and event span |
 * | activity     |     20 | actions per minute / 15                                        |
 * | idle         |     20 | 1 − idle ratio / 0.4                                           |
 * | relevance    |     15 | `taskRelevance` (absent when the task gives nothing to match)  |
 * | efficiency   |     10 | (1 − 3 × redundant share) × burst (1 up to 90/min, 0 at 270/min) × min(1, actions / 10) |
 * | llm          |     25 | judge score / 100 (absent without a judge)                     |
 *
 * Values are clamped to 0..1. Absent components drop out and the remaining weights are
 * scaled to sum to 100; score = floor(Σ weight × value), so nothing rounds up into a payout.
 */
export function qualityScore(signals: QualitySignals): QualityScore {
  const values = componentValues(signals);
  const applied = values.filter((c): c is typeof c & { value: number } => c.value !== null);
  const total = applied.reduce((sum, c) => sum + WEIGHTS[c.name], 0);
  const components: ScoreComponent[] = applied.map((c) => {
    const weight = (100 * WEIGHTS[c.name]) / total;
    return { name: c.name, weight: round1(weight), value: round3(c.value), points: round1(weight * c.value) };
  });
  const exact = applied.reduce((sum, c) => sum + (100 * WEIGHTS[c.name] * c.value) / total, 0);
  const gates = rejectionReasons(signals);
  const reasons = [...gates, ...values.flatMap((c) => c.reasons)];
  if (gates.length > 0) return { score: 0, components, reasons, rejected: true };
  // The epsilon keeps a perfect 99.99999… (float error) from flooring to 99.
  return { score: Math.min(100, Math.floor(exact + 1e-9)), components, reasons, rejected: false };
}

const round1 = (x: number) => Math.round(10 * x) / 10;
const round3 = (x: number) => Math.round(1000 * x) / 1000;
