import type { TokenSymbol } from "../money/tokens.js";
import type { Units } from "../money/units.js";

/**
 * reserved: accepted for scoring, its maximum reward held from the pool.
 * settled: scored; paid when the score passed the threshold, the rest released.
 * released: abandoned or rejected before scoring; the whole hold returned to the pool.
 */
export type SubmissionStatus = "reserved" | "settled" | "released";

export interface Submission {
  readonly id: string;
  readonly factoryId: string;
  readonly taskId: string;
  readonly farmerId: string;
  readonly token: TokenSymbol;
  /**
   * The factory's reward per demonstration when the submission was accepted: settling pays by
   * these terms, so a creator's later edit never changes what work already in flight earns.
   */
  readonly rewardPerDemo: Units;
  /** The factory's quality threshold at acceptance (paid from this score). */
  readonly threshold: number;
  readonly status: SubmissionStatus;
  readonly reserved: Units;
  readonly score: number | null;
  /** The demonstration's full gross value at its score (before the resubmission delta). */
  readonly gross: Units | null;
  /** What the pool actually paid for it: the delta over the farmer's best earlier gross. */
  readonly paid: Units | null;
  readonly createdAt: Date;
  readonly settledAt: Date | null;
}

/**
 * An appeal's top-up submission is the original's id plus this suffix: the same demonstration
 * graded again, so it never counts against the farmer's limits.
 */
export const TOP_UP_SUFFIX = "-appeal";
export const isTopUp = (submissionId: string): boolean => submissionId.endsWith(TOP_UP_SUFFIX);

export interface LimitCounts {
  readonly task: number;
  readonly day: number;
  readonly total: number;
}
