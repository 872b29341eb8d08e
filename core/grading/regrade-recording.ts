import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { acceptSubmission } from "../submissions/accept-submission.js";
import { settleSubmission, type Settlement } from "../submissions/settle-submission.js";
import { TOP_UP_SUFFIX } from "../submissions/submission.js";
import type { Grade, Recording } from "./recording.js";

export interface RegradeOutcome {
  readonly recording: Recording;
  /** The first grade, for the farmer to compare. */
  readonly before: Grade;
  /** The top-up settlement when the regrade scored higher and the pool could pay; else null. */
  readonly topUp: Settlement | null;
  /** Why no top-up was paid although the score rose (e.g. POOL_EXHAUSTED), if so. */
  readonly topUpError: DomainError | null;
}

/**
 * Stores an appealed recording's second grade. A higher score pays the difference through a
 * top-up submission (its gross over the farmer's best on the task, so nothing is paid twice);
 * a lower one changes no money: an appeal never costs the farmer what was already paid.
 * Errors: RECORDING_NOT_FOUND, RECORDING_NOT_GRADED (not appealed, or regraded already).
 */
export async function regradeRecording(
  deps: CoreDeps,
  input: { recordingId: string; grade: Grade },
): Promise<Result<RegradeOutcome, DomainError>> {
  const saved = await deps.uow.run(async (r) => {
    await r.lock([`recording:${input.recordingId}`]);
    const recording = await r.recordings.findById(input.recordingId);
    if (!recording) return fail("RECORDING_NOT_FOUND", { recordingId: input.recordingId });
    if (!recording.appealedAt || !recording.grade) return fail("RECORDING_NOT_GRADED", { recordingId: recording.id });
    if (recording.firstGrade) return ok({ recording, before: recording.firstGrade, replayed: true });
    const better = !input.grade.rejected && (recording.grade.rejected || input.grade.score > recording.grade.score);
    const regraded: Recording = {
      ...recording,
      firstGrade: recording.grade,
      grade: better ? input.grade : recording.grade,
      status: better ? "graded" : recording.status,
      gradedAt: deps.clock.now(),
    };
    await r.recordings.update(regraded);
    return ok({ recording: regraded, before: recording.grade, replayed: false });
  });
  if (!saved.ok) return saved;
  const { recording, before } = saved.value;
  const now = recording.grade!;
  const raised = !now.rejected && (before.rejected || now.score > before.score);
  if (!raised) return ok({ recording, before, topUp: null, topUpError: null });
  const submissionId = `${recording.submissionId}${TOP_UP_SUFFIX}`;
  const accepted = await acceptSubmission(deps, {
    farmerId: recording.accountId,
    factoryId: recording.factoryId,
    taskId: recording.taskId,
    submissionId,
    topUp: true,
  });
  if (!accepted.ok) return ok({ recording, before, topUp: null, topUpError: accepted.error });
  const settled = await settleSubmission(deps, { submissionId, score: now.score });
  if (!settled.ok) return settled;
  return ok({ recording, before, topUp: settled.value, topUpError: null });
}
