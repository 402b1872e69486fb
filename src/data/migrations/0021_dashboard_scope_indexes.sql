-- The dashboard and the department-scoped queue at 1,000,000 complaints (issue #20; docs/PERFORMANCE.md,
-- "Through HTTP"). Before these, three of the dashboard's five counts read the whole table: the
-- satisfaction trend (no index on closed_at), the open complaints by level (the open-due index has no
-- level, so every open row was fetched), and every count of a department-scoped user (a handler's
-- scope is lead_department_id or co_department_ids, neither indexed), the handler's queue total too.
-- (unit_id, level, status): the queue's count of a unit + status + level filter reads it alone too,
-- where it fetched up to 10,001 rows for their level (40 ms of the agent's filtered queue).
CREATE INDEX complaints_open_level_idx ON complaints (unit_id, level, status) WHERE status <> 'closed';
CREATE INDEX complaints_satisfaction_idx ON complaints (unit_id, closed_at) INCLUDE (satisfaction) WHERE satisfaction IS NOT NULL;
CREATE INDEX complaints_lead_department_idx ON complaints (lead_department_id) WHERE lead_department_id IS NOT NULL;
CREATE INDEX complaints_co_departments_idx ON complaints USING gin (co_department_ids);
