/**
 * The three statements of a periodic report (R-RP-1) over the complaints of some units received in a
 * period, read as of `asOf`: counts grouped by channel, category, level and unit; the clocks' time
 * limits and the overdue total; the itemised complaints. Assembled by domain/reports/periodic-report.ts
 * (through use-cases/reports/periodic-report.ts).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../complaint-store.ts';
import { inList } from './report-store.ts';

export interface GroupedCountRow {
  dim: string;
  channel: string | null;
  policy_id: string | null;
  category_id: string | null;
  level: string | null;
  unit_id: string | null;
  count: number;
  closed: number;
  valid: number;
  invalid: number;
  suggestion: number;
  unqualified: number;
  repeat: number;
  sat_count: number;
  sat_sum: number | null;
}

export interface ClockCountRow {
  kind: 'clock' | 'overdue';
  name: string | null;
  total: number;
  met_on_time: number;
  breached: number;
}

export interface ItemRow {
  id: string;
  code: string;
  title: string;
  unit_id: string;
  policy_id: string;
  level: string;
  received_at: Date | string;
  category_id: string | null;
  conclusion: string | null;
  reply_message: string | null;
  last_event: string | null;
}

export interface CauseCountRow {
  policy_id: string;
  cause_id: string;
  count: number;
  closed: number;
}

export interface PeriodicReportRows {
  grouped: GroupedCountRow[];
  /** Complaints per investigation cause (S0 food §5), from the partial index of migration 0034. */
  causes: CauseCountRow[];
  clocks: ClockCountRow[];
  items: ItemRow[];
}

export interface PeriodicReportScope {
  unitIds: readonly string[];
  period: { start: Date; end: Date };
  asOf: Date;
  /** (pack, level) pairs counted but not itemised: each pack's default level. */
  countedLevels: readonly { policyId: string; level: string }[];
  /** The event types that set a complaint's status, for an itemised complaint's status as of `asOf`. */
  statusEventTypes: readonly string[];
}

function defaultLevelPairs(pairs: PeriodicReportScope['countedLevels']) {
  return sql.join(pairs.map((p) => sql`(${p.policyId}, ${p.level})`));
}

