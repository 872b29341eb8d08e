import { UnrecoverableError, type Job } from "bullmq";
import type { Core } from "../core/index.js";
import { SettlementJob } from "./queues.js";

/**
 * Settles a scored submission. A domain rejection (unknown submission, invalid score) will
 * not get better with retries: UnrecoverableError. Anything else is rethrown so BullMQ's
 * attempts and backoff apply; settling is idempotent, so a retry after a crash is safe.
 */
export type SettlementJobResult = Awaited<ReturnType<ReturnType<typeof settlementProcessor>>>;

export const settlementProcessor = (core: Core) => async (job: Job) => {
  const payload = SettlementJob.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`invalid payload: ${payload.error.message}`);
  const result = await core.settleSubmission(payload.data);
  if (!result.ok) throw new UnrecoverableError(`${result.error.code} ${JSON.stringify(result.error.context)}`);
  const { submission, split, payouts, replayed } = result.value;
  return {
    submissionId: submission.id,
    token: submission.token,
    paid: split.gross.toString(),
    farmerNet: split.farmerNet.toString(),
    payouts: replayed ? 0 : payouts.length,
    replayed,
  };
};
