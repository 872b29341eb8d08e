// What the upload routes need from the rest of the application, and their limits.
import type { ZodType } from "zod";
import type { RateLimiter } from "../rate-limit.js";
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from "./archive-rules.js";
import type { ArchivePaths } from "./safe-unzip.js";
import type { BlobStorage } from "./storage.js";
import type { UploadRepository } from "./upload-repository.js";

export type IntakeResult = { ok: true; recordingId: string } | { ok: false; code: string; message: string };

export interface UploadIntake {
  /**
   * Takes a safely unpacked recording. The files live in `workDir`, which is deleted when this
   * returns: copy what must be kept. Called once per upload id unless it throws (then the
   * client may retry complete), so it should be idempotent on `uploadId`.
   */
  accept(input: {
    accountId: string;
    factoryId: string;
    taskId: string;
    uploadId: string;
    files: ArchivePaths;
    workDir: string;
  }): Promise<IntakeResult>;
}

export interface UploadLimits {
  readonly maxUploadBytes: number;
  readonly chunkSize: number;
  readonly uploadTtlMs: number;
  readonly maxJsonBytes: number;
  /** Uploads one person may have open at once (each may hold up to maxUploadBytes). */
  readonly maxOpenPerAccount: number;
  /** Chunks of one upload, and of one person's uploads, being received at once. */
  readonly maxChunksPerUpload: number;
  readonly maxChunksPerAccount: number;
  /**
   * The slowest a chunk's body may arrive, in bytes per second: a chunk has chunkSize at this
   * rate plus chunkGraceMs, then its connection is cut (the recorder sends it again).
   */
  readonly minChunkBytesPerSecond: number;
  /** Time for a chunk's body on top of its size at the slowest rate (a stall, a slow start). */
  readonly chunkGraceMs: number;
  readonly archive: ArchiveLimits;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxUploadBytes: 512 * 1024 * 1024,
  chunkSize: 8 * 1024 * 1024,
  uploadTtlMs: 24 * 60 * 60 * 1000,
  maxJsonBytes: 16 * 1024,
  maxOpenPerAccount: 5,
  // The recorder sends one chunk at a time; a few more allow for retries overlapping a slow one.
  maxChunksPerUpload: 3,
  maxChunksPerAccount: 6,
  // 32 KiB/s (256 kbit/s, a poor mobile uplink): an 8 MiB chunk has 256 s + 15 s.
  minChunkBytesPerSecond: 32 * 1024,
  chunkGraceMs: 15_000,
  archive: DEFAULT_ARCHIVE_LIMITS,
};

/** The subset of a pino logger used here; nothing secret is ever passed to it. */
export interface UploadLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface UploadRoutesDeps {
  readonly repo: UploadRepository;
  readonly storage: BlobStorage;
  readonly pairing: {
    /** Redeems a one-time code from the bot; null when unknown, used or expired. */
    redeem(code: string): Promise<{ accountId: string; factoryId: string; taskId: string } | null>;
  };
  readonly catalog: {
    task(
      factoryId: string,
      taskId: string,
    ): Promise<{ factoryName: string; taskTitle: string; taskPrompt: string; open: boolean } | null>;
  };
  readonly intake: UploadIntake;
  /**
   * Shared counters for pairing and upload starts, per client address (behind a proxy, the server's
   * trustProxy decides where the address comes from), and for chunks in flight; without it
   * nothing is rate limited and chunks in flight are counted in this process only.
   */
  readonly rateLimit?: RateLimiter;
  readonly limits?: Partial<UploadLimits>;
  /** meta.json schema to check before the intake; defaults to a minimal local one. */
  readonly metaSchema?: ZodType;
  readonly now: () => Date;
  /** Scratch space for assembling and unpacking; everything written is removed afterwards. */
  readonly workDir: string;
  readonly logger: UploadLogger;
}

export const limitsOf = (deps: Pick<UploadRoutesDeps, "limits">): UploadLimits => ({
  ...DEFAULT_UPLOAD_LIMITS,
  ...deps.limits,
  archive: { ...DEFAULT_ARCHIVE_LIMITS, ...deps.limits?.archive },
});

/** How long a chunk's body may take to arrive (the route's body timeout). */
export const chunkBodyTimeoutMs = (limits: UploadLimits): number =>
  limits.chunkGraceMs + Math.ceil((limits.chunkSize / limits.minChunkBytesPerSecond) * 1000);

/** Where an upload's chunks live in blob storage. */
export const chunkPrefix = (uploadId: string): string => `uploads/${uploadId}/chunks/`;
export const chunkKey = (uploadId: string, index: number): string =>
  `${chunkPrefix(uploadId)}${String(index).padStart(6, "0")}`;
