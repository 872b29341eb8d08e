// Recordings in raw SQL: grades are JSON documents, fingerprints arrays; the duplicate lookup is
// one query over the content-hash, band and task indexes.
import type { Grade, Recording, RecordingSource, RecordingStatus } from "../../core/grading/recording.js";
import { minhashBands } from "../../core/grading/recording.js";
import type { RecordingRepository } from "../../core/ports/repositories.js";
import type { Tx } from "./tx.js";

interface Row {
  id: string;
  submission_id: string;
  account_id: string;
  factory_id: string;
  task_id: string;
  source: string;
  storage_key: string;
  content_hash: string;
  status: string;
  grade: Grade | null;
  first_grade: Grade | null;
  appealed_at: Date | null;
  created_at: Date;
  graded_at: Date | null;
  notified_at: Date | null;
}

const toRecording = (row: Row): Recording => ({
  id: row.id,
  submissionId: row.submission_id,
  accountId: row.account_id,
  factoryId: row.factory_id,
  taskId: row.task_id,
  source: row.source as RecordingSource,
  storageKey: row.storage_key,
  contentHash: row.content_hash,
  status: row.status as RecordingStatus,
  grade: row.grade,
  firstGrade: row.first_grade,
  appealedAt: row.appealed_at,
  createdAt: row.created_at,
  gradedAt: row.graded_at,
  notifiedAt: row.notified_at,
});

const json = (grade: Grade | null) => (grade === null ? null : JSON.stringify(grade));
const hex64 = (hash: bigint) => hash.toString(16).padStart(16, "0");

export const prismaRecordingRepository = (tx: Tx): RecordingRepository => ({
  async findById(id) {
    const rows = await tx.$queryRawUnsafe<Row[]>(`SELECT * FROM recording WHERE id = $1`, id);
    return rows[0] ? toRecording(rows[0]) : null;
  },
  async create(r) {
    await tx.$executeRawUnsafe(
      `INSERT INTO recording (id, submission_id, account_id, factory_id, task_id, source, storage_key, content_hash,
         status, grade, first_grade, appealed_at, created_at, graded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14)`,
      r.id,
      r.submissionId,
      r.accountId,
      r.factoryId,
      r.taskId,
      r.source,
      r.storageKey,
      r.contentHash,
      r.status,
      json(r.grade),
      json(r.firstGrade),
      r.appealedAt,
      r.createdAt,
      r.gradedAt,
    );
  },
  async update(r) {
    await tx.$executeRawUnsafe(
      `UPDATE recording SET status = $2, grade = $3::jsonb, first_grade = $4::jsonb, appealed_at = $5, graded_at = $6,
         notified_at = $7
       WHERE id = $1`,
      r.id,
      r.status,
      json(r.grade),
      json(r.firstGrade),
      r.appealedAt,
      r.gradedAt,
      r.notifiedAt,
    );
  },
  async listStale(before, limit) {
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `SELECT * FROM recording WHERE status = 'processing' AND created_at < $1 ORDER BY created_at LIMIT $2`,
      before,
      limit,
    );
    return rows.map(toRecording);
  },
  async listUntold(before, limit) {
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `SELECT * FROM recording WHERE status <> 'processing' AND graded_at < $1
          AND (notified_at IS NULL OR notified_at < graded_at) ORDER BY graded_at LIMIT $2`,
      before,
      limit,
    );
    return rows.map(toRecording);
  },
  async findEarlierCopy(q) {
    const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id FROM recording WHERE content_hash = $1 AND account_id <> $2 AND (created_at, id) < ($3, $4)
       ORDER BY created_at, id LIMIT 1`,
      q.contentHash,
      q.excludeAccountId,
      q.createdBefore,
      q.recordingId,
    );
    return rows[0]?.id ?? null;
  },
  async findOwnCopy(q) {
    const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT r.id FROM recording r LEFT JOIN recording_fingerprint f ON f.recording_id = r.id
        WHERE r.account_id = $1 AND r.status <> 'rejected' AND (r.created_at, r.id) < ($3, $4)
          AND (r.content_hash = $2 OR (cardinality($5::bigint[]) > 0 AND f.minhash = $5::bigint[]))
        ORDER BY r.created_at, r.id LIMIT 1`,
      q.accountId,
      q.contentHash,
      q.createdBefore,
      q.recordingId,
      q.minhash.map(String),
    );
    return rows[0]?.id ?? null;
  },
  async listByAccount(accountId, page) {
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `SELECT * FROM recording WHERE account_id = $1 ORDER BY created_at DESC, id OFFSET $2 LIMIT $3`,
      accountId,
      page.offset,
      page.limit,
    );
    return rows.map(toRecording);
  },
  async saveFingerprint(r, f) {
    await tx.$executeRawUnsafe(
      `INSERT INTO recording_fingerprint (recording_id, account_id, task_id, content_hash, minhash, keyframes, created_at)
       VALUES ($1, $2, $3, $4, $5::bigint[], $6::text[], now()) ON CONFLICT (recording_id) DO NOTHING`,
      r.id,
      r.accountId,
      r.taskId,
      r.contentHash,
      f.minhash.map(String),
      f.keyframes.map(hex64),
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO recording_band (band, recording_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`,
      minhashBands(f.minhash),
      r.id,
    );
  },
  async findDuplicateCandidates(q) {
    const rows = await tx.$queryRawUnsafe<
      Array<{ recording_id: string; account_id: string; content_hash: string; minhash: string[]; keyframes: string[] }>
    >(
      `WITH c AS (
         SELECT recording_id, 0 AS p FROM recording_fingerprint WHERE content_hash = $3
         UNION ALL SELECT recording_id, 1 FROM recording_band WHERE band = ANY($4::text[])
         UNION ALL (SELECT recording_id, 2 FROM recording_fingerprint
                    WHERE task_id = $5 AND account_id <> $1 ORDER BY created_at DESC LIMIT $6)
       )
       SELECT f.recording_id, f.account_id, f.content_hash, f.minhash::text[] AS minhash, f.keyframes
       FROM c JOIN recording_fingerprint f USING (recording_id) JOIN recording r ON r.id = f.recording_id
       WHERE f.account_id <> $1 AND f.recording_id <> $2 AND (r.created_at, r.id) < ($7, $2)
       GROUP BY f.recording_id ORDER BY min(c.p), f.created_at DESC LIMIT $6`,
      q.excludeAccountId,
      q.excludeRecordingId,
      q.contentHash,
      [...q.bands],
      q.taskId,
      q.limit,
      q.createdBefore,
    );
    return rows.map((row) => ({
      recordingId: row.recording_id,
      accountId: row.account_id,
      contentHash: row.content_hash,
      minhash: row.minhash.map(Number),
      keyframes: row.keyframes.map((h) => BigInt(`0x${h}`)),
    }));
  },
});
