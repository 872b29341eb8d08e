-- Charts read a person's payouts by day (a factory's graded recordings by score already have
-- recording_factory_graded_idx, from the dataset exports).
CREATE INDEX "payout_recipient_created_idx" ON "payout" ("recipient_id", "created_at");
