import { activeBoostBps } from "../accounts/account.js";
import type { CoreDeps } from "../deps.js";
import { grossReward, splitReward, stakeTier, xpGain, MAX_SCORE, type RewardSplit } from "../economics/rules.js";
import { LedgerAccount, type PostOutcome, type Transfer } from "../ledger/ledger.js";
import { units, type Units } from "../money/units.js";
import type { Repositories, SettlementContext, SettlementRecord } from "../ports/repositories.js";
import { fail, type DomainError } from "../shared/errors.js";
import { ok, type Result } from "../shared/result.js";
import { owe } from "../payouts/owe.js";
import type { Payout } from "../payouts/payout.js";
import type { Submission } from "./submission.js";

export interface Settlement {
  readonly submission: Submission;
  /** The split of what the pool paid (the delta over the farmer's best earlier gross). */
  readonly split: RewardSplit;
  readonly payouts: readonly Payout[];
  readonly xpGained: bigint;
  /** True when this call found the submission already settled and changed nothing. */
  readonly replayed: boolean;
}

interface Referrer {
  readonly id: string;
  readonly sourceId: string;
  readonly role: "ref-farmer" | "ref-creator";
  readonly tier: number;
}

/**
 * Settles a scored submission in one transaction: pays gross − 10% fee to the farmer (only
 * the delta over their best earlier gross on the task), k% of it to each referrer at stake
 * tier k out of the fee, the rest of the fee to the platform, and releases the unused hold
 * to the pool; XP likewise grows only by the difference over the best earlier score on the
 * task. Returns the payouts to send. Settling twice returns the first settlement.
 * Errors: SCORE_INVALID, SUBMISSION_NOT_FOUND, SUBMISSION_NOT_PENDING.
 */
export async function settleSubmission(
  deps: CoreDeps,
  input: SettlementInput,
): Promise<Result<Settlement, DomainError>> {
  if (scoreInvalid(input.score)) return fail("SCORE_INVALID", { score: input.score });
  const supply = (await deps.supply.clonesSupply()).units;
  return deps.uow.run(async (r) => {
    const decided = await decideSettlement(deps, r, await r.settlements.load(input.submissionId), input, supply);
    if (!decided.ok) return decided;
    const { settlement, record } = decided.value;
    if (record) assertPosted(input.submissionId, await r.settlements.save(record));
    return ok(settlement);
  });
}

export interface SettlementInput {
  readonly submissionId: string;
  readonly score: number;
}

/** A settlement, with the record that writes it (none when it replays one already written). */
export interface SettlementDecision {
  readonly settlement: Settlement;
  readonly record: SettlementRecord | null;
}

export const scoreInvalid = (score: number) => !Number.isInteger(score) || score < 0 || score > MAX_SCORE;

/**
 * Decides what settling a loaded submission comes to, writing nothing (the caller saves the
 * record, alone or with others): the settlement and its record, a replay of the one already
 * written, or SUBMISSION_NOT_FOUND / SUBMISSION_NOT_PENDING.
 */
export async function decideSettlement(
  deps: CoreDeps,
  r: Repositories,
  context: SettlementContext | null,
  input: SettlementInput,
  supply: bigint,
): Promise<Result<SettlementDecision, DomainError>> {
  if (!context) return fail("SUBMISSION_NOT_FOUND", { submissionId: input.submissionId });
  const { submission, farmer } = context;
  if (submission.status === "settled") return ok({ settlement: await replay(r, submission), record: null });
  if (submission.status !== "reserved") return fail("SUBMISSION_NOT_PENDING", { status: submission.status });
  // The terms the submission was accepted under, not the factory's current ones.
  const gross = grossReward(submission.rewardPerDemo, input.score, submission.threshold);
  const delta = gross > context.bestGross ? gross - context.bestGross : 0n;
  const paid = units(delta < submission.reserved ? delta : submission.reserved);
  const referrers = referrersOf(context, supply);
  const split = splitReward(
    paid,
    referrers.map((x) => x.tier),
  );
  const now = deps.clock.now();
  const settled: Submission = { ...submission, status: "settled", score: input.score, gross, paid, settledAt: now };
  const { payouts, transfers } = settlementOutcome(deps, submission, split, referrers);
  const xpGained = xpGain(input.score, submission.threshold, context.bestScore, activeBoostBps(farmer, now));
  const entry = { key: `settle:${submission.id}`, kind: "settle" as const, transfers };
  return ok({
    settlement: { submission: settled, split, payouts, xpGained, replayed: false },
    record: { submission: settled, payouts, xp: xpGained, entry },
  });
}

