-- A similar link is now stored once per pair, from the later complaint to the earlier one
-- (src/use-cases/link-similar.ts): 'similar' is symmetric, and the second row doubled the intake's
-- largest write. Readers look at both columns, so of each pair stored both ways the row from the
-- earlier complaint goes. "Later" is the later created_at; the id only breaks ties, so that exactly
-- one row of each pair survives.
DELETE FROM complaint_links l
USING complaint_links r, complaints f, complaints t
WHERE l.kind = 'similar'
  AND r.kind = 'similar'
  AND r.from_id = l.to_id
  AND r.to_id = l.from_id
  AND f.id = l.from_id
  AND t.id = l.to_id
  AND (f.created_at, f.id) < (t.created_at, t.id);
