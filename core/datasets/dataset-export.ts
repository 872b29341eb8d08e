import type { ExportableRecording } from "./dataset-row.js";

/**
 * queued: requested, waiting for a worker. building: a worker is writing it (progress 0..100).
 * ready: stored, downloadable. failed: the build gave up; its recordings go in the next export.
 */
export type DatasetExportStatus = "queued" | "building" | "ready" | "failed";

/** A position in a factory's paid recordings, ordered by (paid time, id): what an export covers up to. */
export interface Watermark {
  readonly at: Date;
  readonly id: string;
}

/** One export of a factory's paid recordings: those after `after` and up to `upTo`, both fixed when asked. */
export interface DatasetExport {
  readonly id: string;
  readonly factoryId: string;
  /** 1, 2, ... in the factory: shards are named after it, so exports unpack side by side. */
  readonly sequence: number;
  readonly requestedBy: string;
  readonly status: DatasetExportStatus;
  readonly progress: number;
  /** The last recording of the export before (exclusive), or null for the first. */
  readonly after: Watermark | null;
  readonly upTo: Watermark;
  readonly recordings: number;
  readonly steps: number | null;
  /** The archive's key in blob storage, once ready. */
  readonly storageKey: string | null;
  readonly sizeBytes: number | null;
  readonly error: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

export const isActive = (e: DatasetExport): boolean => e.status === "queued" || e.status === "building";

/**
 * Recordings paid this recently are left for the next export: a settlement commits a moment
 * after the time it records, so a later one could otherwise commit below a watermark already taken.
 */
export const SETTLE_MARGIN_MS = 60_000;

/** Where a factory's exports and their recordings are kept (prisma/repositories/dataset-export-repository.ts). */
export interface DatasetExportRepository {
  findById(id: string): Promise<DatasetExport | null>;
  /** The factory's exports, newest first. */
  listByFactory(factoryId: string, limit: number): Promise<DatasetExport[]>;
  /**
   * Stores `e` unless the factory has an export queued or building (one at a time, whoever asks
   * at once): then nothing is stored and that export is returned.
   */
  createUnlessActive(e: DatasetExport): Promise<{ created: boolean; export: DatasetExport }>;
  /** The furthest watermark of the factory's exports that did not fail; null before the first. */
  lastWatermark(factoryId: string): Promise<Watermark | null>;
  /**
   * How many recordings were paid after `after` (exclusive) and before `paidBefore`, and the
   * last of them. "Paid": graded, not rejected, and its submission (or its appeal's top-up)
   * settled with a reward above zero.
   */
  summarizeExportable(q: {
    factoryId: string;
    after: Watermark | null;
    paidBefore: Date;
  }): Promise<{ count: number; last: Watermark | null }>;
  /** A page of paid recordings after `after` (exclusive), up to `upTo` (inclusive), in watermark order. */
  listExportable(q: {
    factoryId: string;
    after: Watermark | null;
    upTo: Watermark;
    limit: number;
  }): Promise<ExportableRecording[]>;
  /** Moves a queued or building export on; false when it is no longer (ready or failed). */
  setProgress(id: string, progress: number): Promise<boolean>;
  finish(id: string, done: { storageKey: string; sizeBytes: number; steps: number; at: Date }): Promise<void>;
  fail(id: string, error: string, at: Date): Promise<void>;
}
