import type { CoreDeps } from "../deps.js";
import type { Actor } from "../factories/actor.js";
import type { FactoryOverview } from "../factories/get-factory-overview.js";
import { getOwnedFactoryOverview } from "../factories/get-owned-factory-overview.js";
import type { RankedRecording, SubmissionOutcome } from "../ports/repositories.js";
import type { DomainError } from "../shared/errors.js";
import { read } from "../shared/read.js";
import { ok, type Result } from "../shared/result.js";
import { DAY_MS, lastDays, perDay, startOf } from "./days.js";
import { HISTORY_DAYS } from "./get-earnings-history.js";

export interface FactoryInsights {
  readonly overview: FactoryOverview;
  /** UTC days, "YYYY-MM-DD", oldest first. */
  readonly days: readonly string[];
  /** Submissions taken in per day, by what became of them. */
  readonly submissions: Readonly<Record<SubmissionOutcome, readonly number[]>>;
  /** Every scored submission per 10 points (0–9 … 90–100), and the threshold they are paid from. */
  readonly scoreBins: readonly number[];
  readonly threshold: number;
  /** The pool's balance at the end of each day (the last one: now). */
  readonly pool: readonly { readonly at: Date; readonly units: bigint }[];
  readonly best: readonly RankedRecording[];
  readonly worst: readonly RankedRecording[];
}

export const RANKED_RECORDINGS = 3;

const OUTCOMES: readonly SubmissionOutcome[] = ["passed", "failed", "pending", "released"];

/**
 * A factory's last 30 days for its owner's charts and dashboard: submissions per day, the score
 * distribution against the threshold, the pool's balance, the best and worst recordings.
 * Errors: those of getOwnedFactoryOverview (FACTORY_NOT_FOUND, FACTORY_NOT_OWNER).
 */
export async function getFactoryInsights(
  deps: CoreDeps,
  input: { actor: Actor; factoryId: string; days?: number },
): Promise<Result<FactoryInsights, DomainError>> {
  const overview = await getOwnedFactoryOverview(deps, { ...input, dialog: "card" });
  if (!overview.ok) return overview;
  const { factory } = overview.value;
  const now = deps.clock.now();
  const days = lastDays(now, input.days ?? HISTORY_DAYS);
  const since = startOf(days);
  return read(deps.uow, async (r) => {
    const byDay = await r.insights.submissionsByDay(factory.id, since);
    const count = (a: number, b: number) => a + b;
    const submissions = Object.fromEntries(
      OUTCOMES.map((outcome) => [
        outcome,
        perDay(
          days,
          byDay.filter((d) => d.outcome === outcome).map((d) => [d.day, d.count] as const),
          0,
          count,
        ),
      ]),
    ) as Record<SubmissionOutcome, number[]>;
    const pool = await r.insights.poolByDay(factory.id, factory.token, since);
    const changes = perDay(
      days,
      pool.changes.map((c) => [c.day, c.units] as const),
      0n,
      (a, b) => a + b,
    );
    let balance = pool.opening;
    const points = days.map((day, i) => {
      balance += changes[i]!;
      const end = new Date(startOf([day]).getTime() + DAY_MS - 1);
      return { at: end < now ? end : now, units: balance };
    });
    // The last point is the card's balance, so the chart and the text never disagree.
    points[points.length - 1] = { at: now, units: overview.value.available };
    const best = await r.insights.rankedRecordings(factory.id, "best", RANKED_RECORDINGS);
    const worst = await r.insights.rankedRecordings(factory.id, "worst", RANKED_RECORDINGS);
    return ok({
      overview: overview.value,
      days,
      submissions,
      scoreBins: await r.insights.scoreBins(factory.id),
      threshold: factory.threshold,
      pool: points,
      best,
      // A recording is in one list only: with few of them, the best are not also the worst.
      worst: worst.filter((w) => !best.some((b) => b.recordingId === w.recordingId)),
    });
  });
}
