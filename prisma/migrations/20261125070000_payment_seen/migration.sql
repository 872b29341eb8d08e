-- A payment request is "seen" when a transaction carrying its memo is processed, before the
-- watcher credits it at "confirmed": the request's message can say so at once.
ALTER TABLE "payment_request" ADD COLUMN "seen_at" TIMESTAMPTZ(3), ADD COLUMN "seen_signature" TEXT;