/**
 * The settlement's journal entry must post: its key is new (the submission was reserved, under
 * its lock) and the hold covers it. Anything else is a bug, and throwing rolls everything back.
 */
export function assertPosted(submissionId: string, posted: PostOutcome): void {
  if (posted.status !== "posted")
    throw new Error(`settlement of ${submissionId} could not be posted: ${posted.status}`);
}

function referrersOf(context: SettlementContext, supply: bigint): Referrer[] {
  const candidates = [
    { id: context.farmer.referrerId, sourceId: context.farmer.id, role: "ref-farmer" as const },
    { id: context.owner.referrerId, sourceId: context.owner.id, role: "ref-creator" as const },
  ];
  return candidates.flatMap((c) =>
    c.id === null
      ? []
      : [{ id: c.id, sourceId: c.sourceId, role: c.role, tier: stakeTier(context.referrerStakes[c.id] ?? 0n, supply) }],
  );
}

/**
 * What the hold pays: the farmer's and the referrers' shares become owed (payout rows and
 * owed-account credits, through `owe`), the platform keeps the rest of the fee, and the unused
 * hold returns to the pool.
 */
function settlementOutcome(
  deps: CoreDeps,
  submission: Submission,
  split: RewardSplit,
  referrers: readonly Referrer[],
): { payouts: Payout[]; transfers: Transfer[] } {
  const hold = LedgerAccount.hold(submission.id);
  const token = submission.token;
  const owed = [
    owe(deps, {
      key: `settle:${submission.id}:farmer`,
      recipientId: submission.farmerId,
      role: "farmer",
      token,
      units: split.farmerNet,
      from: hold,
      submissionId: submission.id,
    }),
    ...referrers.map((ref, i) =>
      owe(deps, {
        key: `settle:${submission.id}:${ref.role}`,
        recipientId: ref.id,
        role: "ambassador",
        token,
        units: split.commissions[i]!,
        from: hold,
        submissionId: submission.id,
        sourceId: ref.sourceId,
      }),
    ),
  ].filter((o) => o.payout.units > 0n);
  const to = (account: string, amount: Units): Transfer => ({ from: hold, to: account, token, units: amount });
  return {
    payouts: owed.map((o) => o.payout),
    transfers: [
      ...owed.map((o) => o.transfer),
      to(LedgerAccount.platformFee(), split.platformShare),
      to(LedgerAccount.pool(submission.factoryId), units(submission.reserved - split.gross)),
    ],
  };
}

async function replay(r: Repositories, submission: Submission): Promise<Settlement> {
  const payouts = await r.payouts.listBySubmission(submission.id);
  const paid = submission.paid ?? units(0n);
  const farmerNet = payouts.find((p) => p.role === "farmer")?.units ?? units(0n);
  const commissions = payouts.filter((p) => p.role === "ambassador").map((p) => p.units);
  const fee = units(paid - farmerNet);
  const split: RewardSplit = {
    gross: paid,
    fee,
    farmerNet,
    commissions,
    platformShare: units(fee - commissions.reduce<bigint>((a, b) => a + b, 0n)),
  };
  return { submission, split, payouts, xpGained: 0n, replayed: true };
}
