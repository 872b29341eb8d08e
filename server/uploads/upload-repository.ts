// The port the upload routes keep their sessions behind (Postgres in prisma/repositories/uploads.ts).

export type UploadStatus = "open" | "completing" | "completed" | "cancelled" | "expired";

export interface RecorderDevice {
  readonly tokenHash: string;
  readonly accountId: string;
  readonly revokedAt: Date | null;
}

export interface UploadSession {
  readonly id: string;
  readonly accountId: string;
  readonly factoryId: string;
  readonly taskId: string;
  readonly tokenHash: string;
  readonly size: number;
  readonly sha256: string;
  readonly chunkSize: number;
  readonly chunkCount: number;
  readonly status: UploadStatus;
  readonly expiresAt: Date;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
  readonly recordingId: string | null;
}

export interface UploadChunk {
  readonly index: number;
  readonly sha256: string;
  readonly size: number;
}

export interface UploadRepository {
  createDevice(device: { tokenHash: string; accountId: string; createdAt: Date }): Promise<void>;
  /** Finds a device by token hash and notes its use. */
  useDevice(tokenHash: string, at: Date): Promise<RecorderDevice | null>;
  revokeDevice(tokenHash: string, at: Date): Promise<void>;
  createUpload(upload: Omit<UploadSession, "completedAt" | "recordingId" | "status">): Promise<void>;
  findUploadByToken(tokenHash: string): Promise<UploadSession | null>;
  findUpload(id: string): Promise<UploadSession | null>;
  /** Records a received chunk; a re-sent index replaces the earlier record. */
  recordChunk(uploadId: string, chunk: UploadChunk): Promise<void>;
  listChunks(uploadId: string): Promise<UploadChunk[]>;
  /**
   * Moves an upload from one of `from` to `to` in one conditional UPDATE; false when it was in
   * no such state (another request won the race).
   */
  transition(
    id: string,
    from: readonly UploadStatus[],
    to: UploadStatus,
    fields?: { completedAt?: Date; recordingId?: string },
  ): Promise<boolean>;
  /** Uploads still open (or stuck completing) whose expiry is before `now`, oldest first. */
  listExpired(now: Date, limit: number): Promise<UploadSession[]>;
  /** Uploads of this person still open (or completing) and not yet expired. */
  countOpen(accountId: string, now: Date): Promise<number>;
}
