-- When the farmer was told the grade (so a crash between grading and the DM is retold, not lost),
-- exact copies found among all recordings (also those still being graded), and the sweep that
-- re-queues recordings whose grading stalled.
ALTER TABLE "recording" ADD COLUMN "notified_at" TIMESTAMPTZ(3);
CREATE INDEX "recording_content_hash_idx" ON "recording" ("content_hash", "created_at");
CREATE INDEX "recording_processing_idx" ON "recording" ("created_at") WHERE "status" = 'processing';
