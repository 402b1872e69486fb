-- The dashboard's counts kept as complaints change (issue #20; docs/PERFORMANCE.md, Scale, "Fifth
-- session"). Counted from the complaints, the dashboard read 47,000–210,000 index entries per count at
-- 1,000,000 complaints (p95 79–110 ms against 50 ms). Here every write to complaints also writes what
-- it changes in the counts, in the same statement: a trigger, so no write path (intake, actions, the
-- sweeper, imports, a restore's rows) can forget it.
--
-- The changes are appended to complaint_tally_changes, never updated in place: intakes and actions
-- touching the same unit and day never wait on one counter row's lock (nor deadlock over two), and the
-- intake keeps its throughput. A background pass (src/data/tally-store.ts, run by the sweeper) folds the
-- changes into complaint_tallies; readers add both up in one statement (src/data/dashboard-store.ts), so
-- a fold committing meanwhile is seen entirely or not at all.
--
-- The scope columns (unit, lead department, co-departments) are the complaints' own, so the queue's scope
-- condition applies to a tally row as it does to a complaint. Kinds:
--   open      open complaints (status <> 'closed') by level;
--   overdue   open complaints marked overdue (the sweeper's update, as clocks pass, goes through the trigger too);
--   received  complaints by the day they were received (Asia/Shanghai) and category;
--   rated     complaints with a satisfaction by the day they were closed (Asia/Shanghai): n and the sum.

CREATE TABLE complaint_tallies (
  kind                text NOT NULL CHECK (kind IN ('open', 'overdue', 'received', 'rated')),
  unit_id             text NOT NULL,
  lead_department_id  text,
  co_department_ids   text[] NOT NULL,
  day                 date,
  level               text,
  category_id         text,
  n                   bigint NOT NULL,
  score               bigint NOT NULL
);
CREATE UNIQUE INDEX complaint_tallies_key ON complaint_tallies
  (kind, day, unit_id, lead_department_id, co_department_ids, level, category_id) NULLS NOT DISTINCT;

-- The same columns (and checks) as the tallies, numbered in the order written.
CREATE TABLE complaint_tally_changes (
  id                  bigserial PRIMARY KEY,
  LIKE complaint_tallies INCLUDING CONSTRAINTS
);
CREATE INDEX complaint_tally_changes_kind_day ON complaint_tally_changes (kind, day);

-- What one complaint adds to the tallies: one row per kind it counts in. A SQL function of one SELECT,
-- so PostgreSQL inlines it into the queries below instead of calling it per row.
CREATE FUNCTION complaint_tally_entries(c_status text, c_level text, c_overdue boolean, c_received_at timestamptz,
    c_category_id text, c_closed_at timestamptz, c_satisfaction integer)
  RETURNS TABLE (kind text, day date, level text, category_id text, score bigint)
  LANGUAGE sql STABLE AS $$
  SELECT e.kind, e.day, e.level, e.category_id, e.score
  FROM (VALUES
    ('open', NULL::date, c_level, NULL::text, 0::bigint, c_status <> 'closed'),
    ('overdue', NULL, NULL, NULL, 0, c_overdue AND c_status <> 'closed'),
    ('received', (c_received_at AT TIME ZONE 'Asia/Shanghai')::date, NULL, c_category_id, 0, true),
    ('rated', (c_closed_at AT TIME ZONE 'Asia/Shanghai')::date, NULL, NULL, c_satisfaction::bigint,
      c_satisfaction IS NOT NULL AND c_closed_at IS NOT NULL)
  ) AS e(kind, day, level, category_id, score, counted)
  WHERE e.counted
$$;

-- One statement's changes: the old rows counted out (sign -1), the new ones in (+1), summed per tally;
-- an update that moves nothing the tallies count (a note, a clock) writes nothing.
CREATE FUNCTION complaints_tally_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO complaint_tally_changes (kind, unit_id, lead_department_id, co_department_ids, day, level, category_id, n, score)
    SELECT e.kind, c.unit_id, c.lead_department_id, c.co_department_ids, e.day, e.level, e.category_id, count(*), sum(e.score)
    FROM new_rows c
    CROSS JOIN LATERAL complaint_tally_entries(c.status, c.level, c.overdue, c.received_at, c.category_id, c.closed_at, c.satisfaction) e
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO complaint_tally_changes (kind, unit_id, lead_department_id, co_department_ids, day, level, category_id, n, score)
    SELECT e.kind, c.unit_id, c.lead_department_id, c.co_department_ids, e.day, e.level, e.category_id, -count(*), -sum(e.score)
    FROM old_rows c
    CROSS JOIN LATERAL complaint_tally_entries(c.status, c.level, c.overdue, c.received_at, c.category_id, c.closed_at, c.satisfaction) e
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
  ELSE
    INSERT INTO complaint_tally_changes (kind, unit_id, lead_department_id, co_department_ids, day, level, category_id, n, score)
    SELECT e.kind, c.unit_id, c.lead_department_id, c.co_department_ids, e.day, e.level, e.category_id, sum(c.sign), sum(c.sign * e.score)
    FROM (
      SELECT -1 AS sign, o.unit_id, o.lead_department_id, o.co_department_ids, o.status, o.level, o.overdue, o.received_at, o.category_id, o.closed_at, o.satisfaction
      FROM old_rows o
      UNION ALL
      SELECT 1, n.unit_id, n.lead_department_id, n.co_department_ids, n.status, n.level, n.overdue, n.received_at, n.category_id, n.closed_at, n.satisfaction
      FROM new_rows n
    ) c
    CROSS JOIN LATERAL complaint_tally_entries(c.status, c.level, c.overdue, c.received_at, c.category_id, c.closed_at, c.satisfaction) e
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(c.sign) <> 0 OR sum(c.sign * e.score) <> 0;
  END IF;
  RETURN NULL;
END $$;

-- Statement triggers with transition tables: one INSERT of grouped changes per statement, however many
-- rows it wrote (a bulk import, a sweeper pass). A trigger with transition tables takes one event each.
CREATE TRIGGER complaints_tally_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaints_tally_changes();
CREATE TRIGGER complaints_tally_update AFTER UPDATE ON complaints
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION complaints_tally_changes();
CREATE TRIGGER complaints_tally_delete AFTER DELETE ON complaints
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION complaints_tally_changes();

-- The tallies counted afresh from the complaints: here for the complaints already stored; the tests
-- check that the kept tallies always equal it (test/http/dashboard.test.ts, test/data/backup-restore).
CREATE FUNCTION plaint_rebuild_complaint_tallies() RETURNS void LANGUAGE sql AS $$
  DELETE FROM complaint_tally_changes;
  DELETE FROM complaint_tallies;
  INSERT INTO complaint_tallies (kind, unit_id, lead_department_id, co_department_ids, day, level, category_id, n, score)
  SELECT e.kind, c.unit_id, c.lead_department_id, c.co_department_ids, e.day, e.level, e.category_id, count(*), sum(e.score)
  FROM complaints c
  CROSS JOIN LATERAL complaint_tally_entries(c.status, c.level, c.overdue, c.received_at, c.category_id, c.closed_at, c.satisfaction) e
  GROUP BY 1, 2, 3, 4, 5, 6, 7;
$$;
SELECT plaint_rebuild_complaint_tallies();
