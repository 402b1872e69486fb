/**
 * getKpis (R-RS-4, R-RS-3): quarterly KPI tables for an organisation subtree, aggregated in SQL and
 * scored by the pure domain/kpi. A specialist's units are the units under the specialist's org node.
 * Closure is read as of the quarter's end (the last 'closed' / 'reopened' event before it).
 */
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Deps } from '../context.ts';
import { asOfInstant, parseQuarter, REPORT_ZONE } from '../../domain/reports/periods.ts';
import {
  closureRate,
  monthTimelinessScore,
  quarterTimelinessScore,
  rankBy,
  S3_TIMELINESS_RULES,
  satisfactionAverage,
  stationPenalties,
  type FuelGroup,
  type MonthTimeliness,
} from '../../domain/kpi/index.ts';
import type { FuelLevel, FuelOverdue } from '../../domain/assessment/fuel-penalty.ts';
import { inList, loadSubtree } from './report-context.ts';

const n = (v: unknown) => Number(v ?? 0);
const FUEL_LEVELS: FuelLevel[] = ['level1', 'level2', 'level3'];

export async function getKpis(deps: Deps, q: { nodeId: string; quarter: string }) {
  const now = deps.now();
  const quarter = parseQuarter(q.quarter);
  const asOf = asOfInstant(quarter, now);
  const { root, nodes } = await loadSubtree(deps.db, q.nodeId);
  const scope = nodes.map((x) => x.id);
  const names = new Map(nodes.map((x) => [x.id, x.name]));
  const rules = S3_TIMELINESS_RULES;
  const months = [0, 1, 2].map((i) => DateTime.fromJSDate(quarter.start, { zone: REPORT_ZONE }).plus({ months: i }).toFormat('yyyy-MM'));
  const yearStart = DateTime.fromJSDate(quarter.start, { zone: REPORT_ZONE }).startOf('year').toJSDate();

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
    sql<{ id: string; name: string; org_node_id: string }>`
      WITH RECURSIVE ${specialistCte}
      SELECT DISTINCT u.id, u.name, u.org_node_id FROM spec_nodes s JOIN users u ON u.id = s.user_id
      WHERE s.node_id IN ${inList(scope)} ORDER BY u.name`.execute(deps.db),
    sql<{ user_id: string; valid_received: number; valid_closed: number; sat_count: number; sat_sum: number | null }>`
      WITH RECURSIVE ${specialistCte}
      SELECT user_id,
        count(*) FILTER (WHERE qualification = 'valid')::int AS valid_received,
        count(*) FILTER (WHERE qualification = 'valid' AND closed_asof)::int AS valid_closed,
        count(satisfaction)::int AS sat_count, sum(satisfaction)::int AS sat_sum
      FROM sc GROUP BY user_id`.execute(deps.db),
    sql<{ user_id: string; month: string; complaints: number; late_hours: number; late_completions: number; timely: number }>`
      WITH RECURSIVE ${specialistCte},
      t AS (
        SELECT sc.user_id, to_char(sc.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
          -- Mirrors domain/kpi hoursLate: whole started hours past the record limit, never negative.
          GREATEST(0, CEIL((EXTRACT(EPOCH FROM (sc.created_at - sc.received_at)) - ${rules.recordWithinMinutes * 60}) / 3600.0))::int AS late_hours,
          EXISTS (SELECT 1 FROM complaint_clocks k
            WHERE k.complaint_id = sc.id AND k.name IN ${inList(rules.completionClocks)} AND k.due_at < ${asOf}
              AND (k.met_at IS NULL OR k.met_at > k.due_at)) AS late_completion
        FROM sc
      )
      SELECT user_id, month, count(*)::int AS complaints, sum(late_hours)::int AS late_hours,
        count(*) FILTER (WHERE late_completion)::int AS late_completions,
        count(*) FILTER (WHERE late_hours = 0 AND NOT late_completion)::int AS timely
      FROM t GROUP BY user_id, month`.execute(deps.db),
    sql<{ unit_id: string; level: string | null; valid: boolean; escalated: boolean; overdue: FuelOverdue; count: number }>`
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
        SELECT c.unit_id, c.level, (c.qualification = 'valid') AS valid, COALESCE(y.nth >= 2, false) AS escalated,
          (SELECT max(EXTRACT(EPOCH FROM (COALESCE(LEAST(k.met_at, ${asOf}), ${asOf}) - k.due_at)))
            FROM complaint_clocks k WHERE k.complaint_id = c.id AND k.started_at < ${asOf}) AS overdue_s
        FROM complaints c LEFT JOIN yearly y ON y.id = c.id
        WHERE c.unit_id IN (SELECT id FROM fuel_units) AND c.received_at >= ${quarter.start} AND c.received_at < ${quarter.end}
      )
      SELECT unit_id, level, valid, escalated,
        CASE WHEN overdue_s >= 12 * 3600 THEN 'overdue_12h' WHEN overdue_s > 0 THEN 'overdue' ELSE 'none' END AS overdue,
        count(*)::int AS count
      FROM q GROUP BY 1, 2, 3, 4, 5`.execute(deps.db),
  ]);

  const closureBy = new Map(closure.rows.map((r) => [r.user_id, r]));
  const specialistRows = specialists.rows.map((s) => {
    const c = closureBy.get(s.id);
    const monthRows = months.map((month): MonthTimeliness & { month: string } => {
      const r = timeliness.rows.find((x) => x.user_id === s.id && x.month === month);
      return { month, complaints: n(r?.complaints), lateHours: n(r?.late_hours), lateCompletions: n(r?.late_completions), timely: n(r?.timely) };
    });
    return {
      userId: s.id,
      name: s.name,
      orgNodeId: s.org_node_id,
      validReceived: n(c?.valid_received),
      validClosed: n(c?.valid_closed),
      closureRate: closureRate({ validReceived: n(c?.valid_received), validClosed: n(c?.valid_closed) }),
      satisfactionAverage: satisfactionAverage(n(c?.sat_sum), n(c?.sat_count)),
      satisfactionCount: n(c?.sat_count),
      timeliness: {
        quarterScore: quarterTimelinessScore(monthRows, rules),
        months: monthRows.map((m) => ({ ...m, ...monthTimelinessScore(m, rules) })),
      },
    };
  });

  const groups: FuelGroup[] = fuel.rows.map((r) => ({
    stationId: r.unit_id,
    level: FUEL_LEVELS.includes(r.level as FuelLevel) ? (r.level as FuelLevel) : 'level3',
    valid: r.valid === true,
    escalated: r.escalated === true,
    overdue: r.overdue,
    count: n(r.count),
  }));
  const stations = stationPenalties(groups).map((s) => ({ ...s, stationName: names.get(s.stationId) ?? s.stationId }));

  return {
    ruleIds: ['R-RS-4', 'R-RS-3'],
    node: { id: root.id, name: root.name },
    quarter: { key: quarter.key, startDate: quarter.startDate, endDate: quarter.endDate, labelZh: quarter.labelZh },
    asOf: asOf.toISOString(),
    rules: { timeliness: rules },
    closureRanking: rankBy(specialistRows, (r) => r.closureRate).map(({ timeliness: _t, satisfactionAverage: _a, satisfactionCount: _c, ...r }) => r),
    timelinessRanking: rankBy(specialistRows, (r) => r.timeliness.quarterScore).map((r) => ({ userId: r.userId, name: r.name, score: r.timeliness.quarterScore, months: r.timeliness.months, rank: r.rank })),
    satisfactionRanking: rankBy(specialistRows, (r) => r.satisfactionAverage).map((r) => ({ userId: r.userId, name: r.name, average: r.satisfactionAverage, count: r.satisfactionCount, rank: r.rank })),
    fuelStations: rankBy(stations, (s) => s.totalYuan, false),
  };
}
