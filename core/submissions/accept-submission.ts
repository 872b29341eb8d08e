import type { CoreDeps } from "../deps.js";
import { findTask, isLive, type Factory } from "../factories/factory.js";
import { LedgerAccount } from "../ledger/ledger.js";
import { units } from "../money/units.js";
import type { Repositories } from "../ports/repositories.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import type { Submission } from "./submission.js";

export const utcDayStart = (now: Date): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

export const farmerLockKey = (farmerId: string, factoryId: string) => `farmer:${farmerId}:${factoryId}`;

/**
 * Accepts a demonstration for scoring: checks the factory, the task and the farmer's limits,
 * then holds its maximum reward from the pool, so concurrent submissions can never overspend
 * it. A resubmission of a task holds only what it could still add over the farmer's best.
 * Passing the same `submissionId` again returns the submission already accepted.
 * Errors: FACTORY_NOT_FOUND, FACTORY_NOT_LIVE, TASK_NOT_FOUND, LIMIT_PER_TASK_REACHED,
 * LIMIT_PER_DAY_REACHED, LIMIT_TOTAL_REACHED, NOTHING_MORE_TO_EARN, POOL_EXHAUSTED.
 */
export async function acceptSubmission(deps: CoreDeps, input: AcceptInput): Promise<Result<Submission, DomainError>> {
  return deps.uow.run((r) => acceptWithin(deps, r, input));
}

export interface AcceptInput {
  readonly farmerId: string;
  readonly factoryId: string;
  readonly taskId: string;
  readonly submissionId?: string;
  /** An appeal's top-up: the same demonstration graded again, so no limits apply. */
  readonly topUp?: boolean;
}

/** acceptSubmission inside a unit of work the caller runs (to record more in the same transaction). */
export async function acceptWithin(
  deps: CoreDeps,
  r: Repositories,
  input: AcceptInput,
): Promise<Result<Submission, DomainError>> {
  await r.lock([farmerLockKey(input.farmerId, input.factoryId)]);
  if (input.submissionId) {
    const existing = await r.submissions.findById(input.submissionId);
    if (existing?.farmerId === input.farmerId) return ok(existing);
    if (existing) return fail("IDEMPOTENCY_CONFLICT", { submissionId: input.submissionId });
  }
  const factory = await r.factories.findById(input.factoryId);
  if (!factory) return fail("FACTORY_NOT_FOUND", { factoryId: input.factoryId });
  if (!isLive(factory)) return fail("FACTORY_NOT_LIVE", { status: factory.status });
  if (!findTask(factory, input.taskId)) return fail("TASK_NOT_FOUND", { taskId: input.taskId });
  // An appeal's top-up is the same demonstration graded again, not a new one: no limits.
  const limit = input.topUp ? ok(null) : await checkLimits(r, factory, input.farmerId, input.taskId, deps.clock.now());
  if (!limit.ok) return limit;
  const best = await r.submissions.bestGross(input.farmerId, factory.id, input.taskId);
  if (best >= factory.rewardPerDemo) return fail("NOTHING_MORE_TO_EARN", { taskId: input.taskId });
  const submission: Submission = {
    id: input.submissionId ?? deps.ids.id(),
    factoryId: factory.id,
    taskId: input.taskId,
    farmerId: input.farmerId,
    token: factory.token,
    rewardPerDemo: factory.rewardPerDemo,
    threshold: factory.threshold,
    status: "reserved",
    reserved: units(factory.rewardPerDemo - best),
    score: null,
    gross: null,
    paid: null,
    createdAt: deps.clock.now(),
    settledAt: null,
  };
  const held = await r.ledger.post({
    key: `reserve:${submission.id}`,
    kind: "reserve",
    transfers: [
      {
        from: LedgerAccount.pool(factory.id),
        to: LedgerAccount.hold(submission.id),
        token: factory.token,
        units: submission.reserved,
      },
    ],
  });
  if (held.status !== "posted")
    return fail("POOL_EXHAUSTED", { factoryId: factory.id, needed: submission.reserved.toString() });
  await r.submissions.create(submission);
  return ok(submission);
}

async function checkLimits(
  r: Repositories,
  factory: Factory,
  farmerId: string,
  taskId: string,
  now: Date,
): Promise<Result<null, DomainError>> {
  const { perTask, perDay, total } = factory.limits;
  if (perTask === null && perDay === null && total === null) return ok(null);
  const counts = await r.submissions.countForLimits(farmerId, factory.id, taskId, utcDayStart(now));
  if (perTask !== null && counts.task >= perTask) return fail("LIMIT_PER_TASK_REACHED", { limit: perTask });
  if (perDay !== null && counts.day >= perDay) return fail("LIMIT_PER_DAY_REACHED", { limit: perDay });
  if (total !== null && counts.total >= total) return fail("LIMIT_TOTAL_REACHED", { limit: total });
  return ok(null);
}
