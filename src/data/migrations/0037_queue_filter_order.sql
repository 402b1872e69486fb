-- The queue filtered by unit, status and level (issue #20, docs/PERFORMANCE.md "Through HTTP").
-- complaints_open_level_idx (migration 0021) held the filter's three columns but neither order, so the
-- planner chose between walking the unit's open complaints in the page's order, fetching each to test
-- its status and level, and fetching every match through this index to sort them. It chose from each
-- column's statistics alone, as if independent: at 1,000,000 complaints it guessed 472 rows for a
-- unit's C-level dispatched complaints, which are 4,687, and fetched and sorted them all (4,650 pages
-- read, 40–75 ms; the agent's p95 over HTTP 53–81 ms against 50 ms). With each order after the filter's
-- columns, a page is one range of an index, read in order and stopped at 51 rows (0.5–0.7 ms), whatever
-- the estimate; the count still reads the filter's prefix alone (1–5 ms for up to 10,001).
-- Statistics over the three columns together (CREATE STATISTICS … mcv) fixed the estimate too, but
-- every query on complaints naming two of them paid for them at planning: ~2 ms of CPU per intake on
-- PGlite, where nothing is prepared. Each index holds the open complaints only (~15 MB at 1,000,000).
CREATE INDEX complaints_open_level_due_idx ON complaints
  (unit_id, level, status, (coalesce(next_due_at, '9999-12-31T00:00:00.000Z'::timestamptz)), received_at, id)
  WHERE status <> 'closed';
CREATE INDEX complaints_open_level_received_idx ON complaints (unit_id, level, status, received_at DESC, id DESC)
  WHERE status <> 'closed';
DROP INDEX complaints_open_level_idx;
