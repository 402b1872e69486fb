-- The similar-complaint pre-filter at intake (src/data/intake-store.ts) asks, of the newest 200
-- complaints of a unit, which share one of the new text's key features. On the text signature that
-- test compared strings pairwise: 16 keys × ~46 features × 200 rows, 3.7 ms of the database's time
-- per intake (docs/PERFORMANCE.md, "Intake"). Here each signature is also kept as its features'
-- hashes, sorted, and intarray's overlap merges two sorted integer arrays instead: 0.2 ms. A hash
-- collision only lets an extra candidate through to the scoring, which decides; a shared feature
-- always has the same hash, so no candidate is lost. intarray is a trusted contrib extension
-- (PostgreSQL's own, shipped with the server; PGlite loads it in src/data/db.ts).
CREATE EXTENSION IF NOT EXISTS intarray;

-- PL/pgSQL rather than SQL: a SQL function would be planned again for every row it is called for.
CREATE FUNCTION plaint_feature_keys(features text[]) RETURNS int4[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(DISTINCT hashtext(f) ORDER BY hashtext(f)), '{}'::int4[]) FROM unnest(features) AS f);
END
$$;

ALTER TABLE complaints ADD COLUMN signature_keys int4[] GENERATED ALWAYS AS (plaint_feature_keys(signature)) STORED;
