-- Deferred credits and server-side functions for the two hottest statements.
--
-- Credits to most accounts (pools, farmers, ambassadors, the platform fee) are appended as
-- pending entries and touch no balance row, so concurrent settlements never queue on a
-- popular ambassador's, a busy pool's or the platform's row. A debit locks the account's row,
-- first rolls every committed pending credit into it (a balance-neutral step), then applies
-- itself only if the balance stays >= 0. Balance = row units + pending entries.
-- PL/pgSQL caches the plans of these statements per connection, and each statement inside
-- runs with a fresh snapshot: taken after the row lock, it sees every committed credit.

ALTER TABLE "ledger_entry" ADD COLUMN "pending" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "ledger_entry_pending_idx" ON "ledger_entry" ("account", "token") WHERE "pending";

-- Locks an account's balance row (creating it at 0) and rolls every committed pending credit
-- into it: a balance-neutral step, valid whether the caller then commits or not. Statements
-- here run after the lock, on a fresh snapshot, so no committed credit is missed; credits
-- still in flight stay pending for the next roll-up. Returns the row's units.
CREATE FUNCTION ledger_roll_up(p_account TEXT, p_token TEXT) RETURNS NUMERIC
LANGUAGE plpgsql AS $$
DECLARE
  v_units NUMERIC;
BEGIN
  INSERT INTO ledger_balance (account, token, units) VALUES (p_account, p_token, 0)
  ON CONFLICT (account, token) DO NOTHING;
  PERFORM 1 FROM ledger_balance WHERE account = p_account AND token = p_token FOR UPDATE;
  WITH rolled AS (
    UPDATE ledger_entry SET pending = false WHERE account = p_account AND token = p_token AND pending
    RETURNING amount
  )
  UPDATE ledger_balance b SET units = b.units + (SELECT coalesce(sum(amount), 0) FROM rolled)
   WHERE b.account = p_account AND b.token = p_token
  RETURNING b.units INTO v_units;
  RETURN v_units;
END $$;

-- Posts one journal entry. p_policies per posting: 'none' (no balance row: the outside world),
-- 'row' (applied to the row at once) or 'deferred' (credits appended as pending).
-- Returns 'posted', 'duplicate' (key seen before; nothing changed) or 'insufficient:<account>'
-- (a debit would go negative; the caller must roll back the transaction).
CREATE FUNCTION ledger_post(p_id TEXT, p_key TEXT, p_kind TEXT, p_accounts TEXT[], p_tokens TEXT[],
                            p_amounts NUMERIC[], p_policies TEXT[]) RETURNS TEXT
LANGUAGE plpgsql AS $$
DECLARE
  n INT := coalesce(array_length(p_accounts, 1), 0);
  i INT;
  v_units NUMERIC;
BEGIN
  INSERT INTO ledger_transaction (id, key, kind, created_at) VALUES (p_id, p_key, p_kind, now())
  ON CONFLICT (key) DO NOTHING;
  IF NOT FOUND THEN
    RETURN 'duplicate';
  END IF;
  -- Debits first, in the callers' sorted order (no deadlocks): lock, roll up, check.
  FOR i IN 1 .. n LOOP
    CONTINUE WHEN p_amounts[i] >= 0 OR p_policies[i] = 'none';
    v_units := ledger_roll_up(p_accounts[i], p_tokens[i]);
    IF v_units + p_amounts[i] < 0 THEN
      RETURN 'insufficient:' || p_accounts[i];
    END IF;
  END LOOP;
  FOR i IN 1 .. n LOOP
    CONTINUE WHEN p_policies[i] = 'none' OR (p_policies[i] = 'deferred' AND p_amounts[i] > 0);
    IF p_amounts[i] < 0 THEN
      UPDATE ledger_balance SET units = units + p_amounts[i] WHERE account = p_accounts[i] AND token = p_tokens[i];
    ELSE
      INSERT INTO ledger_balance (account, token, units) VALUES (p_accounts[i], p_tokens[i], p_amounts[i])
      ON CONFLICT (account, token) DO UPDATE SET units = ledger_balance.units + EXCLUDED.units;
    END IF;
  END LOOP;
  INSERT INTO ledger_entry (transaction_id, account, token, amount, pending)
  SELECT p_id, a, t, x, (pol = 'deferred' AND x > 0)
    FROM unnest(p_accounts, p_tokens, p_amounts, p_policies) AS u(a, t, x, pol);
  RETURN 'posted';
END $$;

