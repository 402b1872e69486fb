-- The one read of an action (issue #18; src/data/complaint-write.ts, lockForChange). Read committed
-- takes a statement's snapshot when the statement starts, so sub-selects beside a FOR NO KEY UPDATE
-- that waited for another writer would still see the log and the clocks from before that writer
-- committed (the locked row itself is re-read, the rest is not). A volatile function's statements
-- each take a fresh snapshot: this one locks the complaint first, then reads what the decision needs,
-- so it reads after the lock, all within the caller's one statement.
CREATE FUNCTION plaint_change_context(p_id uuid, p_request uuid) RETURNS json
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  ctx json;
BEGIN
  PERFORM 1 FROM complaints WHERE id = p_id FOR NO KEY UPDATE;
  SELECT json_build_object(
    'clocks', (SELECT coalesce(json_agg(k ORDER BY k.started_at), '[]'::json) FROM complaint_clocks k WHERE k.complaint_id = p_id),
    'tail', (SELECT json_build_object('seq', e.seq, 'hash', e.hash) FROM complaint_events e WHERE e.complaint_id = p_id ORDER BY e.seq DESC LIMIT 1),
    'request', (SELECT row_to_json(x) FROM (
      SELECT id, clock, minutes, reason, requested_by, decision FROM extension_requests WHERE id = p_request AND complaint_id = p_id
    ) x)
  ) INTO ctx;
  RETURN ctx;
END $$;
