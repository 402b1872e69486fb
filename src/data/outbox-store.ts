/**
 * The outbox's queries (issue #14, item 4; migration 0024). Claiming is one statement: the due rows are
 * locked FOR UPDATE SKIP LOCKED (a row another process is claiming is passed over, never waited for),
 * their attempt is counted and their next_attempt_at pushed past a lease, so the send happens outside any
 * transaction and no other process takes the row while it is in flight. A process that dies mid-send
 * leaves the row to be claimed again when the lease ends: the receiver sees the same message id twice
 * and can drop the second one.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { DeliveryTransport } from './schema.ts';

export interface ClaimedMessage {
  id: string;
  transport: DeliveryTransport;
  recipient: string;
  payload: Record<string, unknown>;
  /** This attempt's number (1 for the first). */
  attempts: number;
  channel_id: string | null;
  /** The channel's URL and secret, read at send time (never copied into the payload). */
  channel_url: string | null;
  channel_secret: string | null;
  channel_enabled: boolean | null;
}

export const CLAIM_SQL = `
  WITH due AS (
    SELECT id FROM outbox
    WHERE state = 'pending' AND next_attempt_at <= $1::timestamptz
    ORDER BY next_attempt_at
    LIMIT $2
    FOR UPDATE SKIP LOCKED
  )
  UPDATE outbox o SET attempts = o.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(secs => $3::double precision / 1000)
  FROM due
  WHERE o.id = due.id
  RETURNING o.id, o.transport, o.recipient, o.payload, o.attempts, o.channel_id,
            (SELECT url FROM delivery_channels WHERE id = o.channel_id) AS channel_url,
            (SELECT secret FROM delivery_channels WHERE id = o.channel_id) AS channel_secret,
            (SELECT enabled FROM delivery_channels WHERE id = o.channel_id) AS channel_enabled`;

/** Claims up to `limit` due messages for `leaseMs` (one statement, its own transaction). */
export async function claimDue(db: Db, now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
  const r = await db.executeQuery<ClaimedMessage>(CompiledQuery.raw(CLAIM_SQL, [now.toISOString(), limit, leaseMs]));
  return r.rows.map((m) => ({
    ...m,
    attempts: Number(m.attempts),
    payload: typeof m.payload === 'string' ? JSON.parse(m.payload) : m.payload,
  }));
}

export async function recordSent(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ state: 'sent', delivered_at: at, last_error: null })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

