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
  timelinessFullScore,
  stationPenalties,
  type FuelGroup,
  type MonthTimeliness,
} from '../../domain/kpi/index.ts';
import { overdueTier } from '../../domain/assessment/fuel-penalty.ts';
import { getPack } from '../../policies/index.ts';
import { complaintPackVia, packAt, versionInForce } from '../policy/resolve-pack.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { loadSubtree } from './report-context.ts';
import { kpiRows } from '../../data/reports/kpi-store.ts';
import { hotlineFor } from './hotline-kpis.ts';

const n = (v: unknown) => Number(v ?? 0);

export async function getKpis(deps: Deps, q: { nodeId: string; quarter: string }) {
  const now = deps.now();
  const quarter = parseQuarter(q.quarter);
  const asOf = asOfInstant(quarter, now);
  const { root, nodes } = await loadSubtree(deps.db, q.nodeId);
  const scope = nodes.map((x) => x.id);
  const names = new Map(nodes.map((x) => [x.id, x.name]));
  // The full score is the packs' setting (issue #15 item 9): the packs in force now at the report's units.
  const config = await configSnapshot(deps.db);
  const settings = nodes
    .filter((x) => x.kind === 'unit' && x.policyId)
    .map((u) => packAt(config, u.id, u.policyId!, versionInForce(config, u.id, u.policyId!))?.kpi?.timelinessFullScore);
  const full = timelinessFullScore(settings);
  const rules = { ...S3_TIMELINESS_RULES, fullScore: full.fullScore };
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

  // Each group is assessed with the penalty table of the pack its complaints were received under (issue #15
  // item 1): the overdue tier, the repeat threshold and the amounts are the tuned table's.
  const shipped = getPack('fuel-retail').penalties!;
  const groups: FuelGroup[] = [];
  for (const r of fuel) {
    const pack = await complaintPackVia(deps.db, { unit_id: r.unit_id, policy_id: 'fuel-retail', policy_version: n(r.policy_version) });
    const penalties = pack?.penalties ?? shipped;
    const levels = penalties.byLevel.map((b) => b.level);
    const lowest = [...(pack?.severity.levels ?? [])].sort((a, b) => a.rank - b.rank).find((l) => levels.includes(l.id))?.id ?? levels[0];
    const repeatFrom = penalties.repeatAtStation?.nthValidComplaintInYear;
    groups.push({
      stationId: r.unit_id,
      // A complaint without a level of the table counts at the pack's lowest level.
      level: r.level !== null && levels.includes(r.level) ? r.level : lowest,
      valid: r.valid === true,
      escalated: r.nth !== null && repeatFrom !== undefined && n(r.nth) >= repeatFrom,
      overdue: overdueTier(penalties, r.late_hours === null ? null : n(r.late_hours)),
      count: n(r.count),
      penalties,
    });
  }
  const stations = stationPenalties(groups, shipped).map((s) => ({ ...s, stationName: names.get(s.stationId) ?? s.stationId }));

  return {
    ruleIds: ['R-RS-4', 'R-RS-3'],
    node: { id: root.id, name: root.name },
    quarter: { key: quarter.key, startDate: quarter.startDate, endDate: quarter.endDate, labelZh: quarter.labelZh },
    asOf: asOf.toISOString(),
    rules: { timeliness: { ...rules, fullScoreAssumed: full.fullScoreAssumed } },
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
    // Issue #15 item 7: the S3 sheet's hotline figures Plaint computes from its own records.
    hotline: await hotlineFor(deps.db, nodes, quarter, asOf),
  };
}
