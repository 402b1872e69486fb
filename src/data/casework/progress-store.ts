/**
 * Storage of weekly progress (progress_entries) and of the reminders for missed weeks
 * (progress_reminders and their notifications). Every function takes the database or the transaction
 * it runs in.
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { ComplaintRow, Db } from '../complaint-store.ts';
import type { NotificationsTable, ProgressEntriesTable } from '../schema.ts';

export type ProgressEntryRow = Selectable<ProgressEntriesTable>;
export type NewProgressEntry = Insertable<ProgressEntriesTable>;
export type NewNotification = Insertable<NotificationsTable>;

/** A complaint's progress entries, oldest first. */
export async function listProgressEntries(db: Db, complaintId: string): Promise<ProgressEntryRow[]> {
  return db.selectFrom('progress_entries').selectAll().where('complaint_id', '=', complaintId).orderBy('at').execute();
}

export async function insertProgressEntry(trx: Db, values: NewProgressEntry): Promise<ProgressEntryRow> {
  return trx.insertInto('progress_entries').values(values).returningAll().executeTakeFirstOrThrow();
}

export type ReminderCandidate = Pick<
  ComplaintRow,
  'id' | 'code' | 'title' | 'unit_id' | 'level' | 'policy_id' | 'received_at' | 'status' | 'lead_department_id' | 'co_department_ids'
> & {
  /** The newest progress entry's instant, if any. */
  last_progress_at: Date | null;
  /** When the complaint last changed to its current level, if it ever changed to it. */
  level_set_at: Date | null;
};

/** Open complaints at one of `levels`, oldest received first, with their newest progress entry and when their level was set. */
export async function openComplaintsAtLevels(db: Db, levels: readonly string[]): Promise<ReminderCandidate[]> {
  if (!levels.length) return [];
  const rows = await db
    .selectFrom('complaints as c')
    // Only what the check and the list need: the sweeper reads thousands of these rows every pass,
    // and the texts, signatures and search bigrams would be most of what crosses the wire.
    .select([
      'c.id',
      'c.code',
      'c.title',
      'c.unit_id',
      'c.level',
      'c.policy_id',
      'c.policy_version',
      'c.received_at',
      'c.status',
      'c.lead_department_id',
      'c.co_department_ids',
    ])
    .select((eb) => [
      eb
        .selectFrom('progress_entries as p')
        .select((e) => e.fn.max('p.at').as('m'))
        .whereRef('p.complaint_id', '=', 'c.id')
        .as('last_progress_at'),
      sql<Date | null>`(SELECT max(e.at) FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'level_changed' AND e.data->>'level' = c.level)`.as(
        'level_set_at',
      ),
    ])
    .where('c.status', '<>', 'closed')
    .where('c.level', 'in', [...levels])
    .orderBy('c.received_at')
    .execute();
  return rows as ReminderCandidate[];
}

/** The weeks already reminded of the given complaints, as `complaintId|dueAt ISO` keys; read 1,000 complaints a query. */
export async function remindedWeekKeys(db: Db, complaintIds: readonly string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (let i = 0; i < complaintIds.length; i += 1000) {
    const rows = await db
      .selectFrom('progress_reminders')
      .select(['complaint_id', 'due_at'])
      .where('complaint_id', 'in', complaintIds.slice(i, i + 1000))
      .execute();
    for (const r of rows) keys.add(`${r.complaint_id}|${new Date(r.due_at).toISOString()}`);
  }
  return keys;
}

/**
 * Claims the reminder of one missed week; false when it was claimed already (by this or another
 * process). Decisive only under the complaint's row lock.
 */
export async function claimProgressReminder(trx: Db, complaintId: string, dueAt: string, now: Date): Promise<boolean> {
  const claimed = await trx
    .insertInto('progress_reminders')
    .values({ complaint_id: complaintId, due_at: dueAt, created_at: now })
    .onConflict((oc) => oc.columns(['complaint_id', 'due_at']).doNothing())
    .returning('complaint_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** The reminders and who each reached (issue #14), in one statement: the recipients after their notification. */
export async function insertReminderNotifications(
  trx: Db,
  rows: (NewNotification & { id: string })[],
  recipients: { notification_id: string; user_id: string; unaddressed: boolean }[],
): Promise<void> {
  if (!rows.length) return;
  await sql`
    WITH nt AS (
      INSERT INTO notifications (id, complaint_id, recipient_role, org_node_id, kind, rule_id, subject, due_at)
      SELECT id, complaint_id, recipient_role, org_node_id, kind, rule_id, subject, due_at
      FROM json_populate_recordset(NULL::notifications, ${JSON.stringify(rows)}::json)
      RETURNING id
    )
    INSERT INTO notification_recipients (notification_id, user_id, unaddressed)
    SELECT r.notification_id, r.user_id, r.unaddressed FROM json_populate_recordset(NULL::notification_recipients, ${JSON.stringify(recipients)}::json) r
    WHERE r.notification_id IN (SELECT id FROM nt)`.execute(trx);
}