-- Serializes with the farmer's other work on the factory (the same advisory lock key as
-- acceptSubmission: p_lock_template with \x01 = farmer id, \x02 = factory id), then loads
-- everything settling the submission needs. The load runs after the lock, on a fresh snapshot.
CREATE FUNCTION settlement_load(p_submission TEXT, p_lock_template TEXT, p_stake_prefix TEXT)
RETURNS TABLE (
  id TEXT, factory_id TEXT, task_id TEXT, farmer_id TEXT, token TEXT, status TEXT, reserved TEXT, score INT,
  gross TEXT, paid TEXT, created_at TIMESTAMPTZ, settled_at TIMESTAMPTZ, owner_id TEXT, reward_per_demo TEXT,
  threshold INT, referral_code TEXT, referrer_id TEXT, referred_at TIMESTAMPTZ, xp TEXT, boost_bps INT,
  boost_until TIMESTAMPTZ, locale TEXT, account_created_at TIMESTAMPTZ, owner_referrer_id TEXT, best_gross TEXT,
  farmer_referrer_stake TEXT, owner_referrer_stake TEXT)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(
    replace(replace(p_lock_template, chr(1), s.farmer_id), chr(2), s.factory_id), 0))
    FROM submission s WHERE s.id = p_submission;
  RETURN QUERY
  SELECT s.id, s.factory_id, s.task_id, s.farmer_id, s.token, s.status, s.reserved::text, s.score,
         s.gross::text, s.paid::text, s.created_at, s.settled_at,
         f.owner_id, f.reward_per_demo::text, f.threshold,
         a.referral_code, a.referrer_id, a.referred_at, a.xp::text, a.boost_bps, a.boost_until, a.locale,
         a.created_at, o.referrer_id,
         (SELECT coalesce(max(x.gross), 0)::text FROM submission x
           WHERE x.farmer_id = s.farmer_id AND x.factory_id = s.factory_id AND x.task_id = s.task_id
             AND x.status = 'settled' AND x.id <> s.id),
         (SELECT (b.units + coalesce((SELECT sum(e.amount) FROM ledger_entry e
                   WHERE e.account = b.account AND e.token = b.token AND e.pending), 0))::text
            FROM ledger_balance b WHERE b.account = p_stake_prefix || a.referrer_id AND b.token = 'CLONES'),
         (SELECT (b.units + coalesce((SELECT sum(e.amount) FROM ledger_entry e
                   WHERE e.account = b.account AND e.token = b.token AND e.pending), 0))::text
            FROM ledger_balance b WHERE b.account = p_stake_prefix || o.referrer_id AND b.token = 'CLONES')
    FROM submission s
    JOIN factory f ON f.id = s.factory_id
    JOIN account a ON a.id = s.farmer_id
    JOIN account o ON o.id = f.owner_id
   WHERE s.id = p_submission;
END $$;

-- Records a settlement: the submission, its payouts, the farmer's XP and the journal entry.
CREATE FUNCTION settlement_save(p_submission TEXT, p_status TEXT, p_score INT, p_gross NUMERIC, p_paid NUMERIC,
  p_settled_at TIMESTAMPTZ, p_payout_ids TEXT[], p_payout_keys TEXT[], p_recipients TEXT[], p_roles TEXT[],
  p_payout_tokens TEXT[], p_payout_units NUMERIC[], p_sources TEXT[], p_payout_statuses TEXT[], p_payout_created TIMESTAMPTZ[],
  p_farmer TEXT, p_xp BIGINT, p_id TEXT, p_key TEXT, p_kind TEXT, p_accounts TEXT[], p_tokens TEXT[],
  p_amounts NUMERIC[], p_policies TEXT[]) RETURNS TEXT
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE submission SET status = p_status, score = p_score, gross = p_gross, paid = p_paid, settled_at = p_settled_at
   WHERE id = p_submission;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'submission % vanished while settling', p_submission;
  END IF;
  INSERT INTO payout (id, key, recipient_id, role, token, units, submission_id, source_id, status, created_at)
  SELECT pid, pkey, rcp, rl, tk, un, p_submission, src, st, ca
    FROM unnest(p_payout_ids, p_payout_keys, p_recipients, p_roles, p_payout_tokens, p_payout_units, p_sources,
                p_payout_statuses, p_payout_created) AS u(pid, pkey, rcp, rl, tk, un, src, st, ca)
  ON CONFLICT (key) DO NOTHING;
  IF p_xp > 0 THEN
    UPDATE account SET xp = xp + p_xp WHERE id = p_farmer;
  END IF;
  RETURN ledger_post(p_id, p_key, p_kind, p_accounts, p_tokens, p_amounts, p_policies);
END $$;
