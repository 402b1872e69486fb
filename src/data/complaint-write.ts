/**
 * The two statements of a change to a complaint after intake (issue #18: "each action costs one read
 * with lock, one write, and the events"): `lockForChange` reads the row under its lock with everything
 * the decision needs (its clocks, the event chain's tail and, for an approval, the extension request),
 * and `writeComplaintChange` stores the decision — the complaint's columns, its events, clocks,
 * notifications and extension requests — in one statement that returns the row as written, so nothing
 * is read back afterwards. The write's text never changes (rows travel as JSON, empty arrays when there
 * is nothing to write), so a PostgreSQL server keeps it prepared.
 */
import { CompiledQuery, sql, type Selectable } from 'kysely';
import { registerPreparedStatement } from './db.ts';
import { CLOCK_COLUMNS, EVENT_COLUMNS, emergencyCte, notificationCtes } from './write-ctes.ts';
import type { ComplaintClocksTable } from './schema.ts';
import { clockFromRow, type ComplaintRow, type Db } from './complaint-store.ts';
import type { ClockRecord } from '../domain/contracts.ts';
import type { EventTail } from '../domain/chain-events.ts';
import type { ExtensionRequest } from '../domain/lifecycle/action-guards.ts';
import type { clockRow, eventRows, notificationRows, recipientRows } from '../domain/stored-rows.ts';
import type { OutboxRow } from '../domain/delivery/plan-outbox.ts';
import type { CustomerContact } from '../domain/delivery/customer-messages.ts';
import type { EmergencyOpeningRow } from '../domain/casework/emergency-opening.ts';

export interface LockedComplaint {
  row: ComplaintRow;
  clocks: ClockRecord[];
  eventTail: EventTail;
  /** The extension request asked for (`requestId`), when it belongs to this complaint. */
  extensionRequest: ExtensionRequest | null;
  /** The customer's name and addresses, for the messages an action sends them (issue #14 item 5). */
  customer: CustomerContact | null;
}

interface LockedRow extends ComplaintRow {
  change_context: {
    clocks: Selectable<ComplaintClocksTable>[];
    tail: { seq: number; hash: string } | null;
    request: ExtensionRequest | null;
    customer: CustomerContact | null;
  };
}

/**
 * FOR NO KEY UPDATE, not FOR UPDATE: it still serialises writers of the complaint, but does not block
 * (or deadlock with) other transactions inserting rows that merely reference it by foreign key.
 *
 * plaint_change_context (migrations 0022, 0026) takes the lock and then reads the clocks, the chain's tail, the customer and
 * the request with a snapshot of its own, so a read that waited for another writer sees what that
 * writer committed; the row's own FOR NO KEY UPDATE here returns its latest version for the same reason.
 * One statement either way.
 */
export async function lockForChange(trx: Db, id: string, requestId: string | null = null): Promise<LockedComplaint | undefined> {
  const r = await sql<LockedRow>`
    SELECT c.*, x.change_context
    FROM (SELECT plaint_change_context(${id}::uuid, ${requestId}::uuid) AS change_context) x, complaints c
    WHERE c.id = ${id}
    FOR NO KEY UPDATE OF c`.execute(trx);
  const locked = r.rows[0];
  if (!locked) return undefined;
  const { change_context: ctx, ...row } = locked;
  return {
    row,
    clocks: ctx.clocks.map(clockFromRow),
    eventTail: ctx.tail ? { seq: Number(ctx.tail.seq), hash: ctx.tail.hash } : null,
    extensionRequest: ctx.request,
    customer: ctx.customer ?? null,
  };
}

/** The complaint columns a change may set; any other column keeps its value. */
export interface ComplaintChangeColumns {
  status?: string;
  qualification?: string | null;
  category_id?: string | null;
  lead_department_id?: string | null;
  co_department_ids?: string[];
  repeat_count?: number;
  similar_count?: number;
  /** Facts recorded after intake (issue #15 item 2). */
  flags?: Record<string, boolean>;
  complainant_count?: number;
  category_count?: number;
  delivery_ref?: string | null;
  direct_person?: string | null;
  satisfaction?: unknown;
  report?: unknown;
  reply?: unknown;
  close_reason?: string | null;
  closed_at?: Date | null;
  level?: string | null;
  level_rule?: string | null;
  next_due_at?: Date | null;
  overdue?: boolean;
  next_severity_check_at?: Date | null;
  responsibility?: unknown;
  updated_at?: Date;
  version?: number;
}

