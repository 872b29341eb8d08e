import type { CoreDeps } from "../deps.js";
import { fingerprintSimilarity, keyframeSimilarity } from "../recordings/fingerprint.js";
import { read } from "../shared/read.js";
import { minhashBands, type DuplicateCandidate, type RecordingFingerprint } from "./recording.js";

export interface DuplicateSignals {
  /** Highest action-sequence similarity with another account's recording (1 for the same bytes). */
  readonly duplicateSimilarity: number;
  /** Highest keyframe similarity with another account's recording. */
  readonly keyframeDuplicateSimilarity: number;
  /** The closest other recording, for the farmer's reason and for admins. */
  readonly closestRecordingId: string | null;
  /** True when that is the farmer's own earlier recording, copied exactly. */
  readonly ownCopy: boolean;
}

const CANDIDATES = 64;

/**
 * Compares a recording with other accounts' recordings: the same bytes (content hash), those
 * sharing a MinHash band (likely near-copies, found through an index), and the task's most
 * recent ones (for keyframe look-alikes). The farmer's own earlier recordings count only when
 * copied exactly (the same bytes or the same action fingerprint): two honest demonstrations of
 * one task by one person look alike, the same one uploaded twice is a copy.
 */
export async function findDuplicates(
  deps: CoreDeps,
  input: {
    accountId: string;
    taskId: string;
    contentHash: string;
    fingerprint: RecordingFingerprint;
    excludeRecordingId: string;
    /** When this recording was taken in: exact copies made earlier are copies, later ones are not. */
    createdAt?: Date;
  },
): Promise<DuplicateSignals> {
  return read(deps.uow, async (r) => {
    // Exact copies are found among all recordings, graded or not, so two accounts uploading the
    // same bytes at once cannot both pass while neither has been fingerprinted yet.
    const createdBefore = input.createdAt ?? deps.clock.now();
    const copy = await r.recordings.findEarlierCopy({
      contentHash: input.contentHash,
      excludeAccountId: input.accountId,
      createdBefore,
      recordingId: input.excludeRecordingId,
    });
    if (copy) return exactCopyOf(copy, false);
    const own = await r.recordings.findOwnCopy({
      accountId: input.accountId,
      contentHash: input.contentHash,
      minhash: input.fingerprint.minhash,
      createdBefore,
      recordingId: input.excludeRecordingId,
    });
    if (own) return exactCopyOf(own, true);
    const candidates = await r.recordings.findDuplicateCandidates({
      excludeAccountId: input.accountId,
      excludeRecordingId: input.excludeRecordingId,
      createdBefore,
      taskId: input.taskId,
      contentHash: input.contentHash,
      bands: minhashBands(input.fingerprint.minhash),
      limit: CANDIDATES,
    });
    return compareWith(input.contentHash, input.fingerprint, candidates);
  });
}

const exactCopyOf = (recordingId: string, ownCopy: boolean): DuplicateSignals => ({
  duplicateSimilarity: 1,
  keyframeDuplicateSimilarity: 1,
  closestRecordingId: recordingId,
  ownCopy,
});

/** The highest similarities among the candidates (pure; exported for tests). */
export function compareWith(
  contentHash: string,
  fingerprint: RecordingFingerprint,
  candidates: readonly DuplicateCandidate[],
): DuplicateSignals {
  let best: DuplicateSignals = {
    duplicateSimilarity: 0,
    keyframeDuplicateSimilarity: 0,
    closestRecordingId: null,
    ownCopy: false,
  };
  for (const c of candidates) {
    const actions = c.contentHash === contentHash ? 1 : fingerprintSimilarity(fingerprint.minhash, c.minhash);
    const frames = c.contentHash === contentHash ? 1 : keyframeSimilarity(fingerprint.keyframes, c.keyframes);
    if (actions + frames > best.duplicateSimilarity + best.keyframeDuplicateSimilarity)
      best = {
        duplicateSimilarity: actions,
        keyframeDuplicateSimilarity: frames,
        closestRecordingId: c.recordingId,
        ownCopy: false,
      };
  }
  return best;
}
