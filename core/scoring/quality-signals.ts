/**
 * What the Quality Agent measures about one recording. Ratios are 0..1; the deterministic
 * ones come from `measureRecording`, the duplicates from comparing fingerprints with other
 * accounts' recordings, `llm` from the optional judge.
 */
export interface QualitySignals {
  readonly archiveValid: boolean;
  readonly schemaValid: boolean;
  readonly videoDecodes: boolean;
  readonly videoDurationMs: number;
  /** Video time of the last input event (pauses excluded): what the events cover. */
  readonly eventSpanMs: number;
  readonly outOfOrderEvents: number;
  readonly eventCount: number;
  readonly actionCount: number;
  /** Share of video time inside stretches of more than 5 s without input. */
  readonly idleRatio: number;
  readonly actionsPerMinute: number;
  /** Share of actions that undo or repeat the one before (see `actionRedundancy`). */
  readonly redundantActionRatio: number;
  /** Match with the task (see `taskRelevance`); null when the task gives nothing to match. */
  readonly relevance: number | null;
  /** Highest action-fingerprint similarity with another account's recording. */
  readonly duplicateSimilarity: number;
  /** Highest keyframe perceptual-hash similarity with another account's recording. */
  readonly keyframeDuplicateSimilarity: number;
  readonly llm: { readonly score: number; readonly reasons: readonly string[] } | null;
}

export type ComponentName = "completeness" | "activity" | "idle" | "relevance" | "efficiency" | "llm";

export interface ScoreComponent {
  readonly name: ComponentName;
  /** Effective weight in percent after renormalization (the weights used sum to 100). */
  readonly weight: number;
  readonly value: number;
  /** weight × value, to one decimal: what the component added to the score. */
  readonly points: number;
}

/** A stable code the bots localize, its parameters, and a short English text. */
export interface ScoreReason {
  readonly code: ScoreReasonCode;
  readonly text: string;
  readonly params: Readonly<Record<string, number | string>>;
}

export type ScoreReasonCode =
  | "archive_invalid"
  | "schema_invalid"
  | "video_undecodable"
  | "duration_mismatch"
  | "near_duplicate"
  | "events_out_of_order"
  | "events_incomplete"
  | "activity_low"
  | "activity_burst"
  | "few_actions"
  | "idle_high"
  | "relevance_low"
  | "relevance_unknown"
  | "redundant_actions"
  | "llm_absent"
  | "llm_reason";

export interface QualityScore {
  /** 0..100, an integer; 0 when rejected. */
  readonly score: number;
  /** Always all components that applied, even when rejected, so the farmer sees why. */
  readonly components: readonly ScoreComponent[];
  readonly reasons: readonly ScoreReason[];
  readonly rejected: boolean;
}