export async function periodicReportRows(db: Db, opts: PeriodicReportScope): Promise<PeriodicReportRows> {
  const { unitIds, period, asOf } = opts;
  // The complaints of the report. Every column the aggregates read is in complaints_report_idx, so the
  // period's rows are read from the index alone instead of one heap page per complaint (0010).
  const inPeriod = sql`c.unit_id IN ${inList(unitIds)} AND c.received_at >= ${period.start} AND c.received_at < ${period.end}`;
  // Closed as of `asOf`: the last 'closed' or 'reopened' event before it. One probe of the small partial
  // complaint_events_closure_idx per complaint, never the complaint's other events (0010).
  const closedAsOf = (complaintId: RawBuilder<unknown>) => sql`COALESCE((
    SELECT e.type = 'closed' FROM complaint_events e
    WHERE e.complaint_id = ${complaintId} AND e.type IN ('closed', 'reopened') AND e.at < ${asOf}
    ORDER BY e.seq DESC LIMIT 1), false)`;

  // Three independent statements: on PostgreSQL each takes its own pooled connection and they run side by
  // side; PGlite's single connection takes them in turn.
  const [grouped, clocks, items, causes] = await Promise.all([
    sql<GroupedCountRow>`
      WITH base AS (
        SELECT c.unit_id, c.policy_id, c.channel, c.category_id, c.level, c.qualification, c.repeat_count, c.satisfaction,
          ${closedAsOf(sql.ref('c.id'))} AS closed_asof
        FROM complaints c
        WHERE ${inPeriod}
      )
      SELECT
        CASE WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(category_id) = 0 THEN 'category'
             WHEN GROUPING(level) = 0 THEN 'level' WHEN GROUPING(unit_id) = 0 THEN 'unit' ELSE 'total' END AS dim,
        channel, policy_id, category_id, level, unit_id,
        count(*)::int AS count,
        count(*) FILTER (WHERE closed_asof)::int AS closed,
        count(*) FILTER (WHERE qualification = 'valid')::int AS valid,
        count(*) FILTER (WHERE qualification = 'invalid')::int AS invalid,
        count(*) FILTER (WHERE qualification = 'suggestion')::int AS suggestion,
        count(*) FILTER (WHERE qualification IS NULL)::int AS unqualified,
        count(*) FILTER (WHERE repeat_count > 0)::int AS repeat,
        count(satisfaction)::int AS sat_count,
        sum(satisfaction)::int AS sat_sum
      FROM base
      GROUP BY GROUPING SETS ((channel), (policy_id, category_id), (policy_id, level), (unit_id), ())`.execute(db),
    // Time limits per clock name, and the overdue total (only the total is reported): a complaint is overdue
    // as of `asOf` when it is still open then and one of its clocks is past due, not paused and not met.
    // Both come from one pass over the period's clocks; the closure probe is needed only for the
    // complaints with such a clock.
    sql<ClockCountRow>`
      WITH kc AS MATERIALIZED (
        SELECT k.complaint_id, k.name,
          (k.met_at IS NOT NULL AND k.met_at < ${asOf} AND k.met_at <= k.due_at) AS met_on_time,
          k.due_at < ${asOf} AS due,
          (k.due_at < ${asOf} AND k.state <> 'paused' AND (k.met_at IS NULL OR k.met_at >= ${asOf})) AS overdue
        FROM complaints c JOIN complaint_clocks k ON k.complaint_id = c.id
        WHERE ${inPeriod} AND k.started_at < ${asOf}
      )
      SELECT 'clock' AS kind, name, count(*)::int AS total,
        count(*) FILTER (WHERE met_on_time)::int AS met_on_time,
        count(*) FILTER (WHERE due AND NOT met_on_time)::int AS breached
      FROM kc GROUP BY name
      UNION ALL
      SELECT 'overdue', NULL, count(*)::int, 0, 0
      FROM (SELECT DISTINCT complaint_id FROM kc WHERE overdue) o
      WHERE NOT ${closedAsOf(sql.ref('o.complaint_id'))}`.execute(db),
    // The itemised complaints are picked from the index (level and pack are in it) before any heap row is
    // read, so only the ≤ 1000 listed complaints are fetched in full.
    sql<ItemRow>`
      WITH picked AS (
        SELECT c.id FROM complaints c
        WHERE ${inPeriod} AND c.level IS NOT NULL AND (c.policy_id, c.level) NOT IN (${defaultLevelPairs(opts.countedLevels)})
        ORDER BY c.received_at, c.id
        LIMIT 1000
      )
      SELECT c.id, c.code, c.title, c.unit_id, c.policy_id, c.level, c.received_at, c.category_id,
        c.report->>'conclusion' AS conclusion, c.reply->>'message' AS reply_message,
        (SELECT e.type FROM complaint_events e
          WHERE e.complaint_id = c.id AND e.type IN ${inList(opts.statusEventTypes)} AND e.at < ${asOf}
          ORDER BY e.seq DESC LIMIT 1) AS last_event
      FROM picked p JOIN complaints c ON c.id = p.id
      ORDER BY c.received_at, c.id`.execute(db),
    // Only complaints whose report names a cause are read (complaints_cause_idx, 0034), so the packs
    // without causes cost nothing here.
    sql<CauseCountRow>`
      SELECT c.policy_id, c.report->>'causeId' AS cause_id, count(*)::int AS count,
        count(*) FILTER (WHERE ${closedAsOf(sql.ref('c.id'))})::int AS closed
      FROM complaints c
      WHERE ${inPeriod} AND c.report ? 'causeId'
      GROUP BY c.policy_id, c.report->>'causeId'`.execute(db),
  ]);

  return { grouped: grouped.rows, clocks: clocks.rows, items: items.rows, causes: causes.rows };
}