export async function recordFailure(db: Db, id: string, error: string, state: 'pending' | 'failed', nextAttemptAt: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ state, last_error: error.slice(0, 2000), next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

export interface OutboxListRow {
  id: string;
  notification_id: string | null;
  complaint_id: string | null;
  complaint_code: string | null;
  channel_id: string | null;
  channel_name: string | null;
  transport: DeliveryTransport;
  recipient: string;
  /** A message to the complaint's customer (issue #14 item 5), whose address is personal data. */
  to_customer: boolean;
  subject: string | null;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  created_at: Date;
}

/**
 * Messages of a company's complaints and channels in `state`, newest first: a complaint counts when its
 * unit is in `unitIds`; a test message when its channel is in `channelIds`.
 */
export async function listOutbox(
  db: Db,
  q: { state: 'pending' | 'sent' | 'failed'; unitIds: string[] | null; channelIds: string[] | null; limit: number },
): Promise<OutboxListRow[]> {
  let query = db
    .selectFrom('outbox as o')
    .leftJoin('complaints as c', 'c.id', 'o.complaint_id')
    .leftJoin('delivery_channels as ch', 'ch.id', 'o.channel_id')
    .select([
      'o.id',
      'o.notification_id',
      'o.complaint_id',
      'c.code as complaint_code',
      'o.channel_id',
      'ch.name as channel_name',
      'o.transport',
      'o.recipient',
      sql<boolean>`(o.notification_id IS NULL AND o.payload ? 'customerMessage')`.as('to_customer'),
      sql<string | null>`coalesce(o.payload->>'subject', o.payload->'body'->'markdown'->>'title', o.payload->'body'->>'subject')`.as(
        'subject',
      ),
      'o.state',
      'o.attempts',
      'o.last_error',
      'o.next_attempt_at',
      'o.delivered_at',
      'o.created_at',
    ])
    .where('o.state', '=', q.state);
  if (q.unitIds !== null || q.channelIds !== null) {
    const units = q.unitIds ?? [];
    const channels = q.channelIds ?? [];
    query = query.where((eb) =>
      eb.or([
        ...(units.length ? [eb('c.unit_id', 'in', units)] : []),
        ...(channels.length ? [eb.and([eb('o.complaint_id', 'is', null), eb('o.channel_id', 'in', channels)])] : []),
        eb.val(false),
      ]),
    );
  }
  return query.orderBy('o.created_at', 'desc').orderBy('o.id').limit(q.limit).execute();
}

export async function findOutboxMessage(
  db: Db,
  id: string,
): Promise<{ id: string; state: string; complaint_unit_id: string | null; channel_company_id: string | null } | undefined> {
  return db
    .selectFrom('outbox as o')
    .leftJoin('complaints as c', 'c.id', 'o.complaint_id')
    .leftJoin('delivery_channels as ch', 'ch.id', 'o.channel_id')
    .select(['o.id', 'o.state', 'c.unit_id as complaint_unit_id', 'ch.company_id as channel_company_id'])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** A failed message back to pending, due now, with a fresh round of attempts; its last error is kept until the next attempt. */
export async function retryMessage(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ state: 'pending', attempts: 0, next_attempt_at: now })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertOutbox(
  db: Db,
  rows: {
    notification_id: string | null;
    complaint_id: string | null;
    channel_id: string | null;
    transport: DeliveryTransport;
    recipient: string;
    payload: Record<string, unknown>;
    created_at?: string;
    next_attempt_at?: string;
  }[],
): Promise<string[]> {
  if (!rows.length) return [];
  const r = await db
    .insertInto('outbox')
    .values(rows.map((x) => ({ ...x, payload: JSON.stringify(x.payload) })))
    .returning('id')
    .execute();
  return r.map((x) => x.id);
}

export interface ComplaintNotificationRow {
  id: string;
  kind: string;
  rule_id: string;
  subject: string;
  policy_id: string | null;
  code: string | null;
  due_at: Date;
  deliveries: {
    id: string;
    transport: DeliveryTransport;
    recipient: string;
    state: 'pending' | 'sent' | 'failed';
    attempts: number;
    last_error: string | null;
    delivered_at: string | null;
  }[];
}

/** A complaint's notifications, oldest first, each with its messages and their delivery state. */
export async function notificationsOfComplaint(db: Db, complaintId: string): Promise<ComplaintNotificationRow[]> {
  const r = await sql<ComplaintNotificationRow>`
    SELECT n.id, n.kind, n.rule_id, n.subject, n.due_at, c.policy_id, c.code,
           coalesce((SELECT json_agg(json_build_object('id', o.id, 'transport', o.transport, 'recipient', o.recipient, 'state', o.state, 'attempts', o.attempts,
                                                       'last_error', o.last_error, 'delivered_at', o.delivered_at) ORDER BY o.created_at, o.id)
                     FROM outbox o WHERE o.notification_id = n.id), '[]'::json) AS deliveries
    FROM notifications n LEFT JOIN complaints c ON c.id = n.complaint_id
    WHERE n.complaint_id = ${complaintId}
    ORDER BY n.created_at, n.id`.execute(db);
  return r.rows;
}

export interface CustomerMessageRow {
  id: string;
  message: 'receipt' | 'reply' | 'visit_invitation';
  transport: DeliveryTransport;
  recipient: string;
  subject: string | null;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  delivered_at: Date | string | null;
  created_at: Date | string;
}

/** The messages sent to a complaint's customer (issue #14 item 5), oldest first: outbox rows that carry no staff notification. */
export async function customerMessagesOfComplaint(db: Db, complaintId: string): Promise<CustomerMessageRow[]> {
  const r = await sql<CustomerMessageRow>`
    SELECT o.id, o.payload->>'customerMessage' AS message, o.transport, o.recipient,
           coalesce(o.payload->>'subject', o.payload->'body'->>'text') AS subject,
           o.state, o.attempts, o.last_error, o.delivered_at, o.created_at
    FROM outbox o
    WHERE o.complaint_id = ${complaintId} AND o.notification_id IS NULL AND o.payload ? 'customerMessage'
    ORDER BY o.created_at, o.id`.execute(db);
  return r.rows;
}
