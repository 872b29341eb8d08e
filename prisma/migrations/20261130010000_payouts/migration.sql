-- Money out (core/economics/README.md, "Money out"): a payout is owed, then in flight in a
-- batch whose signed transaction is stored before it is sent, then paid once confirmed.

UPDATE "payout" SET "status" = 'owed' WHERE "status" IN ('pending', 'failed');
UPDATE "payout" SET "status" = 'owed' WHERE "status" IN ('sent', 'confirmed'); -- never sent before this release

ALTER TABLE "payout"
  ADD COLUMN "batch_id" TEXT,
  ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "wallet" TEXT,
  ADD COLUMN "signature" TEXT,
  ADD COLUMN "paid_at" TIMESTAMPTZ(3),
  ADD COLUMN "rent_lamports" DECIMAL(39,0) NOT NULL DEFAULT 0,
  ADD COLUMN "held_reason" TEXT,
  ADD COLUMN "retry_at" TIMESTAMPTZ(3),
  ADD COLUMN "notified_at" TIMESTAMPTZ(3);

ALTER TABLE "payout" ADD CONSTRAINT "payout_status_valid" CHECK ("status" IN ('owed', 'in_flight', 'paid'));
ALTER TABLE "payout" ADD CONSTRAINT "payout_paid_is_traceable"
  CHECK ("status" <> 'paid' OR ("signature" IS NOT NULL AND "wallet" IS NOT NULL AND "paid_at" IS NOT NULL));
ALTER TABLE "payout" ADD CONSTRAINT "payout_in_flight_has_batch"
  CHECK ("status" = 'owed' OR ("batch_id" IS NOT NULL AND "wallet" IS NOT NULL));

CREATE INDEX "payout_owed_idx" ON "payout" ("created_at") WHERE "status" = 'owed' AND "held_reason" IS NULL;
CREATE INDEX "payout_batch_id_idx" ON "payout" ("batch_id");
CREATE INDEX "payout_submission_id_idx" ON "payout" ("submission_id");
CREATE INDEX "payout_unnotified_idx" ON "payout" ("paid_at") WHERE "status" = 'paid' AND "notified_at" IS NULL;

CREATE TABLE "payout_batch" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "token" TEXT NOT NULL,
  "source" TEXT NOT NULL CHECK ("source" IN ('treasury', 'vault')),
  "status" TEXT NOT NULL CHECK ("status" IN ('planned', 'signed', 'confirmed', 'failed')),
  "attempt" INTEGER NOT NULL DEFAULT 0,
  "signature" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  "confirmed_at" TIMESTAMPTZ(3),
  "error" TEXT,
  CONSTRAINT "payout_batch_signed_has_signature" CHECK ("status" = 'planned' OR "status" = 'failed' OR "signature" IS NOT NULL)
);
CREATE INDEX "payout_batch_open_idx" ON "payout_batch" ("created_at") WHERE "status" IN ('planned', 'signed');

ALTER TABLE "payout" ADD CONSTRAINT "payout_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "payout_batch"("id");

-- Every transaction ever signed for a batch, stored before it is sent.
CREATE TABLE "payout_attempt" (
  "signature" TEXT NOT NULL PRIMARY KEY,
  "batch_id" TEXT NOT NULL REFERENCES "payout_batch"("id"),
  "attempt" INTEGER NOT NULL,
  "blockhash" TEXT NOT NULL,
  "last_valid_block_height" BIGINT NOT NULL,
  "wire" TEXT NOT NULL,
  "status" TEXT NOT NULL CHECK ("status" IN ('signed', 'confirmed', 'failed', 'expired')),
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "resolved_at" TIMESTAMPTZ(3),
  "slot" BIGINT,
  "fee_lamports" DECIMAL(39,0),
  "error" TEXT,
  CONSTRAINT "payout_attempt_batch_attempt_key" UNIQUE ("batch_id", "attempt")
);
-- The guarantee behind "never sent twice": a batch has at most one transaction that may still land.
CREATE UNIQUE INDEX "payout_attempt_one_live" ON "payout_attempt" ("batch_id") WHERE "status" = 'signed';
CREATE INDEX "payout_attempt_landed_idx" ON "payout_attempt" ("resolved_at") WHERE "status" IN ('confirmed', 'failed');

-- What the payout worker last said about itself (running, or paused for lack of SOL).
CREATE TABLE "payout_engine" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "state" TEXT NOT NULL CHECK ("state" IN ('running', 'paused_gas')),
  "since" TIMESTAMPTZ(3) NOT NULL,
  "heartbeat_at" TIMESTAMPTZ(3) NOT NULL,
  "needed_lamports" DECIMAL(39,0),
  "available_lamports" DECIMAL(39,0),
  "sources" TEXT[] NOT NULL DEFAULT ARRAY['treasury']
);

-- Told once how to link a wallet (when first owed money without one).
ALTER TABLE "account" ADD COLUMN "wallet_prompted_at" TIMESTAMPTZ(3);

-- Withdrawals booked before this release moved the pool straight to `external`, as if sent:
-- owe them to the creator instead, so that the payout worker really sends them.
DO $$
DECLARE p RECORD;
BEGIN
  FOR p IN SELECT * FROM "payout" WHERE "role" = 'creator' AND "status" = 'owed' LOOP
    PERFORM ledger_post(gen_random_uuid()::text, 'migrate-withdrawal:' || p.id, 'withdrawal',
      ARRAY['creator:' || p.recipient_id, 'external'], ARRAY[p.token, p.token],
      ARRAY[p.units, -p.units]::numeric[], ARRAY['deferred', 'none']);
  END LOOP;
END $$;
