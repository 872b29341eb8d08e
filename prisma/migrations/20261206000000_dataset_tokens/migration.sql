-- Dataset tokens: a factory's dataset (or an admin's bundle of several, a meta-dataset) as an SPL
-- token on a bonding curve the server prices and co-signs. The curve's reserves live here and
-- move only when a transaction the server built is seen landed on chain (dataset_tx). One built
-- trade per curve at a time (the partial unique index): no two trades are priced from the same
-- reserves.
CREATE TABLE "dataset_token" (
  "id" TEXT PRIMARY KEY,
  "kind" TEXT NOT NULL CHECK ("kind" IN ('dataset', 'meta')),
  "factory_id" TEXT REFERENCES "factory" ("id"),
  "creator_id" TEXT NOT NULL REFERENCES "account" ("id"),
  -- The wallet that launched it: it got the allocation and receives the volume fees.
  "creator_wallet" TEXT,
  "name" TEXT NOT NULL,
  "symbol" TEXT NOT NULL,
  -- Derived from the curve key, known once the server built the launch (only it holds the key).
  "mint" TEXT UNIQUE,
  "burn_bps" INTEGER NOT NULL CHECK ("burn_bps" BETWEEN 1 AND 10000),
  "virtual_sol" BIGINT NOT NULL CHECK ("virtual_sol" > 0),
  "virtual_tokens" BIGINT NOT NULL CHECK ("virtual_tokens" > 0),
  "curve_tokens" BIGINT NOT NULL CHECK ("curve_tokens" > 0),
  "sol_reserve" BIGINT NOT NULL,
  "token_reserve" BIGINT NOT NULL,
  "supply" BIGINT NOT NULL DEFAULT 0 CHECK ("supply" >= 0),
  "volume" BIGINT NOT NULL DEFAULT 0,
  "fees" BIGINT NOT NULL DEFAULT 0,
  "trades" INTEGER NOT NULL DEFAULT 0,
  "status" TEXT NOT NULL CHECK ("status" IN ('launching', 'live')),
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "launched_at" TIMESTAMPTZ(3),
  CHECK (("kind" = 'dataset') = ("factory_id" IS NOT NULL)),
  CHECK ("status" = 'launching' OR "mint" IS NOT NULL),
  CHECK ("sol_reserve" >= "virtual_sol"),
  CHECK ("token_reserve" <= "virtual_tokens" AND "token_reserve" >= "virtual_tokens" - "curve_tokens")
);
-- One token per factory.
CREATE UNIQUE INDEX "dataset_token_factory_idx" ON "dataset_token" ("factory_id") WHERE "kind" = 'dataset';

-- What a meta-dataset bundles: each included dataset token, and the allocation its creator gets.
CREATE TABLE "dataset_token_member" (
  "meta_id" TEXT NOT NULL REFERENCES "dataset_token" ("id"),
  "token_id" TEXT NOT NULL REFERENCES "dataset_token" ("id"),
  "recordings" INTEGER NOT NULL CHECK ("recordings" > 0),
  "allocation" BIGINT NOT NULL CHECK ("allocation" >= 0),
  -- The creator claims it (mints it to their wallet) once; the launch already paid for it.
  "claimed_at" TIMESTAMPTZ(3),
  PRIMARY KEY ("meta_id", "token_id")
);

-- Every transaction the server builds for a dataset token: asked for in chat (open), built for a
-- wallet's Solana Pay request (built: its message hash and blockhash deadline fixed), then seen
-- on chain (landed or failed) or never (expired). Amounts are lamports and token base units.
CREATE TABLE "dataset_tx" (
  "id" TEXT PRIMARY KEY,
  "token_id" TEXT NOT NULL REFERENCES "dataset_token" ("id"),
  "kind" TEXT NOT NULL CHECK ("kind" IN ('launch', 'buy', 'sell', 'unlock', 'claim')),
  "account_id" TEXT NOT NULL REFERENCES "account" ("id"),
  -- A claim's included dataset token (its creator's allocation in a meta-dataset).
  "member_id" TEXT REFERENCES "dataset_token" ("id"),
  "status" TEXT NOT NULL CHECK ("status" IN ('open', 'built', 'landed', 'failed', 'expired')),
  -- Asked: a buy's SOL, a sell's share of the wallet's holdings, the trader's slippage limit, and
  -- the reserves the chat quoted from (the limit is measured against them).
  "sol_in" BIGINT,
  "sell_bps" INTEGER CHECK ("sell_bps" BETWEEN 1 AND 10000),
  "slippage_bps" INTEGER NOT NULL DEFAULT 0 CHECK ("slippage_bps" BETWEEN 0 AND 5000),
  "quoted_sol" BIGINT,
  "quoted_tokens" BIGINT,
  -- Built.
  "wallet" TEXT,
  "reference" TEXT UNIQUE,
  "message_hash" TEXT,
  "last_valid_height" BIGINT,
  "transaction" TEXT,
  "net" BIGINT,
  "fee" BIGINT,
  "tokens" BIGINT,
  "sol_out" BIGINT,
  -- Seen.
  "signature" TEXT UNIQUE,
  "created_at" TIMESTAMPTZ(3) NOT NULL,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "built_at" TIMESTAMPTZ(3),
  "settled_at" TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX "dataset_tx_one_built_trade_idx" ON "dataset_tx" ("token_id")
  WHERE "status" = 'built' AND "kind" IN ('buy', 'sell');
CREATE INDEX "dataset_tx_account_idx" ON "dataset_tx" ("account_id", "created_at");

-- Who may download a dataset: granted when their burn of the threshold landed.
CREATE TABLE "dataset_access" (
  "token_id" TEXT NOT NULL REFERENCES "dataset_token" ("id"),
  "account_id" TEXT NOT NULL REFERENCES "account" ("id"),
  "signature" TEXT NOT NULL,
  "granted_at" TIMESTAMPTZ(3) NOT NULL,
  PRIMARY KEY ("token_id", "account_id")
);
