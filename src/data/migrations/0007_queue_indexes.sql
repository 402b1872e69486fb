-- The queue (docs/PERFORMANCE.md "Scale"): filters by unit and status, and the due-first order of open
-- complaints — the expression must match list-complaints.ts's sort key exactly to be used.
CREATE INDEX complaints_unit_status_idx ON complaints (unit_id, status);
CREATE INDEX complaints_open_due_order_idx
  ON complaints (unit_id, (coalesce(next_due_at, '9999-12-31T00:00:00.000Z'::timestamptz)), received_at, id)
  WHERE status <> 'closed';
CREATE INDEX complaints_due_order_idx
  ON complaints ((coalesce(next_due_at, '9999-12-31T00:00:00.000Z'::timestamptz)), received_at, id);
