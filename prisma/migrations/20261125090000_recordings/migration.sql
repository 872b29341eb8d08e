-- Recordings: one per uploaded demonstration (same id as its submission), its grade as the
-- Quality Agent gave it (JSON: score, components, reasons), and the fingerprints others'
-- uploads are compared with. MinHash bands make near-copy candidates an index lookup.
CREATE TABLE "recording" (
  "id" TEXT PRIMARY KEY,
  "submission_id" TEXT NOT NULL UNIQUE,
  "account_id" TEXT NOT NULL,
  "factory_id" TEXT NOT NULL,
  "task_id" TEXT NOT NULL,
  "source" TEXT NOT NULL,
  "storage_key" TEXT NOT NULL,
  "content_hash" TEXT NOT NULL,
  "status" TEXT NOT NULL CHECK ("status" IN ('processing', 'graded', 'rejected')),
  "grade" JSONB,
  "first_grade" JSONB,
  "appealed_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "graded_at" TIMESTAMPTZ(3)
);
CREATE INDEX "recording_account_idx" ON "recording" ("account_id", "created_at" DESC);

CREATE TABLE "recording_fingerprint" (
  "recording_id" TEXT PRIMARY KEY REFERENCES "recording" ("id"),
  "account_id" TEXT NOT NULL,
  "task_id" TEXT NOT NULL,
  "content_hash" TEXT NOT NULL,
  "minhash" BIGINT[] NOT NULL,
  -- 64-bit perceptual hashes of the keyframes, as 16 hex digits each
  "keyframes" TEXT[] NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX "recording_fingerprint_hash_idx" ON "recording_fingerprint" ("content_hash");
CREATE INDEX "recording_fingerprint_task_idx" ON "recording_fingerprint" ("task_id", "created_at" DESC);

CREATE TABLE "recording_band" (
  "band" TEXT NOT NULL,
  "recording_id" TEXT NOT NULL REFERENCES "recording" ("id"),
  PRIMARY KEY ("band", "recording_id")
);
