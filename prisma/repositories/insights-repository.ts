// Read-only sums by UTC day for charts and the dashboard (core/insights). One score per
// demonstration, its latest, as recentScores counts it: the recording's grade (an appeal's
// regrade replaces it), else its settled top-up's, else its own; top-ups are never counted twice.
import type { TokenSymbol } from "../../core/money/tokens.js";
import type { PayoutRole } from "../../core/payouts/payout.js";
import type { InsightsRepository, SubmissionOutcome } from "../../core/ports/repositories.js";
import { TOP_UP_SUFFIX } from "../../core/submissions/submission.js";
import type { Tx } from "./tx.js";

const DAY = `to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
const day = (column: string) => DAY.replace("%s", column);

/** A factory's demonstrations (top-ups folded into their original) with their latest score. */
const DEMONSTRATIONS = `
  SELECT s.created_at, s.status, s.threshold,
         CASE WHEN s.status = 'settled' THEN coalesce((r.grade ->> 'score')::int, t.score, s.score) END AS score
    FROM submission s
    LEFT JOIN submission t ON t.id = s.id || $2 AND t.status = 'settled'
    LEFT JOIN recording r ON r.submission_id = s.id AND r.status = 'graded'
   WHERE s.factory_id = $1 AND right(s.id, ${TOP_UP_SUFFIX.length}) <> $2`;

export const prismaInsightsRepository = (tx: Tx): InsightsRepository => ({
  async payoutsByDay(recipientId, since) {
    const rows = await tx.$queryRawUnsafe<
      Array<{ day: string; role: string; token: string; paid: boolean; units: string }>
    >(
      `SELECT ${day("created_at")} AS day, role, token, status = 'paid' AS paid, sum(units)::text AS units
         FROM payout WHERE recipient_id = $1 AND created_at >= $2
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 3`,
      recipientId,
      since,
    );
    return rows.map((r) => ({
      day: r.day,
      role: r.role as PayoutRole,
      token: r.token as TokenSymbol,
      paid: r.paid,
      units: BigInt(r.units),
    }));
  },
  async submissionsByDay(factoryId, since) {
    const rows = await tx.$queryRawUnsafe<Array<{ day: string; outcome: SubmissionOutcome; count: number }>>(
      `SELECT ${day("d.created_at")} AS day,
              CASE WHEN d.status = 'reserved' THEN 'pending'
                   WHEN d.status = 'released' THEN 'released'
                   WHEN d.score >= d.threshold THEN 'passed'
                   ELSE 'failed' END AS outcome,
              count(*)::int AS count
         FROM (${DEMONSTRATIONS}) d
        WHERE d.created_at >= $3
        GROUP BY 1, 2 ORDER BY 1`,
      factoryId,
      TOP_UP_SUFFIX,
      since,
    );
    return rows;
  },
  async scoreBins(factoryId) {
    const rows = await tx.$queryRawUnsafe<Array<{ bin: number; count: number }>>(
      `SELECT least(greatest(d.score, 0) / 10, 9)::int AS bin, count(*)::int AS count
         FROM (${DEMONSTRATIONS}) d WHERE d.score IS NOT NULL GROUP BY 1`,
      factoryId,
      TOP_UP_SUFFIX,
    );
    const bins = Array.from({ length: 10 }, () => 0);
    for (const r of rows) bins[r.bin] = r.count;
    return bins;
  },
  async poolByDay(factoryId, token, since) {
    const account = `pool:${factoryId}`;
    const rows = await tx.$queryRawUnsafe<Array<{ day: string | null; units: string }>>(
      `SELECT CASE WHEN t.created_at < $3 THEN NULL ELSE ${day("t.created_at")} END AS day,
              sum(e.amount)::text AS units
         FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id
        WHERE e.account = $1 AND e.token = $2
        GROUP BY 1 ORDER BY 1 NULLS FIRST`,
      account,
      token,
      since,
    );
    return {
      opening: BigInt(rows.find((r) => r.day === null)?.units ?? "0"),
      changes: rows.filter((r) => r.day !== null).map((r) => ({ day: r.day!, units: BigInt(r.units) })),
    };
  },
  async rankedRecordings(factoryId, order, limit) {
    const rows = await tx.$queryRawUnsafe<Array<{ id: string; task_id: string; score: number; created_at: Date }>>(
      `SELECT r.id, r.task_id, (r.grade ->> 'score')::int AS score, r.created_at
         FROM recording r
        WHERE r.factory_id = $1 AND r.status = 'graded' AND r.grade ->> 'score' IS NOT NULL
        ORDER BY (r.grade ->> 'score')::int ${order === "best" ? "DESC" : "ASC"}, r.created_at DESC, r.id
        LIMIT $2`,
      factoryId,
      limit,
    );
    return rows.map((r) => ({ recordingId: r.id, taskId: r.task_id, score: r.score, createdAt: r.created_at }));
  },
});
