/**
 * A pack's report schedules made live (R-RP-1; issue #15 item 1): the reports page lists each schedule of
 * the packs under a node with its period and due date (src/domain/reports/schedules.ts), the report of a
 * schedule is produced over that pack's units only, and the sweeper sends each schedule's due reminder
 * to its recipient position once per unit and period (report_reminders, migration 0034).
 */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../context.ts';
import { configSnapshot, type ConfigSnapshot } from '../../data/config-cache.ts';
import { inTransaction } from '../../data/transaction.ts';
import { insertReminderNotifications } from '../../data/casework/progress-store.ts';
import { insertOutbox } from '../../data/outbox-store.ts';
import {
  claimReportReminder,
  reminderKey,
  remindersOf,
  sentReminderKeys,
  type ReminderKey,
} from '../../data/reports/report-reminder-store.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { resolveRecipients, recipientRows } from '../../domain/notifications/resolve-recipients.ts';
import type { ReportKind, ReportPeriod } from '../../domain/reports/periods.ts';
import {
  nextDuePeriod,
  periodContainingDate,
  previousDuePeriod,
  reminderOwed,
  todayLocal,
  type ScheduleDue,
  type ScheduledPeriod,
} from '../../domain/reports/schedules.ts';
import { REPORT_DUE_KIND, reminderSubject, reportReminderOutbox } from '../../domain/reports/report-reminder.ts';
import type { PeriodicReport } from '../../domain/reports/periodic-report.ts';
import type { Pack, ReportSchedule } from '../../policies/index.ts';
import { packAt, versionInForce } from '../policy/resolve-pack.ts';
import { computeReport, snapshotOnceClosed } from './periodic-report.ts';
import { loadSubtree, namingFor } from './report-context.ts';

type Unit = { id: string; name: string; policyId: string };

/** The units in service under (or at) a node, with the pack each follows. */
function unitsUnder(config: ConfigSnapshot, nodeId: string): Unit[] {
  return config.subtree(nodeId).flatMap((id) => {
    const n = config.node(id) as ({ disabled?: boolean } & ReturnType<ConfigSnapshot['node']>) | undefined;
    return n && n.kind === 'unit' && n.policy_id && !n.disabled ? [{ id: n.id, name: n.name, policyId: n.policy_id }] : [];
  });
}

/** A unit's pack as in force now (tuned overrides apply), or undefined when it no longer loads. */
function packOfUnit(config: ConfigSnapshot, unit: Unit): Pack | undefined {
  try {
    return packAt(config, unit.id, unit.policyId, versionInForce(config, unit.id, unit.policyId));
  } catch {
    return undefined;
  }
}

const periodic = (s: ReportSchedule): s is ReportSchedule & { due: ScheduleDue } => s.due.kind !== 'at_closure';

/** The report kind whose figures a schedule's period resembles (the report's `period.kind`). */
function kindOf(due: ScheduleDue): ReportKind {
  if (due.kind === 'monthly') return due.period === 'current_month' && due.through !== undefined ? 'half_monthly' : 'monthly';
  return due.kind;
}

export interface ScheduleListItem {
  policyId: string;
  scheduleId: string;
  ruleId: string;
  name: string;
  nameZh: string;
  recipientRole: string | null;
  recipientZh: string | null;
  due: ReportSchedule['due'];
  /** The report due next (null for a report made at a complaint's closure). */
  next: (ScheduledPeriodView & { reminded: number }) | null;
  /** The one before it, for producing a closed period's report. */
  previous: ScheduledPeriodView | null;
  /** Units under the node that follow this pack. */
  units: number;
}

export type ScheduledPeriodView = Omit<ScheduledPeriod, 'start' | 'end' | 'dueBy'> & { start: string; end: string };

function periodView(p: ScheduledPeriod): ScheduledPeriodView {
  const { start, end, dueBy: _d, ...rest } = p;
  return { ...rest, start: start.toISOString(), end: end.toISOString() };
}

