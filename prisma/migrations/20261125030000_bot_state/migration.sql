-- Chat state (sessions, conversations in progress) shared by every bot process, so that a
-- conversation survives a restart and any process behind a load balancer can continue it.
CREATE TABLE "bot_state" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),

    CONSTRAINT "bot_state_pkey" PRIMARY KEY ("key")
);
