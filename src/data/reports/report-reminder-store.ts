/**
 * Report schedules' due reminders (issue #15 item 1; migration 0034): which are already sent, and the claim
 * that makes a reminder once per schedule, unit and period across processes.
 */
import { sql } from 'kysely';
import type { Db } from '../complaint-store.ts';

export interface ReminderKey {
  unitId: string;
  policyId: string;
  scheduleId: string;
  periodKey: string;
}

const keyOf = (k: ReminderKey) => `${k.unitId}|${k.policyId}|${k.scheduleId}|${k.periodKey}`;

/** The keys among `keys` whose reminder is already stored (one read for a whole pass). */
export async function sentReminderKeys(db: Db, keys: readonly ReminderKey[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db
    .selectFrom('report_reminders')
    .select(['unit_id', 'policy_id', 'schedule_id', 'period_key'])
    .where('unit_id', 'in', [...new Set(keys.map((k) => k.unitId))])
    .where('period_key', 'in', [...new Set(keys.map((k) => k.periodKey))])
    .execute();
  return new Set(rows.map((r) => keyOf({ unitId: r.unit_id, policyId: r.policy_id, scheduleId: r.schedule_id, periodKey: r.period_key })));
}

export { keyOf as reminderKey };

/** Claims the reminder; false when another process (or an earlier pass) already has. */
export async function claimReportReminder(
  trx: Db,
  k: ReminderKey & { dueDate: string; notificationId: string | null; now: Date },
): Promise<boolean> {
  const r = await sql<{ unit_id: string }>`
    INSERT INTO report_reminders (policy_id, schedule_id, unit_id, period_key, due_date, notification_id, created_at)
    VALUES (${k.policyId}, ${k.scheduleId}, ${k.unitId}, ${k.periodKey}, ${k.dueDate}, ${k.notificationId}, ${k.now})
    ON CONFLICT DO NOTHING RETURNING unit_id`.execute(trx);
  return r.rows.length === 1;
}

/** The reminders sent for some units (the reports page shows whether this period's was sent). */
export async function remindersOf(db: Db, unitIds: readonly string[], periodKeys: readonly string[]) {
  if (!unitIds.length || !periodKeys.length) return [];
  return db
    .selectFrom('report_reminders')
    .select(['unit_id', 'policy_id', 'schedule_id', 'period_key', 'created_at'])
    .where('unit_id', 'in', [...unitIds])
    .where('period_key', 'in', [...new Set(periodKeys)])
    .execute();
}
