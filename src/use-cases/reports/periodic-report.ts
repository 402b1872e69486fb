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
import type { Db } from '../../data/complaint-store.ts';
import { insertReportSnapshotOnce, readReportSnapshot } from '../../data/reports/report-store.ts';
import { periodicReportRows } from '../../data/reports/periodic-report-store.ts';
import type { Deps } from '../context.ts';
import { PACKS } from '../../policies/index.ts';
import { asOfInstant, isClosed, periodContaining, type ReportKind, type ReportPeriod } from '../../domain/reports/periods.ts';
import { assemblePeriodicReport, STATUS_EVENT_TYPES, type CountRow, type PeriodicReport } from '../../domain/reports/periodic-report.ts';
import { loadSubtree, namingFor } from './report-context.ts';
import { agreedDueDate, packDueDates } from './report-schedules.ts';

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
  const report = await periodicReportAsStored(deps, q);
  // The due date is the packs' own for this period (issue #15), read now: a tuned day applies to old periods too.
  const dueDates = await packDueDates(deps, q.nodeId, report.period);
  return { ...report, period: { ...report.period, dueDate: agreedDueDate(dueDates), dueDates } };
}

async function periodicReportAsStored(deps: Deps, q: PeriodicReportQuery): Promise<PeriodicReportResult> {
  const now = deps.now();
  const period = periodContaining(q.kind, q.period);
  const { root, nodes } = await loadSubtree(deps.db, q.nodeId);
  return snapshotOnceClosed(deps.db, { kind: q.kind, nodeId: q.nodeId, periodKey: period.key }, period, now, () =>
    computeReport(
      deps.db,
      { id: root.id, name: root.name },
      nodes.map((n) => n.id),
      period,
      now,
      namingFor(nodes),
    ),
  );
}

type SnapshotKey = { kind: string; nodeId: string; periodKey: string };

/**
 * A period's report: computed at every reading while the period is open; once it has closed, computed at its
 * first reading and read from that snapshot afterwards. Two first readings at once: the first insert wins and
 * both answer with the stored one.
 */
export async function snapshotOnceClosed(
  db: Db,
  key: SnapshotKey,
  period: ReportPeriod,
  now: Date,
  compute: () => Promise<PeriodicReport>,
): Promise<PeriodicReportResult> {
  const closed = isClosed(period, now);
  if (closed) {
    const snap = await readSnapshot(db, key);
    if (snap) return snap;
  }
  const report = await compute();
  if (!closed) return { ...report, snapshotAt: null };
  await insertReportSnapshotOnce(db, key, report, now);
  return (await readSnapshot(db, key)) ?? { ...report, snapshotAt: now.toISOString() };
}

async function readSnapshot(db: Db, key: SnapshotKey): Promise<PeriodicReportResult | null> {
  const row = await readReportSnapshot(db, key);
  if (!row) return null;
  // A snapshot taken before causes were counted (migration 0034) has none.
  const stored = row.report as Omit<PeriodicReport, 'byCause'> & Partial<Pick<PeriodicReport, 'byCause'>>;
  return { ...stored, byCause: stored.byCause ?? [], snapshotAt: row.createdAt.toISOString() };
}

const n = (v: unknown) => Number(v ?? 0);

export async function computeReport(
  db: Db,
  node: { id: string; name: string },
  unitIds: string[],
  period: ReportPeriod,
  now: Date,
  naming: ReturnType<typeof namingFor>,
): Promise<PeriodicReport> {
  const asOf = asOfInstant(period, now);
  const {
    grouped: rows,
    clocks,
    items,
    causes,
  } = await periodicReportRows(db, {
    unitIds,
    period,
    asOf,
    countedLevels: PACKS.map((p) => ({ policyId: p.id, level: p.severity.defaultLevel })),
    statusEventTypes: STATUS_EVENT_TYPES,
  });
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
      overdue: n(clocks.find((r) => r.kind === 'overdue')?.total),
      repeat: n(total?.repeat),
      satisfactionCount: n(total?.sat_count),
      satisfactionSum: n(total?.sat_sum),
    },
    byChannel: pick('channel', (r) => r.channel),
    byCategory: pick('category', (r) => r.category_id),
    byLevel: pick('level', (r) => r.level),
    byUnit: pick('unit', (r) => r.unit_id),
    byCause: causes.map((r) => ({ key: r.cause_id, policyId: r.policy_id, count: n(r.count), closed: n(r.closed) })),
    clocks: clocks.flatMap((r) =>
      r.kind === 'clock' && r.name !== null
        ? [{ name: r.name, total: n(r.total), metOnTime: n(r.met_on_time), breached: n(r.breached) }]
        : [],
    ),
    items: items.map((r) => ({
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
