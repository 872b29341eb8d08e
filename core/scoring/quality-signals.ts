import type { InputLogSummary } from "../recordings/input-log.js";

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
  /** The copy found is the farmer's own earlier recording (exact copies only; else another account's). */
  readonly ownCopy?: boolean;
  readonly llm: { readonly score: number; readonly reasons: readonly string[] } | null;
  /** Why `schemaValid` is false, when known: each rejects with its own detailed reason. */
  readonly schemaProblems?: readonly SchemaProblem[];
  /** Events outside the recording's own time span (`eventsOutsideRecording`): rejects. */
  readonly outsideRecording?: { readonly count: number; readonly seconds: number } | null;
}

/** What made meta.json or input_log.jsonl unusable, as precisely as the parsers know it. */
export type SchemaProblem =
  | {
      readonly file: "meta.json";
      /** The field's path, e.g. "primary_monitor.width"; "" for the file itself. */
      readonly field: string;
      /** What is wrong with it, in English: "must be a number", "is missing". */
      readonly detail: string;
    }
  | {
      readonly file: "input_log.jsonl";
      /** unreadable: too many bad lines; too_many_events: over the line limit; too_large: over the byte limit. */
      readonly problem: "unreadable" | "too_many_events" | "too_large";
      /** The first bad line (1-based), or the first line over the limit; 0 for too_large. */
      readonly line: number;
      /** Bad lines (unreadable), else 0. */
      readonly count: number;
      /** Non-blank lines read (unreadable), the line limit (too_many_events), the size limit in MiB (too_large). */
      readonly lines: number;
      /** The first bad line's problem, in English ("not valid JSON"). */
      readonly detail: string;
    };

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
  | "llm_reason"
  | "meta_invalid"
  | "input_log_invalid"
  | "events_outside_recording"
  | "input_lines_skipped";

export interface QualityScore {
  /** 0..100, an integer; 0 when rejected. */
  readonly score: number;
  /** Always all components that applied, even when rejected, so the farmer sees why. */
  readonly components: readonly ScoreComponent[];
  readonly reasons: readonly ScoreReason[];
  readonly rejected: boolean;
  /** What parsing the event log found besides the events: ignored, unknown and unreadable lines. */
  readonly inputLog?: InputLogSummary;
}
