-- One account across platforms (issue 14): a person links their Telegram and Discord accounts
-- with a one-time code issued on one and redeemed on the other; the two accounts merge into the
-- older one (core/accounts/redeem-link-code.ts has the rules).
--
-- link_code: only the code's sha256 is stored, with the account that issued it, its expiry and
-- when (and by whom) it was used; rows stay after use so that issuing can be rate-limited.
CREATE TABLE "link_code" (
    "code_hash" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "used_by" TEXT,

    CONSTRAINT "link_code_pkey" PRIMARY KEY ("code_hash")
);
CREATE INDEX "link_code_account_id_issued_at_idx" ON "link_code"("account_id", "issued_at");

-- Wrong codes tried, per account: a few an hour, so that codes cannot be guessed.
CREATE TABLE "link_failure" (
    "id" BIGSERIAL NOT NULL,
    "account_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "link_failure_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "link_failure_account_id_at_idx" ON "link_failure"("account_id", "at");

-- An account absorbed by a merge: its id and its referral code now lead to the surviving account
-- (invite links already shared keep working).
CREATE TABLE "account_alias" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "referral_code" TEXT NOT NULL,
    "merged_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_alias_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "account_alias_referral_code_key" ON "account_alias"("referral_code");
CREATE INDEX "account_alias_account_id_idx" ON "account_alias"("account_id");
ALTER TABLE "account_alias" ADD CONSTRAINT "account_alias_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
