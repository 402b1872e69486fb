/**
 * getPeriodicReport (R-RP-1, R-NT-1): SQL aggregates over the complaints of an organisation subtree
 * received in the period, assembled by the pure domain/reports/periodic-report.ts.
 *
 * Reproducibility of a closed period — two mechanisms, each for what it can do:
 * 1. Facts are read *as of the period end*: membership by received_at; closed / open by the last
 *    'closed' or 'reopened' event before the end; overdue and time-limit compliance from the clocks'
 *    due_at / met_at compared with the end; an itemised complaint's status from its last
 *    status-bearing event before the end. A later closure or reopening does not move these figures.
 * 2. The first reading of a closed period is snapshotted (report_snapshots) and served from then on.
 *    This covers what (1) cannot: columns without a cheap history (current level, qualification,
 *    category, repeat_count, satisfaction) and complaints logged late with a received_at inside the
 *    period. A report handed in on the 3rd must read the same on the 30th.
 * An open (running) period is computed afresh on every request, as of `now`.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../data/schema.ts';
import type { Deps } from '../context.ts';
import { PACKS } from '../../policies/index.ts';
import { asOfInstant, isClosed, periodContaining, type ReportKind, type ReportPeriod } from '../../domain/reports/periods.ts';
import { assemblePeriodicReport, STATUS_EVENT_TYPES, type CountRow, type PeriodicReport } from '../../domain/reports/periodic-report.ts';
import { inList, loadSubtree, namingFor } from './report-context.ts';

export interface PeriodicReportQuery {
  nodeId: string;
  kind: ReportKind;
  /** Any local date (YYYY-MM-DD, Asia/Shanghai) inside the period. */
  period: string;
}

export interface PeriodicReportResult extends PeriodicReport {
  /** Set when the figures come from the snapshot taken at the first reading of a closed period. */
  snapshotAt: string | null;
}

export async function getPeriodicReport(deps: Deps, q: PeriodicReportQuery): Promise<PeriodicReportResult> {
  const now = deps.now();
  const period = periodContaining(q.kind, q.period);
  const { root, nodes } = await loadSubtree(deps.db, q.nodeId);
  const closed = isClosed(period, now);
  if (closed) {
    const snap = await readSnapshot(deps.db, q.kind, q.nodeId, period.key);
    if (snap) return snap;
  }
  const report = await computeReport(deps.db, { id: root.id, name: root.name }, nodes.map((n) => n.id), period, now, namingFor(nodes));
  if (!closed) return { ...report, snapshotAt: null };
  // Two first readings at once: the first insert wins and both answer with the stored one.
  await deps.db
    .insertInto('report_snapshots')
    .values({ kind: q.kind, node_id: q.nodeId, period_key: period.key, report: JSON.stringify(report), created_at: now })
    .onConflict((oc) => oc.columns(['kind', 'node_id', 'period_key']).doNothing())
    .execute();
  return (await readSnapshot(deps.db, q.kind, q.nodeId, period.key)) ?? { ...report, snapshotAt: now.toISOString() };
}

