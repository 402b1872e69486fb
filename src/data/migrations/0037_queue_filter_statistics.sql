-- The queue filtered by unit, status and level (issue #20, docs/PERFORMANCE.md "Through HTTP"). The
-- planner estimated such a filter from each column alone, as if independent: at 1,000,000 complaints
-- 472 rows for a unit's C-level dispatched complaints, which are 4,687 (a unit's level and status go
-- together: a fuel station grades by its pack's levels). On that low guess it fetched every match
-- through complaints_open_level_idx and sorted them (4,650 pages read, 40–75 ms) instead of walking the
-- unit's open complaints in the page's order and stopping at 51 (0.6–5 ms). Statistics over the three
-- columns together give the planner the combinations' real frequencies.
CREATE STATISTICS complaints_unit_level_status (mcv) ON unit_id, level, status FROM complaints;
ANALYZE complaints;