/** Every schedule of the packs followed under `nodeId`, with its next period and due date on `date` (default today). */
export async function listReportSchedules(
  deps: Deps,
  q: { nodeId: string; date?: string },
): Promise<{ date: string; schedules: ScheduleListItem[] }> {
  await loadSubtree(deps.db, q.nodeId);
  const config = await configSnapshot(deps.db);
  const date = q.date ?? todayLocal(deps.now());
  const units = unitsUnder(config, q.nodeId);
  // One entry per pack: the pack of the first unit that follows it (a tuned day applies where it is tuned).
  const byPack = new Map<string, { pack: Pack; units: Unit[] }>();
  for (const u of units) {
    const entry = byPack.get(u.policyId);
    if (entry) entry.units.push(u);
    else {
      const pack = packOfUnit(config, u);
      if (pack) byPack.set(u.policyId, { pack, units: [u] });
    }
  }
  const items: ScheduleListItem[] = [];
  const sentKeys: { unitIds: string[]; periodKeys: string[] } = { unitIds: units.map((u) => u.id), periodKeys: [] };
  for (const { pack, units: its } of byPack.values()) {
    for (const s of pack.reports) {
      const position = s.recipientRole ? pack.positions.find((p) => p.id === s.recipientRole) : undefined;
      const base = {
        policyId: pack.id,
        scheduleId: s.id,
        ruleId: s.ruleId,
        name: s.name,
        nameZh: s.nameZh,
        recipientRole: s.recipientRole ?? null,
        recipientZh: position?.nameZh ?? null,
        due: s.due,
        units: its.length,
      };
      if (!periodic(s)) {
        items.push({ ...base, next: null, previous: null });
        continue;
      }
      const next = nextDuePeriod(s.due, date);
      sentKeys.periodKeys.push(next.key);
      items.push({ ...base, next: { ...periodView(next), reminded: 0 }, previous: periodView(previousDuePeriod(s.due, next)) });
    }
  }
  const sent = await remindersOf(deps.db, sentKeys.unitIds, sentKeys.periodKeys);
  for (const item of items) {
    if (item.next)
      item.next.reminded = sent.filter(
        (r) => r.policy_id === item.policyId && r.schedule_id === item.scheduleId && r.period_key === item.next!.key,
      ).length;
  }
  return { date, schedules: items };
}

export interface ScheduledReportQuery {
  nodeId: string;
  policyId: string;
  scheduleId: string;
  /** Any local date inside the period (YYYY-MM-DD). */
  period: string;
}

/**
 * The due dates the packs followed under a node set for exactly `period` (issue #15): a schedule counts
 * when its own period covers the same days (Vanke's monthly report and S1's statistics both cover the
 * calendar month, due the 3rd and the 5th; the second half of a month has no seed date). Nothing is
 * borrowed: a node whose packs set none has none.
 */
export async function packDueDates(
  deps: Deps,
  nodeId: string,
  period: { startDate: string; endDate: string },
): Promise<{ policyId: string; scheduleId: string; dueDate: string }[]> {
  const config = await configSnapshot(deps.db);
  const seen = new Set<string>();
  const out: { policyId: string; scheduleId: string; dueDate: string }[] = [];
  for (const unit of unitsUnder(config, nodeId)) {
    if (seen.has(unit.policyId)) continue;
    seen.add(unit.policyId);
    const pack = packOfUnit(config, unit);
    for (const s of pack?.reports ?? []) {
      if (!periodic(s)) continue;
      const p = dueWithinCalendar(() => periodContainingDate(s.due, period.startDate));
      if (p && p.startDate === period.startDate && p.endDate === period.endDate)
        out.push({ policyId: unit.policyId, scheduleId: s.id, dueDate: p.dueDate });
    }
  }
  return out.sort((a, b) => a.policyId.localeCompare(b.policyId) || a.scheduleId.localeCompare(b.scheduleId));
}

/** The period, or null when its due date would fall after 9999-12-31 (a report of the calendar's last days). */
function dueWithinCalendar(compute: () => ScheduledPeriod): ScheduledPeriod | null {
  try {
    return compute();
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION') return null;
    throw e;
  }
}

/** The one due date all the packs agree on, or null. */
export function agreedDueDate(dates: readonly { dueDate: string }[]): string | null {
  const distinct = new Set(dates.map((d) => d.dueDate));
  return distinct.size === 1 ? [...distinct][0]! : null;
}

/**
 * The periodic report of one schedule, over the units under the node that follow its pack, for the period
 * containing `period`. A closed period is snapshotted at its first reading, as the other reports are.
 */
