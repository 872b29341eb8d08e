import type { TokenSymbol } from "../../core/money/tokens.js";
import { units } from "../../core/money/units.js";
import type { SubmissionRepository } from "../../core/ports/repositories.js";
import { TOP_UP_SUFFIX, type Submission, type SubmissionStatus } from "../../core/submissions/submission.js";
import type { Submission as SubmissionRow } from "../generated/client.js";
import { toBigInt, type Tx } from "./tx.js";

const optionalUnits = (value: SubmissionRow["gross"]) => (value === null ? null : units(toBigInt(value)));

const toSubmission = (row: SubmissionRow): Submission => ({
  id: row.id,
  factoryId: row.factoryId,
  taskId: row.taskId,
  farmerId: row.farmerId,
  token: row.token as TokenSymbol,
  rewardPerDemo: units(toBigInt(row.rewardPerDemo)),
  threshold: row.threshold,
  status: row.status as SubmissionStatus,
  reserved: units(toBigInt(row.reserved)),
  score: row.score,
  gross: optionalUnits(row.gross),
  paid: optionalUnits(row.paid),
  createdAt: row.createdAt,
  settledAt: row.settledAt,
});

// A farmer's history is read on chat updates: raw SQL, no query compilation (see direct-sql.ts).
const SUBMISSION_SELECT = `SELECT id, factory_id, task_id, farmer_id, token, reward_per_demo::text AS reward_per_demo,
  threshold, status, reserved::text AS reserved, score, gross::text AS gross, paid::text AS paid, created_at, settled_at
  FROM submission`;

/** A submission row as raw SQL gives it (numerics as text); settlement_load's rows hold one too. */
export interface SubmissionSqlRow {
  id: string;
  factory_id: string;
  task_id: string;
  farmer_id: string;
  token: string;
  reward_per_demo: string;
  threshold: number;
  status: string;
  reserved: string;
  score: number | null;
  gross: string | null;
  paid: string | null;
  created_at: Date | string;
  settled_at: Date | string | null;
}

export const submissionFromSql = (r: SubmissionSqlRow): Submission => ({
  id: r.id,
  factoryId: r.factory_id,
  taskId: r.task_id,
  farmerId: r.farmer_id,
  token: r.token as TokenSymbol,
  rewardPerDemo: units(r.reward_per_demo),
  threshold: r.threshold,
  status: r.status as SubmissionStatus,
  reserved: units(r.reserved),
  score: r.score,
  gross: r.gross === null ? null : units(r.gross),
  paid: r.paid === null ? null : units(r.paid),
  createdAt: new Date(r.created_at),
  settledAt: r.settled_at === null ? null : new Date(r.settled_at),
});

const columns = (s: Submission) => ({
  status: s.status,
  reserved: s.reserved.toString(),
  score: s.score,
  gross: s.gross?.toString() ?? null,
  paid: s.paid?.toString() ?? null,
  settledAt: s.settledAt,
});

export const prismaSubmissionRepository = (tx: Tx): SubmissionRepository => ({
  async findById(id) {
    const row = await tx.submission.findUnique({ where: { id } });
    return row && toSubmission(row);
  },
  async create(s) {
    await tx.submission.create({
      data: {
        id: s.id,
        factoryId: s.factoryId,
        taskId: s.taskId,
        farmerId: s.farmerId,
        token: s.token,
        rewardPerDemo: s.rewardPerDemo.toString(),
        threshold: s.threshold,
        createdAt: s.createdAt,
        ...columns(s),
      },
    });
  },
  async update(s) {
    await tx.submission.update({ where: { id: s.id }, data: columns(s) });
  },
  async countForLimits(farmerId, factoryId, taskId, dayStart) {
    const [row] = await tx.$queryRawUnsafe<Array<{ task: number; day: number; total: number }>>(
      `SELECT count(*) FILTER (WHERE task_id = $3)::int AS task,
              count(*) FILTER (WHERE created_at >= $4)::int AS day,
              count(*)::int AS total
         FROM submission WHERE farmer_id = $1 AND factory_id = $2 AND status <> 'released'
          AND right(id, ${TOP_UP_SUFFIX.length}) <> $5`,
      farmerId,
      factoryId,
      taskId,
      dayStart,
      TOP_UP_SUFFIX,
    );
    return row ?? { task: 0, day: 0, total: 0 };
  },
  async bestGross(farmerId, factoryId, taskId) {
    const agg = await tx.submission.aggregate({
      where: { farmerId, factoryId, taskId, status: "settled" },
      _max: { gross: true },
    });
    return agg._max.gross ? toBigInt(agg._max.gross) : 0n;
  },
  async bestScore(farmerId, factoryId, taskId) {
    const [row] = await tx.$queryRawUnsafe<Array<{ best: number }>>(
      `SELECT coalesce(max(score), 0)::int AS best FROM submission
        WHERE farmer_id = $1 AND factory_id = $2 AND task_id = $3 AND status = 'settled' AND score >= threshold`,
      farmerId,
      factoryId,
      taskId,
    );
    return row?.best ?? 0;
  },
  async recentScores(farmerId, limit) {
    // One score per demonstration, its latest: the recording's grade (an appeal's regrade replaces
    // it), else its settled top-up's, else its own.
    const rows = await tx.$queryRawUnsafe<Array<{ score: number }>>(
      `SELECT coalesce((r.grade ->> 'score')::int, t.score, s.score, 0)::int AS score
         FROM submission s
         LEFT JOIN submission t ON t.id = s.id || $3 AND t.status = 'settled'
         LEFT JOIN recording r ON r.submission_id = s.id AND r.status = 'graded'
        WHERE s.farmer_id = $1 AND s.status = 'settled' AND right(s.id, ${TOP_UP_SUFFIX.length}) <> $3
        ORDER BY s.settled_at DESC LIMIT $2`,
      farmerId,
      limit,
      TOP_UP_SUFFIX,
    );
    return rows.map((r) => r.score);
  },
  async listByFarmer(farmerId, page) {
    const rows = await tx.$queryRawUnsafe<SubmissionSqlRow[]>(
      `${SUBMISSION_SELECT} WHERE farmer_id = $1 ORDER BY created_at DESC, id OFFSET $2 LIMIT $3`,
      farmerId,
      page.offset,
      page.limit,
    );
    return rows.map(submissionFromSql);
  },
  async factoryStats(factoryId) {
    const [row] = await tx.$queryRawUnsafe<
      Array<{ submissions: number; settled: number; paid: number; avg: number | null; spent: string }>
    >(
      `SELECT count(*)::int AS submissions,
              count(*) FILTER (WHERE status = 'settled')::int AS settled,
              count(*) FILTER (WHERE status = 'settled' AND paid > 0)::int AS paid,
              avg(score) FILTER (WHERE status = 'settled')::float8 AS avg,
              coalesce(sum(paid) FILTER (WHERE status = 'settled'), 0)::text AS spent
         FROM submission WHERE factory_id = $1`,
      factoryId,
    );
    return {
      submissions: row?.submissions ?? 0,
      settled: row?.settled ?? 0,
      paid: row?.paid ?? 0,
      averageScore: row?.avg ?? null,
      spent: BigInt(row?.spent ?? "0"),
    };
  },
});
