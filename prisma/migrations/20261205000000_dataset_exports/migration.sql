-- Dataset exports: each holds a factory's recordings paid after the previous export's watermark
-- (paid time, recording id) and up to its own, both fixed when it is asked for, so a retried
-- build writes the same recordings and the next export starts where this one ends. One export
-- per factory is queued or building at a time (the partial unique index).
CREATE TABLE "dataset_export" (
  "id" TEXT PRIMARY KEY,
  "factory_id" TEXT NOT NULL REFERENCES "factory" ("id"),
  "sequence" INTEGER NOT NULL CHECK ("sequence" > 0),
  "requested_by" TEXT NOT NULL,
  "status" TEXT NOT NULL CHECK ("status" IN ('queued', 'building', 'ready', 'failed')),
  "progress" INTEGER NOT NULL DEFAULT 0 CHECK ("progress" BETWEEN 0 AND 100),
  "after_at" TIMESTAMPTZ(3),
  "after_id" TEXT,
  "up_to_at" TIMESTAMPTZ(3) NOT NULL,
  "up_to_id" TEXT NOT NULL,
  "recordings" INTEGER NOT NULL CHECK ("recordings" > 0),
  "steps" INTEGER,
  "storage_key" TEXT,
  "size_bytes" BIGINT,
  "error" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "finished_at" TIMESTAMPTZ(3),
  CHECK (("after_at" IS NULL) = ("after_id" IS NULL)),
  UNIQUE ("factory_id", "sequence")
);
CREATE UNIQUE INDEX "dataset_export_active_idx" ON "dataset_export" ("factory_id") WHERE "status" IN ('queued', 'building');

-- A factory's graded recordings, for the export's range queries.
CREATE INDEX "recording_factory_graded_idx" ON "recording" ("factory_id") WHERE "status" = 'graded';
