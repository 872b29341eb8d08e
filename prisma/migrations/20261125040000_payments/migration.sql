-- Solana Pay requests, payments seen on chain (one row per signature: the guard against
-- crediting twice) and the watchers' cursors.
CREATE TABLE "payment_request" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "factory_id" TEXT,
    "token" TEXT NOT NULL,
    "units" DECIMAL(39,0) NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "payment_request_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_request_units_positive" CHECK ("units" > 0)
);
CREATE UNIQUE INDEX "payment_request_reference_key" ON "payment_request"("reference");
CREATE INDEX "payment_request_owner_id_idx" ON "payment_request"("owner_id");

CREATE TABLE "payment" (
    "signature" TEXT NOT NULL,
    "request_id" TEXT,
    "references" TEXT[],
    "payer" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "units" DECIMAL(39,0) NOT NULL,
    "slot" BIGINT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "payment_pkey" PRIMARY KEY ("signature")
);
CREATE INDEX "payment_outcome_idx" ON "payment"("outcome");
CREATE INDEX "payment_request_id_idx" ON "payment"("request_id");

CREATE TABLE "chain_cursor" (
    "address" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "chain_cursor_pkey" PRIMARY KEY ("address")
);
