import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { releaseSubmission } from "../submissions/release-submission.js";
import { settleSubmission, type Settlement } from "../submissions/settle-submission.js";
import type { Grade, Recording, RecordingFingerprint } from "./recording.js";

export interface GradeOutcome {
  readonly recording: Recording;
  /** The settlement when the grade passed its gates (paid or not by the threshold); null when rejected. */
  readonly settlement: Settlement | null;
  /** True when the recording had been graded before: nothing new was decided. */
  readonly replayed: boolean;
}

/**
 * Records the Quality Agent's grade, then settles the submission through the core rules (or
 * returns its hold to the pool when a gate rejected it). Safe to retry after a crash at any
 * point: the grade is stored once, and settling or releasing again changes nothing.
 * Errors: RECORDING_NOT_FOUND, and settleSubmission's.
 */
export async function gradeRecording(
  deps: CoreDeps,
  input: { recordingId: string; grade: Grade; fingerprint: RecordingFingerprint },
): Promise<Result<GradeOutcome, DomainError>> {
  const saved = await deps.uow.run(async (r) => {
    await r.lock([`recording:${input.recordingId}`]); // a stalled job's twin waits, then replays
    const recording = await r.recordings.findById(input.recordingId);
    if (!recording) return fail("RECORDING_NOT_FOUND", { recordingId: input.recordingId });
    if (recording.status !== "processing") return ok({ recording, replayed: true });
    const graded: Recording = {
      ...recording,
      status: input.grade.rejected ? "rejected" : "graded",
      grade: input.grade,
      gradedAt: deps.clock.now(),
    };
    await r.recordings.update(graded);
    await r.recordings.saveFingerprint(graded, input.fingerprint);
    return ok({ recording: graded, replayed: false });
  });
  if (!saved.ok) return saved;
  const { recording, replayed } = saved.value;
  const settled = await settleOrRelease(deps, recording);
  if (!settled.ok) return settled;
  return ok({ recording, settlement: settled.value, replayed });
}

/** Settles at the grade's score, or releases the hold when the grade was a rejection. */
export async function settleOrRelease(
  deps: CoreDeps,
  recording: Recording,
): Promise<Result<Settlement | null, DomainError>> {
  if (!recording.grade || recording.status === "rejected") {
    const released = await releaseSubmission(deps, { submissionId: recording.submissionId });
    return released.ok || released.error.code === "SUBMISSION_NOT_PENDING" ? ok(null) : released;
  }
  return settleSubmission(deps, { submissionId: recording.submissionId, score: recording.grade.score });
}
