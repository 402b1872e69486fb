/**
 * getKpis (R-RS-4, R-RS-3): quarterly KPI tables for an organisation subtree, aggregated in SQL
 * (data/reports/kpi-store.ts) and scored by the pure domain/kpi. A specialist's units are the units under
 * the specialist's org node. Closure is read as of the quarter's end (the last 'closed' / 'reopened' event before it).
 */
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
import type { FuelLevel } from '../../domain/assessment/fuel-penalty.ts';
import { loadSubtree } from './report-context.ts';
import { kpiRows } from '../../data/reports/kpi-store.ts';

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

  const { specialists, closure, timeliness, fuel } = await kpiRows(deps.db, {
    scope,
    quarter,
    asOf,
    yearStart,
    recordWithinMinutes: rules.recordWithinMinutes,
    completionClocks: rules.completionClocks,
  });

  const closureBy = new Map(closure.map((r) => [r.user_id, r]));
  const specialistRows = specialists.map((s) => {
    const c = closureBy.get(s.id);
    const monthRows = months.map((month): MonthTimeliness & { month: string } => {
      const r = timeliness.find((x) => x.user_id === s.id && x.month === month);
      return {
        month,
        complaints: n(r?.complaints),
        lateHours: n(r?.late_hours),
        lateCompletions: n(r?.late_completions),
        timely: n(r?.timely),
      };
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

  const groups: FuelGroup[] = fuel.map((r) => ({
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
    closureRanking: rankBy(specialistRows, (r) => r.closureRate).map(
      ({ timeliness: _t, satisfactionAverage: _a, satisfactionCount: _c, ...r }) => r,
    ),
    timelinessRanking: rankBy(specialistRows, (r) => r.timeliness.quarterScore).map((r) => ({
      userId: r.userId,
      name: r.name,
      score: r.timeliness.quarterScore,
      months: r.timeliness.months,
      rank: r.rank,
    })),
    satisfactionRanking: rankBy(specialistRows, (r) => r.satisfactionAverage).map((r) => ({
      userId: r.userId,
      name: r.name,
      average: r.satisfactionAverage,
      count: r.satisfactionCount,
      rank: r.rank,
    })),
    fuelStations: rankBy(stations, (s) => s.totalYuan, false),
  };
}
