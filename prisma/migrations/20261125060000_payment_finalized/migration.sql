-- Payments are credited at "confirmed"; the watcher later records when the chain finalized them.
ALTER TABLE "payment" ADD COLUMN "finalized_at" TIMESTAMPTZ(3);
