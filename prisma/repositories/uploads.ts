// Upload sessions and recorder devices in raw SQL: every call is one statement, and the state
// changes are conditional UPDATEs so that racing requests cannot both win.
import type {
  RecorderDevice,
  UploadChunk,
  UploadRepository,
  UploadSession,
  UploadStatus,
} from "../../server/uploads/upload-repository.js";
import type { PrismaClient } from "../generated/client.js";

interface UploadRow {
  id: string;
  account_id: string;
  factory_id: string;
  task_id: string;
  token_hash: string;
  size: bigint | number;
  sha256: string;
  chunk_size: number;
  chunk_count: number;
  status: string;
  expires_at: Date;
  created_at: Date;
  completed_at: Date | null;
  recording_id: string | null;
}

const toUpload = (r: UploadRow): UploadSession => ({
  id: r.id,
  accountId: r.account_id,
  factoryId: r.factory_id,
  taskId: r.task_id,
  tokenHash: r.token_hash,
  size: Number(r.size),
  sha256: r.sha256,
  chunkSize: r.chunk_size,
  chunkCount: r.chunk_count,
  status: r.status as UploadStatus,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
  completedAt: r.completed_at,
  recordingId: r.recording_id,
});

interface DeviceRow {
  id: string;
  token_hash: string;
  account_id: string;
  label: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const DEVICE_COLUMNS = "id, token_hash, account_id, label, created_at, last_used_at, revoked_at";

const toDevice = (r: DeviceRow): RecorderDevice => ({
  id: r.id,
  tokenHash: r.token_hash,
  accountId: r.account_id,
  label: r.label,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** The upload repository on the application's Prisma client (PGlite or Postgres). */
export function prismaUploadRepository(prisma: PrismaClient): UploadRepository {
  const one = async (sql: string, ...params: unknown[]) =>
    (await prisma.$queryRawUnsafe<UploadRow[]>(sql, ...params)).map(toUpload)[0] ?? null;
  return {
    async createDevice(d) {
      await prisma.$executeRawUnsafe(
        `INSERT INTO recorder_device (token_hash, account_id, label, created_at) VALUES ($1, $2, $3, $4)`,
        d.tokenHash,
        d.accountId,
        d.label,
        d.createdAt,
      );
    },
    async findDevice(tokenHash) {
      const rows = await prisma.$queryRawUnsafe<DeviceRow[]>(
        `SELECT ${DEVICE_COLUMNS} FROM recorder_device WHERE token_hash = $1`,
        tokenHash,
      );
      return rows[0] ? toDevice(rows[0]) : null;
    },
    async touchDevice(tokenHash, at, since) {
      await prisma.$executeRawUnsafe(
        `UPDATE recorder_device SET last_used_at = $2
         WHERE token_hash = $1 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at <= $3)`,
        tokenHash,
        at,
        since,
      );
    },
    async revokeDevice(tokenHash, at) {
      const updated = await prisma.$executeRawUnsafe(
        `UPDATE recorder_device SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`,
        tokenHash,
        at,
      );
      return updated === 1;
    },
    async listDevices(accountId) {
      const rows = await prisma.$queryRawUnsafe<DeviceRow[]>(
        `SELECT ${DEVICE_COLUMNS} FROM recorder_device WHERE account_id = $1 AND revoked_at IS NULL
         ORDER BY created_at DESC, id LIMIT 50`,
        accountId,
      );
      return rows.map(toDevice);
    },
    async revokeDeviceById(accountId, id, at) {
      // The account is part of the match: an id from someone else's button revokes nothing.
      const updated = await prisma.$executeRawUnsafe(
        `UPDATE recorder_device SET revoked_at = $3 WHERE id = $2 AND account_id = $1 AND revoked_at IS NULL`,
        accountId,
        id,
        at,
      );
      return updated === 1;
    },
    async revokeAllDevices(accountId, at) {
      return prisma.$executeRawUnsafe(
        `UPDATE recorder_device SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL`,
        accountId,
        at,
      );
    },
    async createUpload(u) {
      await prisma.$executeRawUnsafe(
        `INSERT INTO upload (id, account_id, factory_id, task_id, token_hash, size, sha256, chunk_size,
           chunk_count, status, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11)`,
        u.id,
        u.accountId,
        u.factoryId,
        u.taskId,
        u.tokenHash,
        BigInt(u.size),
        u.sha256,
        u.chunkSize,
        u.chunkCount,
        u.expiresAt,
        u.createdAt,
      );
    },
    findUploadByToken: (tokenHash) => one(`SELECT * FROM upload WHERE token_hash = $1`, tokenHash),
    findUpload: (id) => one(`SELECT * FROM upload WHERE id = $1`, id),
    async recordChunk(uploadId, c: UploadChunk) {
      await prisma.$executeRawUnsafe(
        `INSERT INTO upload_chunk (upload_id, index, sha256, size) VALUES ($1, $2, $3, $4)
         ON CONFLICT (upload_id, index) DO UPDATE SET sha256 = EXCLUDED.sha256, size = EXCLUDED.size`,
        uploadId,
        c.index,
        c.sha256,
        c.size,
      );
    },
    async listChunks(uploadId) {
      return prisma.$queryRawUnsafe<UploadChunk[]>(
        `SELECT index, sha256, size FROM upload_chunk WHERE upload_id = $1 ORDER BY index`,
        uploadId,
      );
    },
    async transition(id, from, to, fields = {}) {
      const updated = await prisma.$executeRawUnsafe(
        `UPDATE upload SET status = $3, completed_at = COALESCE($4, completed_at),
           recording_id = COALESCE($5, recording_id)
         WHERE id = $1 AND status = ANY($2::text[])`,
        id,
        [...from],
        to,
        fields.completedAt ?? null,
        fields.recordingId ?? null,
      );
      return updated === 1;
    },
    async countOpen(accountId, now) {
      const rows = await prisma.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM upload
         WHERE account_id = $1 AND status IN ('open', 'completing') AND expires_at >= $2`,
        accountId,
        now,
      );
      return rows[0]?.n ?? 0;
    },
    async listExpired(now, limit) {
      const rows = await prisma.$queryRawUnsafe<UploadRow[]>(
        `SELECT * FROM upload WHERE status IN ('open', 'completing') AND expires_at < $1
         ORDER BY expires_at LIMIT $2`,
        now,
        limit,
      );
      return rows.map(toUpload);
    },
  };
}
