import type { CoreDeps } from "../deps.js";
import { LedgerAccount } from "../ledger/ledger.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { farmerLockKey } from "./accept-submission.js";
import type { Submission } from "./submission.js";

/**
 * Returns a reserved submission's whole hold to the pool (cancelled, expired, or rejected
 * before scoring). It no longer counts against the farmer's limits. Releasing twice is a no-op.
 * Errors: SUBMISSION_NOT_FOUND, SUBMISSION_NOT_PENDING (already settled).
 */
export async function releaseSubmission(
  deps: CoreDeps,
  input: { submissionId: string },
): Promise<Result<Submission, DomainError>> {
  return deps.uow.run(async (r) => {
    const found = await r.submissions.findById(input.submissionId);
    if (!found) return fail("SUBMISSION_NOT_FOUND", { submissionId: input.submissionId });
    await r.lock([farmerLockKey(found.farmerId, found.factoryId)]);
    const submission = (await r.submissions.findById(input.submissionId))!;
    if (submission.status === "released") return ok(submission);
    if (submission.status !== "reserved") return fail("SUBMISSION_NOT_PENDING", { status: submission.status });
    await r.ledger.post({
      key: `release:${submission.id}`,
      kind: "release",
      transfers: [
        {
          from: LedgerAccount.hold(submission.id),
          to: LedgerAccount.pool(submission.factoryId),
          token: submission.token,
          units: submission.reserved,
        },
      ],
    });
    const released: Submission = { ...submission, status: "released", settledAt: deps.clock.now() };
    await r.submissions.update(released);
    return ok(released);
  });
}
