import type { CoreDeps } from "../deps.js";
import type { Repositories, SettlementRecord } from "../ports/repositories.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import {
  assertPosted,
  decideSettlement,
  scoreInvalid,
  type Settlement,
  type SettlementInput,
} from "./settle-submission.js";

type Outcome = Result<Settlement, DomainError>;

/**
 * Settles a burst of scored submissions in one transaction, each exactly as `settleSubmission`
 * would settle them one after the other (the settlement worker gathers its jobs into these):
 * one result per input, in order. A domain failure (SCORE_INVALID, SUBMISSION_NOT_FOUND,
 * SUBMISSION_NOT_PENDING) fails that input alone; a submission settled before, or twice in the
 * batch, replays. Anything else throws, and the whole batch is rolled back: nothing is paid.
 */
export async function settleSubmissions(deps: CoreDeps, inputs: readonly SettlementInput[]): Promise<Outcome[]> {
  const invalid = inputs.map((i): Outcome | null =>
    scoreInvalid(i.score) ? fail("SCORE_INVALID", { score: i.score }) : null,
  );
  const valid = inputs.flatMap((_, i) => (invalid[i] ? [] : [i]));
  const settled = new Map<number, Outcome>();
  if (valid.length > 0) {
    const supply = (await deps.supply.clonesSupply()).units;
    await deps.uow.run(async (r) => {
      for (let left = valid; left.length > 0;) left = await settleRound(deps, r, inputs, left, supply, settled);
      return ok(null);
    });
  }
  return inputs.map((_, i) => invalid[i] ?? settled.get(i)!);
}

/**
 * Loads every submission left and settles, of each farmer, only the first (and each submission
 * once): their other settlements wait for the next round, whose load reads what this one wrote,
 * as a later `settleSubmission` would (their best earlier gross and score on a task, replays).
 * Saves the round at once and returns the inputs left for the next one.
 */
async function settleRound(
  deps: CoreDeps,
  r: Repositories,
  inputs: readonly SettlementInput[],
  left: readonly number[],
  supply: bigint,
  outcomes: Map<number, Outcome>,
): Promise<number[]> {
  const contexts = await r.settlements.loadMany(left.map((i) => inputs[i]!.submissionId));
  const claimed = new Set<string>();
  const next: number[] = [];
  const records: SettlementRecord[] = [];
  for (const [k, i] of left.entries()) {
    const context = contexts[k] ?? null;
    const claims = [`submission:${inputs[i]!.submissionId}`, ...(context ? [`farmer:${context.farmer.id}`] : [])];
    if (claims.some((c) => claimed.has(c))) {
      next.push(i);
      continue;
    }
    for (const c of claims) claimed.add(c);
    const decided = await decideSettlement(deps, r, context, inputs[i]!, supply);
    outcomes.set(i, decided.ok ? ok(decided.value.settlement) : decided);
    if (decided.ok && decided.value.record) records.push(decided.value.record);
  }
  if (records.length > 0) {
    const posted = await r.settlements.saveMany(records);
    records.forEach((record, k) => assertPosted(record.submission.id, posted[k]!));
  }
  return next;
}
