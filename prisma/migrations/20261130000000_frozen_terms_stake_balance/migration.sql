-- 1. A submission keeps the terms it was accepted under (reward per demonstration and quality
--    threshold); settling pays by them, so a creator's later edit never changes what work
--    already in flight earns. Existing submissions take their factory's current terms.
ALTER TABLE "submission" ADD COLUMN "reward_per_demo" DECIMAL(39,0), ADD COLUMN "threshold" INTEGER;
UPDATE "submission" s SET "reward_per_demo" = f."reward_per_demo", "threshold" = f."threshold"
  FROM "factory" f WHERE f."id" = s."factory_id";
ALTER TABLE "submission" ALTER COLUMN "reward_per_demo" SET NOT NULL, ALTER COLUMN "threshold" SET NOT NULL;
ALTER TABLE "submission" ADD CONSTRAINT "submission_terms_valid"
  CHECK ("reward_per_demo" > 0 AND "threshold" BETWEEN 50 AND 100);

-- 2. One way to read a balance: the account's row (which may not exist yet) plus its pending
--    credits. Stakes are credited as pending entries and never debited until an unstake, so a
--    stake often has no row at all: settlement_load used to read only rows and saw 0.
CREATE FUNCTION ledger_balance_of(p_account TEXT, p_token TEXT) RETURNS NUMERIC
LANGUAGE sql STABLE AS $$
  SELECT (SELECT coalesce(sum(b.units), 0) FROM ledger_balance b WHERE b.account = p_account AND b.token = p_token)
       + (SELECT coalesce(sum(e.amount), 0) FROM ledger_entry e
           WHERE e.account = p_account AND e.token = p_token AND e.pending)
$$;

DROP FUNCTION settlement_load(TEXT, TEXT, TEXT);

-- As before (lock, then load on a fresh snapshot), with the submission's own terms and the
-- referrers' stakes read through ledger_balance_of.
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
         f.owner_id, s.reward_per_demo::text, s.threshold,
         a.referral_code, a.referrer_id, a.referred_at, a.xp::text, a.boost_bps, a.boost_until, a.locale,
         a.created_at, o.referrer_id,
         (SELECT coalesce(max(x.gross), 0)::text FROM submission x
           WHERE x.farmer_id = s.farmer_id AND x.factory_id = s.factory_id AND x.task_id = s.task_id
             AND x.status = 'settled' AND x.id <> s.id),
         CASE WHEN a.referrer_id IS NULL THEN NULL
              ELSE ledger_balance_of(p_stake_prefix || a.referrer_id, 'CLONES')::text END,
         CASE WHEN o.referrer_id IS NULL THEN NULL
              ELSE ledger_balance_of(p_stake_prefix || o.referrer_id, 'CLONES')::text END
    FROM submission s
    JOIN factory f ON f.id = s.factory_id
    JOIN account a ON a.id = s.farmer_id
    JOIN account o ON o.id = f.owner_id
   WHERE s.id = p_submission;
END $$;
