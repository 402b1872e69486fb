-- Issue #14 item 5: an action that sends the customer a message (the reply, the return-visit invitation)
-- needs the customer's address. The action's one read (migration 0022) carries it, so sending adds no
-- statement.
CREATE OR REPLACE FUNCTION plaint_change_context(p_id uuid, p_request uuid) RETURNS json
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
    ) x),
    'customer', (SELECT json_build_object('name', cu.name, 'email', cu.email, 'phone', cu.phone)
                 FROM complaints c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = p_id)
  ) INTO ctx;
  RETURN ctx;
END $$;
