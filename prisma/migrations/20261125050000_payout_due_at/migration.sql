-- Payouts that must wait (an unstake's cooldown) say when they become due.
ALTER TABLE "payout" ADD COLUMN "due_at" TIMESTAMPTZ(3);

-- Where a payment request was shown (a chat message), so that it can be updated once paid.
ALTER TABLE "payment_request" ADD COLUMN "message_ref" TEXT;
