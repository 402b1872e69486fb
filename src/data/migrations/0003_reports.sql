-- Periodic reports (R-RP-1): the first reading of a closed period is kept and served thereafter, so a
-- report once handed in never changes (complaints logged late, levels raised later, corrections).
CREATE TABLE report_snapshots (
  kind        text NOT NULL,
  node_id     text NOT NULL REFERENCES org_nodes(id),
  period_key  text NOT NULL,
  report      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, node_id, period_key)
);

-- "Status as of the period end" reads each complaint's last status-bearing event before an instant.
CREATE INDEX complaint_events_complaint_type_at_idx ON complaint_events (complaint_id, type, at);
