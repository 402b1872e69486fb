/**
 * Notifications as a person's inbox reads them (issue #14): through notification_recipients, the people
 * each notification's position resolved to when it was written (src/data/intake-store.ts,
 * src/data/complaint-write.ts, src/data/casework/progress-store.ts write them).
 */
import { sql } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { Scope } from '../security/scope.ts';
import { scopeCondition } from './scope-condition.ts';

export interface InboxQuery {
  userId: string;
  /** Only notifications of this kind (bulletin, progress, …); null: every kind. */
  kind: string | null;
  limit: number;
  /** Continue after this entry of the order (unread first, then newest). */
  after: InboxKey | null;
}

/** A position in the inbox's order: unread (1) before read (0), then newest, then by id. */
export interface InboxKey {
  unread: 0 | 1;
  createdAt: string;
  id: string;
}

export interface InboxRow {
  id: string;
  complaintId: string | null;
  code: string | null;
  policyId: string | null;
  kind: string;
  ruleId: string;
  subject: string;
  dueAt: Date;
  createdAt: Date;
  /** created_at to the microsecond, for the cursor (a Date keeps milliseconds only). */
  createdKey: string;
  readAt: Date | null;
  unaddressed: boolean;
  positionId: string;
}

/** One page of a user's notifications, unread first, then newest. */
export async function inboxPage(db: Db, q: InboxQuery): Promise<InboxRow[]> {
  const unreadRank = sql<number>`(CASE WHEN r.read_at IS NULL THEN 1 ELSE 0 END)`;
  let query = db
    .selectFrom('notification_recipients as r')
    .innerJoin('notifications as n', 'n.id', 'r.notification_id')
    .leftJoin('complaints as c', 'c.id', 'n.complaint_id')
    // A notification about no complaint (a report schedule's reminder, issue #15) names its unit's pack.
    .leftJoin('org_nodes as o', 'o.id', 'n.org_node_id')
    .select([
      'n.id',
      'n.complaint_id as complaintId',
      'c.code',
      sql<string | null>`COALESCE(c.policy_id, o.policy_id)`.as('policyId'),
      'n.kind',
      'n.rule_id as ruleId',
      'n.subject',
      'n.due_at as dueAt',
      'n.created_at as createdAt',
      sql<string>`to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('createdKey'),
      'r.read_at as readAt',
      'r.unaddressed',
      'n.recipient_role as positionId',
    ])
    .where('r.user_id', '=', q.userId);
  if (q.kind !== null) query = query.where('n.kind', '=', q.kind);
  if (q.after) {
    const a = q.after;
    query = query.where(sql<boolean>`(${unreadRank}, n.created_at, n.id) < (${a.unread}, ${a.createdAt}::timestamptz, ${a.id}::uuid)`);
  }
  return query.orderBy(unreadRank, 'desc').orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(q.limit).execute();
}

/** How many of a user's notifications are unread (the bell). */
export async function unreadCount(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notification_recipients')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one of the user's notifications read (kept at its first reading); false when it is not theirs. */
export async function markRead(db: Db, userId: string, notificationId: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('notification_recipients')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', sql<Date>`${now.toISOString()}::timestamptz`) }))
    .where('user_id', '=', userId)
    .where('notification_id', '=', notificationId)
    .returning('notification_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Marks every unread notification of the user read (of one kind when given); how many were. */
export async function markAllRead(db: Db, userId: string, kind: string | null, now: Date): Promise<number> {
  let q = db
    .updateTable('notification_recipients as r')
    .set({ read_at: now })
    .where('r.user_id', '=', userId)
    .where('r.read_at', 'is', null);
  if (kind !== null)
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('notifications as n').select('n.id').whereRef('n.id', '=', 'r.notification_id').where('n.kind', '=', kind)),
    );
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface UnaddressedRow {
  positionId: string;
  orgNodeId: string | null;
  policyId: string;
  count: number;
  lastAt: Date;
}

/**
 * Positions that fired with nobody holding them (issue #14), about complaints in `scope`: by position
 * and the unit the notification was about, with how many notifications went to the admins instead.
 */
export async function unaddressedPositions(db: Db, scope: Scope): Promise<UnaddressedRow[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .innerJoin('complaints as c', 'c.id', 'n.complaint_id')
    .select((eb) => [
      'n.recipient_role as positionId',
      'n.org_node_id as orgNodeId',
      'c.policy_id as policyId',
      eb.fn.countAll<string>().as('count'),
      eb.fn.max('n.created_at').as('lastAt'),
    ])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('notification_recipients as r')
          .select('r.user_id')
          .whereRef('r.notification_id', '=', 'n.id')
          .where('r.unaddressed', '=', true),
      ),
    )
    .where(scopeCondition(scope, 'c'))
    .groupBy(['n.recipient_role', 'n.org_node_id', 'c.policy_id'])
    .orderBy('count', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count), lastAt: new Date(r.lastAt) }));
}
