import type { QualityScore } from "../scoring/quality-signals.js";

export const RECORDING_SOURCES = ["recorder", "telegram", "discord"] as const;
export type RecordingSource = (typeof RECORDING_SOURCES)[number];

/**
 * processing: accepted (its reward held), waiting for the Quality Agent.
 * graded: scored and settled (paid when above the threshold).
 * rejected: failed a gate (invalid, undecodable, duplicate...): the hold went back to the pool.
 */
export type RecordingStatus = "processing" | "graded" | "rejected";

/** What the Quality Agent concluded, kept so the farmer can read the breakdown later. */
export interface Grade extends QualityScore {
  readonly actionCount: number;
  readonly durationMs: number;
  /** The LLM judge's own verdict when it ran (its score is one component of the grade). */
  readonly llm: {
    readonly score: number;
    readonly reasons: readonly string[];
    readonly flags: readonly string[];
  } | null;
}

/** One uploaded demonstration: its files in storage, its submission, its grade. */
export interface Recording {
  readonly id: string;
  /** The submission holding its reward (same id as the recording). */
  readonly submissionId: string;
  readonly accountId: string;
  readonly factoryId: string;
  readonly taskId: string;
  readonly source: RecordingSource;
  /** Where its files live in blob storage (a key prefix). */
  readonly storageKey: string;
  /** sha256 of the video and event log as uploaded. */
  readonly contentHash: string;
  readonly status: RecordingStatus;
  readonly grade: Grade | null;
  readonly appealedAt: Date | null;
  /** The grade before the appeal's regrade, when there was one. */
  readonly firstGrade: Grade | null;
  readonly createdAt: Date;
  readonly gradedAt: Date | null;
  /** When the farmer was told the (latest) grade; null until then. */
  readonly notifiedAt: Date | null;
}

/**
 * An appeal grades the same files again: it can change a score, never a rejection by a gate
 * (an unreadable, undecodable or copied recording fails the same way), and it is used once.
 */
export const canAppeal = (recording: Recording): boolean =>
  recording.status === "graded" && recording.grade !== null && !recording.grade.rejected && !recording.appealedAt;

/**
 * How a recording is found again by others' near-copies: a MinHash signature of its action
 * sequence, cut into bands for an index lookup, and the perceptual hashes of its keyframes.
 */
export interface RecordingFingerprint {
  readonly minhash: readonly number[];
  readonly keyframes: readonly bigint[];
}

export interface DuplicateCandidate extends RecordingFingerprint {
  readonly recordingId: string;
  readonly accountId: string;
  readonly contentHash: string;
}

export const BAND_ROWS = 4;

/**
 * The bands of a MinHash signature (4 values each): two recordings with similarity s share a
 * band with probability 1 − (1 − s⁴)^16 (≈ 1 at 0.9, ≈ 0.6 at 0.5), so near-copies are found
 * through an index instead of comparing with every recording ever made.
 */
export function minhashBands(minhash: readonly number[]): string[] {
  const bands: string[] = [];
  for (let i = 0; i + BAND_ROWS <= minhash.length; i += BAND_ROWS)
    bands.push(`${i / BAND_ROWS}:${minhash.slice(i, i + BAND_ROWS).join(".")}`);
  return bands;
}
