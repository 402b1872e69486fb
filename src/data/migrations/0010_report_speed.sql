-- The periodic report (R-RP-1) at scale (docs/PERFORMANCE.md "Scale"): a month of the group is some
-- 60,000 complaints, and reading them from the heap costs one page each, since a complaint's row sits
-- wherever it was last updated. With every column the report's aggregates read in the index, the
-- period's complaints are read from the index alone (use-cases/reports/periodic-report.ts).
-- IF NOT EXISTS: on a large database these may be built beforehand with CREATE INDEX CONCURRENTLY.
CREATE INDEX IF NOT EXISTS complaints_report_idx
  ON complaints (unit_id, received_at)
  INCLUDE (id, policy_id, channel, category_id, level, qualification, repeat_count, satisfaction);

-- "Closed as of an instant" is the last 'closed' or 'reopened' event before it. Only these events, with
-- what the lookup compares, so a complaint's lookup is one probe of a small index and never visits its
-- other events or the event rows themselves.
CREATE INDEX IF NOT EXISTS complaint_events_closure_idx
  ON complaint_events (complaint_id, seq) INCLUDE (type, at)
  WHERE type IN ('closed', 'reopened');
