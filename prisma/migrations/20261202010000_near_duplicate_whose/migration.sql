-- A near_duplicate reason now says whose recording was copied (params.whose: "own" for the
-- farmer's own earlier recording, "other" for another account's), and the bots' message selects
-- on it. Every such reason stored before was about another account's recording.
CREATE FUNCTION near_duplicate_whose(p_grade JSONB) RETURNS JSONB
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(p_grade -> 'reasons') IS DISTINCT FROM 'array' THEN p_grade
    ELSE jsonb_set(p_grade, '{reasons}', (
      SELECT coalesce(jsonb_agg(
               CASE WHEN r ->> 'code' = 'near_duplicate' AND NOT coalesce(r -> 'params', '{}') ? 'whose'
                    THEN jsonb_set(r, '{params}', coalesce(r -> 'params', '{}') || '{"whose": "other"}')
                    ELSE r END ORDER BY i), '[]'::jsonb)
        FROM jsonb_array_elements(p_grade -> 'reasons') WITH ORDINALITY AS e(r, i)))
  END
$$;

UPDATE "recording"
   SET "grade" = near_duplicate_whose("grade"), "first_grade" = near_duplicate_whose("first_grade")
 WHERE "grade"::text LIKE '%near_duplicate%' OR "first_grade"::text LIKE '%near_duplicate%';

DROP FUNCTION near_duplicate_whose(JSONB);
