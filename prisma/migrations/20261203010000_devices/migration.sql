-- Recorder devices a person can see and revoke, and pairing codes that expire and are counted.
--
-- A device gets a short public id (what the bot's Revoke button carries: the token hash is never
-- shown) and an optional label the recorder sends at login (hostname and platform). last_used_at
-- (already there) now drives expiry on inactivity; revoked_at ends a token for good.
ALTER TABLE "recorder_device"
    ADD COLUMN "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    ADD COLUMN "label" TEXT;
CREATE UNIQUE INDEX "recorder_device_id_key" ON "recorder_device"("id");

-- Pairing codes move out of bot_state, where an expired code was never deleted and nothing
-- could count one person's codes: here each row has its owner and expiry (a periodic purge
-- deletes expired rows), one person holds at most one code per task (a second press reuses it)
-- and a handful in all.
CREATE TABLE "pairing_code" (
    "code" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "factory_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pairing_code_pkey" PRIMARY KEY ("code")
);
CREATE UNIQUE INDEX "pairing_code_account_id_factory_id_task_id_key"
    ON "pairing_code"("account_id", "factory_id", "task_id");
CREATE INDEX "pairing_code_expires_at_idx" ON "pairing_code"("expires_at");

-- Codes still in bot_state live 15 minutes at most: dropping them asks a farmer who was just
-- given one to press the task again.
DELETE FROM "bot_state" WHERE "key" LIKE 'pairing:%';
