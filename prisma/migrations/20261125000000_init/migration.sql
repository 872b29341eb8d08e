-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "referral_code" TEXT NOT NULL,
    "referrer_id" TEXT,
    "referred_at" TIMESTAMPTZ(3),
    "xp" BIGINT NOT NULL DEFAULT 0,
    "boost_bps" INTEGER NOT NULL DEFAULT 10000,
    "boost_until" TIMESTAMPTZ(3),
    "locale" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity" (
    "platform" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "username" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "identity_pkey" PRIMARY KEY ("platform","external_id")
);

-- CreateTable
CREATE TABLE "wallet" (
    "address" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "verified_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "wallet_pkey" PRIMARY KEY ("address")
);

-- CreateTable
CREATE TABLE "factory" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "use_case" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "reward_per_demo" DECIMAL(39,0) NOT NULL,
    "threshold" INTEGER NOT NULL,
    "limit_per_task" INTEGER,
    "limit_per_day" INTEGER,
    "limit_total" INTEGER,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "factory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" TEXT NOT NULL,
    "factory_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "app" TEXT,
    "position" INTEGER NOT NULL,
    "archived_at" TIMESTAMPTZ(3),

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submission" (
    "id" TEXT NOT NULL,
    "factory_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "farmer_id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reserved" DECIMAL(39,0) NOT NULL,
    "score" INTEGER,
    "gross" DECIMAL(39,0),
    "paid" DECIMAL(39,0),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_transaction" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entry" (
    "id" BIGSERIAL NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "amount" DECIMAL(40,0) NOT NULL,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_balance" (
    "account" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "units" DECIMAL(40,0) NOT NULL,

    CONSTRAINT "ledger_balance_pkey" PRIMARY KEY ("account","token")
);

-- CreateTable
CREATE TABLE "payout" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "recipient_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "units" DECIMAL(39,0) NOT NULL,
    "submission_id" TEXT,
    "source_id" TEXT,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_referral_code_key" ON "account"("referral_code");

-- CreateIndex
CREATE INDEX "account_referrer_id_idx" ON "account"("referrer_id");

-- CreateIndex
CREATE INDEX "identity_account_id_idx" ON "identity"("account_id");

-- CreateIndex
CREATE INDEX "wallet_account_id_idx" ON "wallet"("account_id");

-- CreateIndex
CREATE INDEX "factory_owner_id_idx" ON "factory"("owner_id");

-- CreateIndex
CREATE INDEX "factory_status_idx" ON "factory"("status");

-- CreateIndex
CREATE INDEX "task_factory_id_idx" ON "task"("factory_id");

-- CreateIndex
CREATE INDEX "submission_farmer_id_factory_id_task_id_idx" ON "submission"("farmer_id", "factory_id", "task_id");

-- CreateIndex
CREATE INDEX "submission_farmer_id_created_at_idx" ON "submission"("farmer_id", "created_at");

-- CreateIndex
CREATE INDEX "submission_factory_id_status_idx" ON "submission"("factory_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_transaction_key_key" ON "ledger_transaction"("key");

-- CreateIndex
CREATE INDEX "ledger_entry_transaction_id_idx" ON "ledger_entry"("transaction_id");

-- CreateIndex
CREATE INDEX "ledger_entry_account_token_idx" ON "ledger_entry"("account", "token");

-- CreateIndex
CREATE UNIQUE INDEX "payout_key_key" ON "payout"("key");

-- CreateIndex
CREATE INDEX "payout_recipient_id_role_idx" ON "payout"("recipient_id", "role");

-- CreateIndex
CREATE INDEX "payout_status_idx" ON "payout"("status");

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_referrer_id_fkey" FOREIGN KEY ("referrer_id") REFERENCES "account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity" ADD CONSTRAINT "identity_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wallet" ADD CONSTRAINT "wallet_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "factory" ADD CONSTRAINT "factory_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_factory_id_fkey" FOREIGN KEY ("factory_id") REFERENCES "factory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_factory_id_fkey" FOREIGN KEY ("factory_id") REFERENCES "factory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_farmer_id_fkey" FOREIGN KEY ("farmer_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "ledger_transaction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payout" ADD CONSTRAINT "payout_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Ledger invariants the database enforces itself.
ALTER TABLE "ledger_balance" ADD CONSTRAINT "ledger_balance_non_negative" CHECK ("units" >= 0 OR "account" = 'external');
ALTER TABLE "factory" ADD CONSTRAINT "factory_threshold_floor" CHECK ("threshold" BETWEEN 50 AND 100);
ALTER TABLE "factory" ADD CONSTRAINT "factory_reward_positive" CHECK ("reward_per_demo" > 0);
ALTER TABLE "submission" ADD CONSTRAINT "submission_amounts_non_negative" CHECK ("reserved" >= 0 AND coalesce("paid", 0) >= 0 AND coalesce("paid", 0) <= "reserved");
ALTER TABLE "payout" ADD CONSTRAINT "payout_units_positive" CHECK ("units" > 0);
