import type { CoreDeps } from "../deps.js";
import { acceptWithin } from "../submissions/accept-submission.js";
import type { DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { Recording, RecordingSource } from "./recording.js";

/**
 * Takes in an uploaded demonstration: accepts its submission (limits checked, maximum reward
 * held from the pool) and records it for grading, in one transaction. The recording id doubles
 * as the submission id, so retrying the same upload changes nothing.
 * Errors: those of acceptSubmission (FACTORY_NOT_LIVE, POOL_EXHAUSTED, LIMIT_*...).
 */
export async function submitRecording(
  deps: CoreDeps,
  input: {
    recordingId: string;
    accountId: string;
    factoryId: string;
    taskId: string;
    source: RecordingSource;
    storageKey: string;
    contentHash: string;
  },
): Promise<Result<Recording, DomainError>> {
  return deps.uow.run(async (r) => {
    const existing = await r.recordings.findById(input.recordingId);
    if (existing) return ok(existing);
    const accepted = await acceptWithin(deps, r, {
      farmerId: input.accountId,
      factoryId: input.factoryId,
      taskId: input.taskId,
      submissionId: input.recordingId,
    });
    if (!accepted.ok) return accepted;
    const recording: Recording = {
      id: input.recordingId,
      submissionId: accepted.value.id,
      accountId: input.accountId,
      factoryId: input.factoryId,
      taskId: input.taskId,
      source: input.source,
      storageKey: input.storageKey,
      contentHash: input.contentHash,
      status: "processing",
      grade: null,
      appealedAt: null,
      firstGrade: null,
      createdAt: deps.clock.now(),
      gradedAt: null,
      notifiedAt: null,
    };
    await r.recordings.create(recording);
    return ok(recording);
  });
}
