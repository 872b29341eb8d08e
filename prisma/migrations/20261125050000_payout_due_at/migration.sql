-- Payouts that must wait (an unstake's cooldown) say when they become due.
ALTER TABLE "payout" ADD COLUMN "due_at" TIMESTAMPTZ(3);