export interface ComplaintChange {
  id: string;
  columns: ComplaintChangeColumns;
  events: ReturnType<typeof eventRows>;
  /** Only the clocks that changed (changedClocks), inserted or updated by name. */
  clocks: ReturnType<typeof clockRow>[];
  notifications: ReturnType<typeof notificationRows>;
  /** Who each notification reached (issue #14). */
  recipients: ReturnType<typeof recipientRows>;
  newExtensionRequests?: {
    id: string;
    complaint_id: string;
    clock: string;
    minutes: number;
    reason: string;
    requested_by: string | null;
  }[];
  extensionDecisions?: { id: string; decision: string; decided_by: string | null; decided_at: Date }[];
  /** Issue #14: the notifications' messages (domain/delivery/plan-outbox.ts), in the same statement. */
  outbox?: OutboxRow[];
  /** #15 item 6: the emergency response the change opens (domain/casework/emergency-opening.ts). */
  emergencies?: EmergencyOpeningRow[];
}

const SET_COLUMNS = [
  'status',
  'qualification',
  'category_id',
  'lead_department_id',
  'co_department_ids',
  'repeat_count',
  'similar_count',
  'flags',
  'complainant_count',
  'category_count',
  'delivery_ref',
  'direct_person',
  'satisfaction',
  'report',
  'reply',
  'close_reason',
  'closed_at',
  'level',
  'level_rule',
  'next_due_at',
  'overdue',
  'next_severity_check_at',
  'responsibility',
  'updated_at',
  'version',
] as const satisfies readonly (keyof ComplaintChangeColumns)[];
const CLOCK_UPDATES = CLOCK_COLUMNS.split(', ')
  .filter((c) => c !== 'complaint_id' && c !== 'name')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

// json_populate_record over the row itself: a key of $2 sets its column (null clears it), an absent key
// keeps the stored value, so one text serves every action's patch.
export const CHANGE_SQL = `
  WITH upd AS (
    UPDATE complaints c SET (${SET_COLUMNS.join(', ')}) = (
      SELECT ${SET_COLUMNS.map((col) => `p.${col}`).join(', ')} FROM json_populate_record(c, $2::json) p
    )
    WHERE c.id = $1
    RETURNING c.*
  ), ev AS (
    INSERT INTO complaint_events (${EVENT_COLUMNS})
    SELECT ${EVENT_COLUMNS} FROM json_populate_recordset(NULL::complaint_events, $3::json)
  ), ck AS (
    INSERT INTO complaint_clocks (${CLOCK_COLUMNS})
    SELECT ${CLOCK_COLUMNS} FROM json_populate_recordset(NULL::complaint_clocks, $4::json)
    ON CONFLICT (complaint_id, name) DO UPDATE SET ${CLOCK_UPDATES}
  ), ${notificationCtes({ notifications: '$5', recipients: '$8', outbox: '$9' })}, xr AS (
    INSERT INTO extension_requests (id, complaint_id, clock, minutes, reason, requested_by)
    SELECT id, complaint_id, clock, minutes, reason, requested_by FROM json_populate_recordset(NULL::extension_requests, $6::json)
  ), xd AS (
    UPDATE extension_requests x SET decision = d.decision, decided_by = d.decided_by, decided_at = d.decided_at
    FROM json_populate_recordset(NULL::extension_requests, $7::json) d
    WHERE x.id = d.id
  ), ${emergencyCte('$10')}
  SELECT * FROM upd`;

registerPreparedStatement('plaint_complaint_change', CHANGE_SQL);

/** Stores a change to a locked complaint in one statement; returns the row as written. */
export async function writeComplaintChange(db: Db, w: ComplaintChange): Promise<ComplaintRow> {
  const json = (v: unknown) => JSON.stringify(v);
  const r = await db.executeQuery<ComplaintRow>(
    CompiledQuery.raw(CHANGE_SQL, [
      w.id,
      json(w.columns),
      json(w.events),
      json(w.clocks),
      json(w.notifications),
      json(w.newExtensionRequests ?? []),
      json(w.extensionDecisions ?? []),
      json(w.recipients),
      json(w.outbox ?? []),
      json(w.emergencies ?? []),
    ]),
  );
  const row = r.rows[0];
  if (!row) throw new Error(`complaint '${w.id}' vanished under its lock`);
  return row;
}
