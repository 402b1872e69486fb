/**
 * The four statements of the quarterly KPIs (R-RS-4, R-RS-3) over the units of an organisation subtree:
 * the specialists (a specialist's units are the units under the specialist's org node), their closure
 * and satisfaction counts, their monthly timeliness counts, and the fuel stations' complaints grouped
 * for the penalty table. Closure is read as of `asOf` (the last 'closed' / 'reopened' event before it).
 * Scored by the pure domain/kpi through use-cases/reports/kpi.ts.
 */
import { sql } from 'kysely';
import type { Db } from '../complaint-store.ts';
import { inList } from './report-store.ts';

export interface SpecialistRow {
  id: string;
  name: string;
  org_node_id: string;
}
export interface ClosureRow {
  user_id: string;
  valid_received: number;
  valid_closed: number;
  sat_count: number;
  sat_sum: number | null;
}
export interface TimelinessRow {
  user_id: string;
  month: string;
  complaints: number;
  late_hours: number;
  late_completions: number;
  timely: number;
}
export interface FuelRow {
  unit_id: string;
  /** The pack version the complaints were received under (their tuned penalty table). */
  policy_version: number;
  level: string | null;
  valid: boolean;
  /** The complaint's place among the station's valid complaints of the year (null when not valid). */
  nth: number | null;
  /** Whole hours the worst clock was late (null when none was), matched to the table's overdue tiers. */
  late_hours: number | null;
  count: number;
}

export interface KpiRows {
  specialists: SpecialistRow[];
  closure: ClosureRow[];
  timeliness: TimelinessRow[];
  fuel: FuelRow[];
}

export interface KpiQuery {
  /** The units of the subtree. */
  scope: readonly string[];
  quarter: { start: Date; end: Date };
  asOf: Date;
  /** Start of the quarter's local year: a fuel station's yearly count of valid complaints starts here. */
  yearStart: Date;
  /** A complaint recorded later than this after its receipt is late (domain/kpi hoursLate). */
  recordWithinMinutes: number;
  /** The clocks whose lateness makes a completion late. */
  completionClocks: readonly string[];
}

export async function kpiRows(db: Db, opts: KpiQuery): Promise<KpiRows> {
  const { scope, quarter, asOf, yearStart } = opts;
  // Specialists and the org nodes under them; the complaints of the quarter at those units within scope.
  const specialistCte = sql`
    spec_nodes(user_id, node_id) AS (
      SELECT u.id, u.org_node_id FROM users u WHERE u.role = 'specialist' AND NOT u.disabled AND u.org_node_id IS NOT NULL
      UNION ALL
      SELECT s.user_id, o.id FROM org_nodes o JOIN spec_nodes s ON o.parent_id = s.node_id
    ),
    sc AS (
      SELECT s.user_id, c.id, c.qualification, c.satisfaction, c.received_at, c.created_at,
        COALESCE((SELECT e.type = 'closed' FROM complaint_events e
          WHERE e.complaint_id = c.id AND e.type IN ('closed', 'reopened') AND e.at < ${asOf}
          ORDER BY e.seq DESC LIMIT 1), false) AS closed_asof
      FROM spec_nodes s JOIN complaints c ON c.unit_id = s.node_id
      WHERE c.unit_id IN ${inList(scope)} AND c.received_at >= ${quarter.start} AND c.received_at < ${quarter.end}
    )`;

  const [specialists, closure, timeliness, fuel] = await Promise.all([
    sql<SpecialistRow>`
      WITH RECURSIVE ${specialistCte}
      SELECT DISTINCT u.id, u.name, u.org_node_id FROM spec_nodes s JOIN users u ON u.id = s.user_id
      WHERE s.node_id IN ${inList(scope)} ORDER BY u.name`.execute(db),
    sql<ClosureRow>`
      WITH RECURSIVE ${specialistCte}
      SELECT user_id,
        count(*) FILTER (WHERE qualification = 'valid')::int AS valid_received,
        count(*) FILTER (WHERE qualification = 'valid' AND closed_asof)::int AS valid_closed,
        count(satisfaction)::int AS sat_count, sum(satisfaction)::int AS sat_sum
      FROM sc GROUP BY user_id`.execute(db),
    sql<TimelinessRow>`
      WITH RECURSIVE ${specialistCte},
      t AS (
        SELECT sc.user_id, to_char(sc.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
          -- Mirrors domain/kpi hoursLate: whole started hours past the record limit, never negative.
          GREATEST(0, CEIL((EXTRACT(EPOCH FROM (sc.created_at - sc.received_at)) - ${opts.recordWithinMinutes * 60}) / 3600.0))::int AS late_hours,
          EXISTS (SELECT 1 FROM complaint_clocks k
            WHERE k.complaint_id = sc.id AND k.name IN ${inList(opts.completionClocks)} AND k.due_at < ${asOf}
              AND (k.met_at IS NULL OR k.met_at > k.due_at)) AS late_completion
        FROM sc
      )
      SELECT user_id, month, count(*)::int AS complaints, sum(late_hours)::int AS late_hours,
        count(*) FILTER (WHERE late_completion)::int AS late_completions,
        count(*) FILTER (WHERE late_hours = 0 AND NOT late_completion)::int AS timely
      FROM t GROUP BY user_id, month`.execute(db),
    sql<FuelRow>`
      WITH fuel_units AS (
        SELECT id FROM org_nodes WHERE id IN ${inList(scope)} AND policy_id = 'fuel-retail'
      ),
      yearly AS (
        SELECT c.id, row_number() OVER (PARTITION BY c.unit_id ORDER BY c.received_at, c.id) AS nth
        FROM complaints c
        WHERE c.unit_id IN (SELECT id FROM fuel_units) AND c.qualification = 'valid'
          AND c.received_at >= ${yearStart} AND c.received_at < ${quarter.end}
      ),
      q AS (
        SELECT c.unit_id, c.policy_version, c.level, (c.qualification = 'valid') AS valid, y.nth::int AS nth,
          (SELECT max(EXTRACT(EPOCH FROM (COALESCE(LEAST(k.met_at, ${asOf}), ${asOf}) - k.due_at)))
            FROM complaint_clocks k WHERE k.complaint_id = c.id AND k.started_at < ${asOf}) AS overdue_s
        FROM complaints c LEFT JOIN yearly y ON y.id = c.id
        WHERE c.unit_id IN (SELECT id FROM fuel_units) AND c.received_at >= ${quarter.start} AND c.received_at < ${quarter.end}
      )
      SELECT unit_id, policy_version, level, valid, nth,
        CASE WHEN overdue_s > 0 THEN floor(overdue_s / 3600)::int END AS late_hours,
        count(*)::int AS count
      FROM q GROUP BY 1, 2, 3, 4, 5, 6`.execute(db),
  ]);

  return { specialists: specialists.rows, closure: closure.rows, timeliness: timeliness.rows, fuel: fuel.rows };
}
