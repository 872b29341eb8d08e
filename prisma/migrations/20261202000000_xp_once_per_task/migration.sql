-- XP comes once per piece of work, like money: settling adds only the XP of the difference over
-- the farmer's best earlier score on the task that earned XP (at or above its own threshold).
-- settlement_load returns that score beside the best gross; otherwise as in
-- 20261130000000_frozen_terms_stake_balance (lock, then load on a fresh snapshot).
DROP FUNCTION settlement_load(TEXT, TEXT, TEXT);

CREATE FUNCTION settlement_load(p_submission TEXT, p_lock_template TEXT, p_stake_prefix TEXT)
RETURNS TABLE (
  id TEXT, factory_id TEXT, task_id TEXT, farmer_id TEXT, token TEXT, status TEXT, reserved TEXT, score INT,
  gross TEXT, paid TEXT, created_at TIMESTAMPTZ, settled_at TIMESTAMPTZ, owner_id TEXT, reward_per_demo TEXT,
  threshold INT, referral_code TEXT, referrer_id TEXT, referred_at TIMESTAMPTZ, xp TEXT, boost_bps INT,
  boost_until TIMESTAMPTZ, locale TEXT, account_created_at TIMESTAMPTZ, owner_referrer_id TEXT, best_gross TEXT,
  farmer_referrer_stake TEXT, owner_referrer_stake TEXT, best_score INT)
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
              ELSE ledger_balance_of(p_stake_prefix || o.referrer_id, 'CLONES')::text END,
         (SELECT coalesce(max(x.score), 0) FROM submission x
           WHERE x.farmer_id = s.farmer_id AND x.factory_id = s.factory_id AND x.task_id = s.task_id
             AND x.status = 'settled' AND x.id <> s.id AND x.score >= x.threshold)
    FROM submission s
    JOIN factory f ON f.id = s.factory_id
    JOIN account a ON a.id = s.farmer_id
    JOIN account o ON o.id = f.owner_id
   WHERE s.id = p_submission;
END $$;
