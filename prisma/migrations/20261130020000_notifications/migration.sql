-- The notification outbox: every DM and message edit, stored before it is queued for delivery,
-- idempotent by the producer's id, delivered at most once.
CREATE TABLE "notification" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "account_id" TEXT,
  "platform" TEXT NOT NULL,
  "chat_id" TEXT NOT NULL,
  "payload" JSONB NOT NULL,
  "edit_message_id" BIGINT,
  "edit_rank" INTEGER,
  "status" TEXT NOT NULL CHECK ("status" IN ('pending', 'sending', 'sent', 'failed', 'unreachable', 'superseded')),
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "message_id" BIGINT,
  "error" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL,
  "sent_at" TIMESTAMPTZ(3)
);
CREATE INDEX "notification_pending_idx" ON "notification" ("created_at") WHERE "status" = 'pending';
CREATE INDEX "notification_sending_idx" ON "notification" ("updated_at") WHERE "status" = 'sending';
CREATE INDEX "notification_edit_idx" ON "notification" ("platform", "chat_id", "edit_message_id", "edit_rank")
  WHERE "status" = 'sent' AND "edit_message_id" IS NOT NULL;

-- Chats that blocked the bot (or are gone): nothing more is sent to them until they write again.
CREATE TABLE "unreachable_chat" (
  "platform" TEXT NOT NULL,
  "chat_id" TEXT NOT NULL,
  "since" TIMESTAMPTZ(3) NOT NULL,
  PRIMARY KEY ("platform", "chat_id")
);
