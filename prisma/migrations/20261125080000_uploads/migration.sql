-- Companion recorder pairing and chunked uploads. Tokens are stored only as their sha256, so a
-- leaked table grants nothing. Accounts, factories and tasks are not foreign keys: an upload
-- outlives nothing it names, and the intake re-checks them when it accepts a recording.
CREATE TABLE "recorder_device" (
    "token_hash" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "recorder_device_pkey" PRIMARY KEY ("token_hash")
);
CREATE INDEX "recorder_device_account_id_idx" ON "recorder_device"("account_id");

-- status: open -> completing -> completed | cancelled | expired; completing -> open when the
-- intake failed for an infrastructure reason (the client may retry complete).
CREATE TABLE "upload" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "factory_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "chunk_size" INTEGER NOT NULL,
    "chunk_count" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "recording_id" TEXT,

    CONSTRAINT "upload_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "upload_status_check" CHECK ("status" IN ('open', 'completing', 'completed', 'cancelled', 'expired'))
);
CREATE UNIQUE INDEX "upload_token_hash_key" ON "upload"("token_hash");
CREATE INDEX "upload_status_expires_at_idx" ON "upload"("status", "expires_at");

CREATE TABLE "upload_chunk" (
    "upload_id" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,

    CONSTRAINT "upload_chunk_pkey" PRIMARY KEY ("upload_id", "index"),
    CONSTRAINT "upload_chunk_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "upload"("id") ON DELETE CASCADE
);