export async function getScheduledReport(
  deps: Deps,
  q: ScheduledReportQuery,
): Promise<PeriodicReport & { snapshotAt: string | null; schedule: { policyId: string; id: string; nameZh: string } }> {
  const now = deps.now();
  const { root, nodes } = await loadSubtree(deps.db, q.nodeId);
  const config = await configSnapshot(deps.db);
  const units = unitsUnder(config, q.nodeId).filter((u) => u.policyId === q.policyId);
  if (!units.length) throw invalid('policyId', `no unit under '${q.nodeId}' follows policy '${q.policyId}'`);
  const pack = packOfUnit(config, units[0]!);
  const schedule = pack?.reports.find((s) => s.id === q.scheduleId);
  if (!schedule) throw notFound(`report schedule '${q.scheduleId}' in policy '${q.policyId}'`);
  if (!periodic(schedule)) throw invalid('scheduleId', `'${q.scheduleId}' is made at a complaint's closure, not for a period`);
  const sp = periodContainingDate(schedule.due, q.period);
  const period: ReportPeriod = { ...sp, kind: kindOf(schedule.due) };
  const due = { dueDate: sp.dueDate, dueDates: [{ policyId: q.policyId, scheduleId: schedule.id, dueDate: sp.dueDate }] };
  const ref = { policyId: q.policyId, id: schedule.id, nameZh: schedule.nameZh };
  const snapKey = { kind: `schedule:${q.policyId}:${schedule.id}`, nodeId: q.nodeId, periodKey: sp.key };
  const report = await snapshotOnceClosed(deps.db, snapKey, period, now, () =>
    computeReport(
      deps.db,
      { id: root.id, name: root.name },
      units.map((u) => u.id),
      period,
      now,
      namingFor(nodes),
    ),
  );
  // The due date is the schedule's own, read now (a tuned pack may have moved it since the snapshot).
  return { ...report, period: { ...report.period, ...due }, schedule: ref };
}

/**
 * The due reminders owed now: for every unit in service and every periodic schedule of its pack with a
 * recipient position, the report due next gets one notification from its remind date through its due
 * date. Each is claimed in report_reminders in the transaction that stores it, so two processes sweeping
 * at once write it once. Returns how many were sent.
 */
export async function remindReportSchedules(deps: Deps, deadline = Infinity): Promise<number> {
  const now = deps.now();
  const today = todayLocal(now);
  const config = await configSnapshot(deps.db);
  const owed: { unit: Unit; pack: Pack; schedule: ReportSchedule & { due: ScheduleDue }; period: ScheduledPeriod; key: ReminderKey }[] = [];
  for (const unit of config.units().flatMap((n) => unitsUnder(config, n.id))) {
    const pack = packOfUnit(config, unit);
    if (!pack) continue;
    for (const s of pack.reports) {
      if (!periodic(s) || !s.recipientRole) continue;
      const period = nextDuePeriod(s.due, today);
      if (!reminderOwed(period, now)) continue;
      owed.push({ unit, pack, schedule: s, period, key: { unitId: unit.id, policyId: pack.id, scheduleId: s.id, periodKey: period.key } });
    }
  }
  const sent = await sentReminderKeys(
    deps.db,
    owed.map((o) => o.key),
  );
  let count = 0;
  let attempted = 0;
  for (const o of owed.filter((x) => !sent.has(reminderKey(x.key)))) {
    if (attempted > 0 && performance.now() >= deadline) break;
    attempted++;
    const done = await inTransaction(deps.db, async (trx) => {
      const ref = {
        policyId: o.pack.id,
        id: o.schedule.id,
        ruleId: o.schedule.ruleId,
        nameZh: o.schedule.nameZh,
        recipientRole: o.schedule.recipientRole!,
      };
      const [note] = resolveRecipients(
        [
          {
            recipientRole: ref.recipientRole,
            kind: REPORT_DUE_KIND,
            ruleId: ref.ruleId,
            subject: reminderSubject(ref, o.period),
            dueAt: o.period.dueBy.toISOString(),
          },
        ],
        config.addressBook(o.unit.id),
        randomUUID,
      );
      if (!(await claimReportReminder(trx, { ...o.key, dueDate: o.period.dueDate, notificationId: note!.id, now }))) return false;
      await insertReminderNotifications(
        trx,
        [
          {
            id: note!.id,
            complaint_id: null,
            recipient_role: note!.positionId,
            org_node_id: o.unit.id,
            kind: note!.kind,
            rule_id: note!.ruleId,
            subject: note!.subject,
            due_at: note!.dueAt,
          },
        ],
        recipientRows([note!]),
      );
      const company = config.companyOf(o.unit.id);
      await insertOutbox(
        trx,
        reportReminderOutbox(
          note!,
          {
            unitName: o.unit.name,
            channels: company ? config.channels(company.id) : [],
            baseUrl: deps.publicUrl ?? '',
            scheduleName: o.schedule.nameZh,
          },
          now,
        ),
      );
      return true;
    });
    if (done) count++;
  }
  return count;
}