async function readSnapshot(db: Kysely<DB>, kind: string, nodeId: string, key: string): Promise<PeriodicReportResult | null> {
  const row = await db
    .selectFrom('report_snapshots')
    .select(['report', 'created_at'])
    .where('kind', '=', kind)
    .where('node_id', '=', nodeId)
    .where('period_key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  const report = (typeof row.report === 'string' ? JSON.parse(row.report) : row.report) as PeriodicReport;
  return { ...report, snapshotAt: new Date(row.created_at).toISOString() };
}

const n = (v: unknown) => Number(v ?? 0);

/** Pairs (policy_id, default level) of every shipped pack: complaints at these levels are counted, not itemised. */
function defaultLevelPairs() {
  return sql.join(PACKS.map((p) => sql`(${p.id}, ${p.severity.defaultLevel})`));
}

export async function computeReport(
  db: Kysely<DB>,
  node: { id: string; name: string },
  unitIds: string[],
  period: ReportPeriod,
  now: Date,
  naming: ReturnType<typeof namingFor>,
): Promise<PeriodicReport> {
  const asOf = asOfInstant(period, now);
  // The complaints of the report, with their state as of `asOf`. Driven by complaints_unit_received_idx.
  const base = sql`
    base AS (
      SELECT c.id, c.unit_id, c.policy_id, c.channel, c.category_id, c.level, c.qualification, c.repeat_count, c.satisfaction,
        COALESCE((
          SELECT e.type = 'closed' FROM complaint_events e
          WHERE e.complaint_id = c.id AND e.type IN ('closed', 'reopened') AND e.at < ${asOf}
          ORDER BY e.seq DESC LIMIT 1), false) AS closed_asof
      FROM complaints c
      WHERE c.unit_id IN ${inList(unitIds)} AND c.received_at >= ${period.start} AND c.received_at < ${period.end}
    ),
    facts AS (
      SELECT b.*, (NOT b.closed_asof AND EXISTS (
          SELECT 1 FROM complaint_clocks k
          WHERE k.complaint_id = b.id AND k.started_at < ${asOf} AND k.due_at < ${asOf}
            AND k.state <> 'paused' AND (k.met_at IS NULL OR k.met_at >= ${asOf}))) AS overdue_asof
      FROM base b
    )`;

  const [grouped, clocks, items] = await Promise.all([
    sql<{
      dim: string; channel: string | null; policy_id: string | null; category_id: string | null; level: string | null; unit_id: string | null;
      count: number; closed: number; valid: number; invalid: number; suggestion: number; unqualified: number; overdue: number; repeat: number;
      sat_count: number; sat_sum: number | null;
    }>`
      WITH ${base}
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
        count(*) FILTER (WHERE overdue_asof)::int AS overdue,
        count(*) FILTER (WHERE repeat_count > 0)::int AS repeat,
        count(satisfaction)::int AS sat_count,
        sum(satisfaction)::int AS sat_sum
      FROM facts
      GROUP BY GROUPING SETS ((channel), (policy_id, category_id), (policy_id, level), (unit_id), ())`.execute(db),
    sql<{ name: string; total: number; met_on_time: number; breached: number }>`
      WITH ${base}
      SELECT k.name, count(*)::int AS total,
        count(*) FILTER (WHERE k.met_at IS NOT NULL AND k.met_at < ${asOf} AND k.met_at <= k.due_at)::int AS met_on_time,
        count(*) FILTER (WHERE k.due_at < ${asOf} AND NOT (k.met_at IS NOT NULL AND k.met_at < ${asOf} AND k.met_at <= k.due_at))::int AS breached
      FROM base b JOIN complaint_clocks k ON k.complaint_id = b.id
      WHERE k.started_at < ${asOf}
      GROUP BY k.name`.execute(db),
    sql<{
      id: string; code: string; title: string; unit_id: string; policy_id: string; level: string; received_at: Date | string; category_id: string | null;
      conclusion: string | null; reply_message: string | null; last_event: string | null;
    }>`
      SELECT c.id, c.code, c.title, c.unit_id, c.policy_id, c.level, c.received_at, c.category_id,
        c.report->>'conclusion' AS conclusion, c.reply->>'message' AS reply_message,
        (SELECT e.type FROM complaint_events e
          WHERE e.complaint_id = c.id AND e.type IN ${inList(STATUS_EVENT_TYPES)} AND e.at < ${asOf}
          ORDER BY e.seq DESC LIMIT 1) AS last_event
      FROM complaints c
      WHERE c.unit_id IN ${inList(unitIds)} AND c.received_at >= ${period.start} AND c.received_at < ${period.end}
        AND c.level IS NOT NULL AND (c.policy_id, c.level) NOT IN (${defaultLevelPairs()})
      ORDER BY c.received_at, c.id
      LIMIT 1000`.execute(db),
  ]);

  const rows = grouped.rows;
  const total = rows.find((r) => r.dim === 'total');
  const pick = (dim: string, key: (r: (typeof rows)[number]) => string | null): CountRow[] =>
    rows.filter((r) => r.dim === dim).map((r) => ({ key: key(r), policyId: r.policy_id, count: n(r.count), closed: n(r.closed) }));

  return assemblePeriodicReport({
    node,
    period,
    asOf,
    generatedAt: now,
    totals: {
      received: n(total?.count),
      valid: n(total?.valid),
      invalid: n(total?.invalid),
      suggestion: n(total?.suggestion),
      unqualified: n(total?.unqualified),
      closed: n(total?.closed),
      overdue: n(total?.overdue),
      repeat: n(total?.repeat),
      satisfactionCount: n(total?.sat_count),
      satisfactionSum: n(total?.sat_sum),
    },
    byChannel: pick('channel', (r) => r.channel),
    byCategory: pick('category', (r) => r.category_id),
    byLevel: pick('level', (r) => r.level),
    byUnit: pick('unit', (r) => r.unit_id),
    clocks: clocks.rows.map((r) => ({ name: r.name, total: n(r.total), metOnTime: n(r.met_on_time), breached: n(r.breached) })),
    items: items.rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      unitId: r.unit_id,
      policyId: r.policy_id,
      level: r.level,
      lastEventType: r.last_event,
      receivedAt: new Date(r.received_at),
      categoryId: r.category_id,
      conclusion: r.conclusion,
      replyMessage: r.reply_message,
    })),
    naming,
  });
}
