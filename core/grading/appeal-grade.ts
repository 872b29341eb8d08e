import type { CoreDeps } from "../deps.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { canAppeal, type Recording } from "./recording.js";

/**
 * The farmer asks, once per recording, for a regrade of a graded recording (a rejected one
 * would fail the same gate again). Errors: RECORDING_NOT_FOUND, NOT_ALLOWED (not theirs),
 * RECORDING_NOT_GRADED, APPEAL_ALREADY_USED, APPEAL_CANNOT_CHANGE.
 */
export async function appealGrade(
  deps: CoreDeps,
  input: { recordingId: string; accountId: string },
): Promise<Result<Recording, DomainError>> {
  return deps.uow.run(async (r) => {
    const recording = await r.recordings.findById(input.recordingId);
    if (!recording) return fail("RECORDING_NOT_FOUND", { recordingId: input.recordingId });
    if (recording.accountId !== input.accountId) return fail("NOT_ALLOWED", { recordingId: recording.id });
    if (recording.status === "processing") return fail("RECORDING_NOT_GRADED", { recordingId: recording.id });
    if (recording.appealedAt) return fail("APPEAL_ALREADY_USED", { recordingId: recording.id });
    if (!canAppeal(recording)) return fail("APPEAL_CANNOT_CHANGE", { recordingId: recording.id });
    const appealed: Recording = { ...recording, appealedAt: deps.clock.now() };
    await r.recordings.update(appealed);
    return ok(appealed);
  });
}
