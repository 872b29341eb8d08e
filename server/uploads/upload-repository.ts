// The port the upload routes keep their sessions behind (Postgres in prisma/repositories/uploads.ts).

export type UploadStatus = "open" | "completing" | "completed" | "cancelled" | "expired";

export interface RecorderDevice {
  /** Public id, safe to show and to put in a button (the token hash never leaves the server). */
  readonly id: string;
  readonly tokenHash: string;
  readonly accountId: string;
  /** What the recorder said it runs on at login (hostname, platform), sanitized; null if nothing. */
  readonly label: string | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
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
  createDevice(device: { tokenHash: string; accountId: string; label: string | null; createdAt: Date }): Promise<void>;
  findDevice(tokenHash: string): Promise<RecorderDevice | null>;
  /**
   * Notes a use at `at`, unless one was noted after `since`: a conditional UPDATE, so a burst of
   * chunks writes once (see DEVICE_TOUCH_EVERY_MS).
   */
  touchDevice(tokenHash: string, at: Date, since: Date): Promise<void>;
  /** Revokes the device with this token; false when it was unknown or already revoked. */
  revokeDevice(tokenHash: string, at: Date): Promise<boolean>;
  /** This person's devices not revoked, newest first. */
  listDevices(accountId: string): Promise<RecorderDevice[]>;
  /** Revokes one of this person's devices by public id; false when it is not theirs or already revoked. */
  revokeDeviceById(accountId: string, id: string, at: Date): Promise<boolean>;
  /** Revokes every device of this person not yet revoked; returns how many. */
  revokeAllDevices(accountId: string, at: Date): Promise<number>;
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
