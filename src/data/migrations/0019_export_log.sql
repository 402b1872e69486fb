-- Who exported what from the queue (issue #17; src/data/export-log-store.ts). There is no installation-
-- level audit table before this one: complaint_events is a log per complaint, and an export touches
-- thousands of complaints at once. One row per export, written before the first byte is sent and
-- completed when the last one is (or marked aborted when the download stops), so an export that never
-- finished is still on record. Rows are never deleted by the application.
CREATE TABLE export_log (
  id                 bigserial PRIMARY KEY,
  user_id            uuid REFERENCES users(id),
  user_label         text NOT NULL,
  role               text NOT NULL,
  org_node_id        text,
  -- What was exported: 'complaints' (the queue) for now.
  subject            text NOT NULL,
  format             text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  -- The queue's filters as given (status, unitId, q, sort, ...).
  filters            jsonb NOT NULL,
  -- Whether phones and e-mails went out unmasked (the role may see them, R-IN-4).
  contacts_unmasked  boolean NOT NULL,
  started_at         timestamptz NOT NULL,
  finished_at        timestamptz,
  row_count          integer NOT NULL DEFAULT 0,
  outcome            text NOT NULL DEFAULT 'started' CHECK (outcome IN ('started', 'completed', 'aborted'))
);
CREATE INDEX export_log_started_idx ON export_log (started_at DESC);
CREATE INDEX export_log_user_idx ON export_log (user_id, started_at DESC);
