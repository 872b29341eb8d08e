// Dataset exports in raw SQL, and the paid recordings they hold: a recording is paid when it is
// graded and its submission, or its appeal's top-up, settled with a reward above zero; it is
// ordered by when it was first paid (that time never changes afterwards) and its id.
import type { DatasetExport, DatasetExportRepository, Watermark } from "../../core/datasets/dataset-export.js";
import type { ExportableRecording } from "../../core/datasets/dataset-row.js";
import type { Grade } from "../../core/grading/recording.js";
import type { Tx } from "./tx.js";

interface Row {
  id: string;
  factory_id: string;
  sequence: number;
  requested_by: string;
  status: DatasetExport["status"];
  progress: number;
  after_at: Date | null;
  after_id: string | null;
  up_to_at: Date;
  up_to_id: string;
  recordings: number;
  steps: number | null;
  storage_key: string | null;
  size_bytes: bigint | string | number | null;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const toExport = (r: Row): DatasetExport => ({
  id: r.id,
  factoryId: r.factory_id,
  sequence: Number(r.sequence),
  requestedBy: r.requested_by,
  status: r.status,
  progress: Number(r.progress),
  after: r.after_at && r.after_id ? { at: r.after_at, id: r.after_id } : null,
  upTo: { at: r.up_to_at, id: r.up_to_id },
  recordings: Number(r.recordings),
  steps: r.steps === null ? null : Number(r.steps),
  storageKey: r.storage_key,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/** The factory's paid recordings with their first paid time ($1: factory). */
const PAID = `
  SELECT r.id, r.account_id, r.task_id, r.grade, p.paid_at
  FROM recording r
  CROSS JOIN LATERAL (
    SELECT min(s.settled_at) AS paid_at FROM submission s
    WHERE s.id IN (r.submission_id, r.submission_id || '-appeal') AND s.status = 'settled' AND s.gross > 0
  ) p
  WHERE r.factory_id = $1 AND r.status = 'graded' AND p.paid_at IS NOT NULL`;

/** After a watermark ($2, $3), or from the start when $2 is null. */
const AFTER = `($2::timestamptz IS NULL OR (paid_at, id) > ($2::timestamptz, $3::text))`;

export const prismaDatasetExportRepository = (tx: Tx): DatasetExportRepository => ({
  async findById(id) {
    const rows = await tx.$queryRawUnsafe<Row[]>(`SELECT * FROM dataset_export WHERE id = $1`, id);
    return rows[0] ? toExport(rows[0]) : null;
  },
  async listByFactory(factoryId, limit) {
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `SELECT * FROM dataset_export WHERE factory_id = $1 ORDER BY sequence DESC LIMIT $2`,
      factoryId,
      limit,
    );
    return rows.map(toExport);
  },
  async createUnlessActive(e) {
    // Any conflict (an export already active, or the same number taken a moment ago) means
    // someone else asked at the same time: theirs is the one.
    const inserted = await tx.$queryRawUnsafe<Row[]>(
      `INSERT INTO dataset_export (id, factory_id, sequence, requested_by, status, progress, after_at, after_id,
         up_to_at, up_to_id, recordings, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING *`,
      e.id,
      e.factoryId,
      e.sequence,
      e.requestedBy,
      e.status,
      e.progress,
      e.after?.at ?? null,
      e.after?.id ?? null,
      e.upTo.at,
      e.upTo.id,
      e.recordings,
      e.createdAt,
    );
    if (inserted[0]) return { created: true, export: toExport(inserted[0]) };
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `SELECT * FROM dataset_export WHERE factory_id = $1
       ORDER BY (status IN ('queued', 'building')) DESC, sequence DESC LIMIT 1`,
      e.factoryId,
    );
    return { created: false, export: toExport(rows[0]!) };
  },
  async lastWatermark(factoryId) {
    const rows = await tx.$queryRawUnsafe<Array<{ up_to_at: Date; up_to_id: string }>>(
      `SELECT up_to_at, up_to_id FROM dataset_export WHERE factory_id = $1 AND status <> 'failed'
       ORDER BY up_to_at DESC, up_to_id DESC LIMIT 1`,
      factoryId,
    );
    return rows[0] ? { at: rows[0].up_to_at, id: rows[0].up_to_id } : null;
  },
  async summarizeExportable(q) {
    const rows = await tx.$queryRawUnsafe<Array<{ count: number | bigint; paid_at: Date | null; id: string | null }>>(
      `WITH e AS (SELECT * FROM (${PAID}) paid WHERE ${AFTER} AND paid_at < $4)
       SELECT (SELECT count(*) FROM e)::int AS count, last.paid_at, last.id
       FROM (SELECT 1) one LEFT JOIN (SELECT paid_at, id FROM e ORDER BY paid_at DESC, id DESC LIMIT 1) last ON true`,
      q.factoryId,
      q.after?.at ?? null,
      q.after?.id ?? null,
      q.paidBefore,
    );
    const row = rows[0]!;
    const last: Watermark | null = row.paid_at && row.id ? { at: row.paid_at, id: row.id } : null;
    return { count: Number(row.count), last };
  },
  async listExportable(q) {
    const rows = await tx.$queryRawUnsafe<
      Array<{ id: string; account_id: string; task_id: string; grade: Grade; paid_at: Date }>
    >(
      `SELECT * FROM (${PAID}) paid WHERE ${AFTER} AND (paid_at, id) <= ($4::timestamptz, $5::text)
       ORDER BY paid_at, id LIMIT $6`,
      q.factoryId,
      q.after?.at ?? null,
      q.after?.id ?? null,
      q.upTo.at,
      q.upTo.id,
      q.limit,
    );
    return rows.map((r): ExportableRecording => ({
      recordingId: r.id,
      accountId: r.account_id,
      taskId: r.task_id,
      grade: r.grade,
      paidAt: r.paid_at,
    }));
  },
  async setProgress(id, progress) {
    const n = await tx.$executeRawUnsafe(
      `UPDATE dataset_export SET status = 'building', progress = $2 WHERE id = $1 AND status IN ('queued', 'building')`,
      id,
      Math.max(0, Math.min(100, Math.floor(progress))),
    );
    return n > 0;
  },
  async finish(id, done) {
    await tx.$executeRawUnsafe(
      `UPDATE dataset_export SET status = 'ready', progress = 100, storage_key = $2, size_bytes = $3, steps = $4,
         finished_at = $5, error = NULL
       WHERE id = $1 AND status IN ('queued', 'building')`,
      id,
      done.storageKey,
      done.sizeBytes,
      done.steps,
      done.at,
    );
  },
  async fail(id, error, at) {
    await tx.$executeRawUnsafe(
      `UPDATE dataset_export SET status = 'failed', error = $2, finished_at = $3
       WHERE id = $1 AND status IN ('queued', 'building')`,
      id,
      error.slice(0, 500),
      at,
    );
  },
});
