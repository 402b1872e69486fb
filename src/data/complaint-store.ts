/**
 * Storage of complaints, their event log and clocks. Every function takes the transaction it runs in;
 * the use cases decide the transaction boundaries.
 */
import { sql, type Kysely, type Transaction, type Selectable } from 'kysely';
import type { DB, ComplaintsTable, ComplaintClocksTable } from './schema.ts';
import type { ClockRecord, ClockName } from '../domain/contracts.ts';
import { chainEvents, type EventTail, type NewEvent, type StoredEvent } from '../domain/chain-events.ts';
import { changedClocks, clockRow, eventRows } from '../domain/stored-rows.ts';
import type { Actor } from '../domain/actor.ts';
import type { EventType } from '../domain/events.ts';

// Pure helpers that used to live here, re-exported for the importers that still name this module.
export { chainEvents, type NewEvent, type StoredEvent } from '../domain/chain-events.ts';
export { clockRow, eventRows } from '../domain/stored-rows.ts';
export { complaintCode } from '../domain/complaint-code.ts';
export type { Actor } from '../domain/actor.ts';
export { clockSummary } from '../domain/clocks/clock-summary.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type ComplaintRow = Selectable<ComplaintsTable>;

/**
 * The columns kept for the indexes and the portal, never shown: the search terms, the similarity
 * signature and its keys (filled by triggers) and the portal secret's hash. At 1,000,000 complaints
 * they are over half of a row (search_terms alone ~810 of ~1,780 bytes); a queue page that read them
 * sent and parsed ~50 KB of arrays it then dropped (docs/PERFORMANCE.md, "Through HTTP").
 */
const UNSHOWN = ['search_terms', 'signature', 'signature_keys', 'portal_secret_hash'] as const;
type Unshown = (typeof UNSHOWN)[number];
/**
 * The columns every writer of a complaint sets (intake, import), and those that stamp when and by whom:
 * the lists below (and intake-store's, import-store's) are built from them, so they cannot drift apart.
 */
export const COMPLAINT_SOURCE_COLUMNS = [
  'id',
  'code',
  'unit_id',
  'policy_id',
  'policy_version',
  'channel',
  'status',
  'qualification',
  'category_id',
  'level',
  'level_rule',
  'title',
  'content',
  'demands',
  'customer_id',
  'complainant_count',
] as const;
export const COMPLAINT_STAMP_COLUMNS = ['received_at', 'created_at', 'updated_at', 'created_by'] as const;

/** A complaint as lists and exports read it: every column but UNSHOWN. */
export type ListedComplaintRow = Omit<ComplaintRow, Unshown>;
/** The columns of ListedComplaintRow, for a select over the complaints (or a subquery of them). */
export const LISTED_COMPLAINT_COLUMNS = [
  ...COMPLAINT_SOURCE_COLUMNS,
  'incident_occurred_at',
  'incident_place',
  'flags',
  'batch_no',
  ...COMPLAINT_STAMP_COLUMNS,
  'lead_department_id',
  'co_department_ids',
  'repeat_count',
  'similar_count',
  'satisfaction',
  'report',
  'reply',
  'close_reason',
  'closed_at',
  'next_due_at',
  'next_severity_check_at',
  'overdue',
  'version',
  'category_count',
  'delivery_ref',
  'direct_person',
  'cases_affected',
  'responsibility',
] as const satisfies readonly Exclude<keyof ComplaintsTable, Unshown>[];
// A column added to the table must be listed above or in UNSHOWN: a queue page never silently drops it.
const everyColumnListed: Exclude<keyof ComplaintsTable, Unshown | (typeof LISTED_COMPLAINT_COLUMNS)[number]> extends never ? true : never =
  true;
void everyColumnListed;

/**
 * FOR NO KEY UPDATE, not FOR UPDATE: it still serialises writers of the complaint, but does not block
 * (or deadlock with) other transactions inserting rows that merely reference it by foreign key.
 */
export async function lockComplaint(trx: Db, id: string): Promise<ComplaintRow | undefined> {
  return trx.selectFrom('complaints').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

/** Several complaints locked in id order, so two writers locking overlapping sets queue instead of deadlocking. */
export async function lockComplaintsInIdOrder(trx: Db, ids: string[]): Promise<ComplaintRow[]> {
  if (ids.length === 0) return [];
  return trx.selectFrom('complaints').selectAll().where('id', 'in', ids).orderBy('id').forNoKeyUpdate().execute();
}

export async function findComplaint(db: Db, id: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Valid complaints at the complaint's unit received before it in the same (UTC) year, for the fuel-retail
 * penalty. The lower bound on received_at is implied by the year (a day before the year starts in UTC,
 * whatever the session's time zone) and lets the unit's (unit_id, received_at) index start at the year
 * rather than at the unit's first complaint.
 */
export async function countPriorValidThisYear(db: Db, row: Pick<ComplaintRow, 'id' | 'unit_id' | 'received_at'>): Promise<number> {
  return countPriorValidInYear(db, row, { unitIds: [row.unit_id] });
}

/**
 * Valid complaints received before this one in the same (UTC) year that name `person` as the directly
 * responsible person, at the units given (the company's), for the fuel-retail sanctions (S0 第五篇 §14.5).
 */
export async function countPriorByDirectPersonThisYear(
  db: Db,
  row: Pick<ComplaintRow, 'id' | 'received_at'>,
  person: string,
  unitIds: readonly string[],
): Promise<number> {
  if (unitIds.length === 0) return 0;
  return countPriorValidInYear(db, row, { unitIds, directPerson: person });
}

async function countPriorValidInYear(
  db: Db,
  row: Pick<ComplaintRow, 'id' | 'received_at'>,
  where: { unitIds: readonly string[]; directPerson?: string },
): Promise<number> {
  const year = new Date(row.received_at).getUTCFullYear();
  let q = db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', where.unitIds.length === 1 ? '=' : 'in', where.unitIds.length === 1 ? where.unitIds[0] : where.unitIds)
    .where('qualification', '=', 'valid')
    .where('id', '!=', row.id)
    .where('received_at', '<', row.received_at)
    .where('received_at', '>=', new Date(Date.UTC(year, 0, 1) - 24 * 3600_000))
    .where(sql<boolean>`extract(year from received_at) = ${year}`);
  if (where.directPerson !== undefined) q = q.where('direct_person', '=', where.directPerson);
  const r = await q.executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function findComplaintByCode(db: Db, code: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The last event of a complaint's hash chain (null for none). */
export async function eventTail(trx: Db, complaintId: string): Promise<EventTail> {
  const last = await trx
    .selectFrom('complaint_events')
    .select(['seq', 'hash'])
    .where('complaint_id', '=', complaintId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ?? null;
}

/**
 * Appends events after the complaint's last one, extending its hash chain. The caller holds the
 * complaint's row lock (or has just inserted it), so seq numbers cannot collide.
 */
export async function appendEvents(
  trx: Db,
  /** The event log key (Deps.logKey). */
  key: Buffer,
  complaintId: string,
  events: NewEvent[],
  actor: Actor,
  at: Date,
  /** The chain's current tail when the caller knows it (a complaint created in this transaction has none). */
  knownTail?: { seq: number; hash: string } | null,
): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const tail = knownTail !== undefined ? knownTail : await eventTail(trx, complaintId);
  const rows = chainEvents(key, complaintId, events, actor, at, tail);
  await insertEvents(trx, complaintId, rows);
  return rows;
}

/** Stores events already chained by `chainEvents`. */
export async function insertEvents(trx: Db, complaintId: string, rows: StoredEvent[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('complaint_events')
    .values(eventRows(complaintId, rows).map((r) => ({ ...r, data: JSON.stringify(r.data) })))
    .execute();
}

/**
 * The chained events of many complaints in one statement (an import writes thousands at once); the
 * rows come from `chainEvents`, exactly as `insertEvents` writes them one complaint at a time.
 */
export async function insertEventsOfMany(trx: Db, batch: { complaintId: string; events: StoredEvent[] }[]): Promise<void> {
  const rows = batch.flatMap((b) => eventRows(b.complaintId, b.events));
  if (rows.length === 0) return;
  const cols = 'complaint_id, seq, type, actor_id, actor_label, at, data, prev_hash, hash';
  await sql`INSERT INTO complaint_events (${sql.raw(cols)})
    SELECT ${sql.raw(cols)} FROM json_populate_recordset(NULL::complaint_events, ${JSON.stringify(rows)}::json)`.execute(trx);
}

/** A complaint's stored events in order, with each hash's algorithm (the events API leaves it out). */
export async function listEventRows(db: Db, complaintId: string): Promise<(StoredEvent & { hashAlg: string })[]> {
  const rows = await db.selectFrom('complaint_events').selectAll().where('complaint_id', '=', complaintId).orderBy('seq').execute();
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    at: r.at,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    data: r.data,
    prevHash: r.prev_hash,
    hash: r.hash,
    hashAlg: r.hash_alg,
  }));
}

export async function listEvents(db: Db, complaintId: string): Promise<StoredEvent[]> {
  return (await listEventRows(db, complaintId)).map(({ hashAlg: _alg, ...e }) => e);
}

/** When the complaint's first event of `type` was logged (the fuel station's dispatch, §15); null if never. */
export async function firstEventAt(db: Db, complaintId: string, type: EventType): Promise<Date | null> {
  const r = await db
    .selectFrom('complaint_events')
    .select('at')
    .where('complaint_id', '=', complaintId)
    .where('type', '=', type)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return r ? new Date(r.at) : null;
}

function iso(d: Date | null | undefined): string | null {
  return d ? new Date(d).toISOString() : null;
}

/** A stored clock row as the domain sees it (also the shape of a clock read through json_agg). */
export function clockFromRow(r: Selectable<ComplaintClocksTable>): ClockRecord {
  return {
    name: r.name as ClockName,
    ruleId: r.rule_id,
    startedAt: iso(r.started_at)!,
    dueAt: iso(r.due_at)!,
    state: r.state,
    pausedMs: Number(r.paused_ms),
    pausedAt: iso(r.paused_at),
    pauseReason: r.pause_reason,
    metAt: iso(r.met_at),
    breachedAt: iso(r.breached_at),
    calendarVersion: r.calendar_version,
    trace: r.trace,
  };
}

export async function loadClocks(db: Db, complaintId: string): Promise<ClockRecord[]> {
  const rows = await db.selectFrom('complaint_clocks').selectAll().where('complaint_id', '=', complaintId).orderBy('started_at').execute();
  return rows.map(clockFromRow);
}

export async function loadClocksFor(db: Db, complaintIds: string[]): Promise<Map<string, ClockRecord[]>> {
  const map = new Map<string, ClockRecord[]>();
  if (complaintIds.length === 0) return map;
  const rows = await db
    .selectFrom('complaint_clocks')
    .selectAll()
    .where('complaint_id', 'in', complaintIds)
    .orderBy('started_at')
    .execute();
  for (const r of rows) {
    const list = map.get(r.complaint_id) ?? [];
    list.push(clockFromRow(r));
    map.set(r.complaint_id, list);
  }
  return map;
}

/** Writes the clocks that differ from `before`, inserted or updated by name in one statement. */
export async function saveClocks(trx: Db, complaintId: string, before: ClockRecord[], after: ClockRecord[]): Promise<void> {
  const changed = changedClocks(before, after);
  if (changed.length === 0) return;
  await trx
    .insertInto('complaint_clocks')
    .values(changed.map((c) => ({ ...clockRow(complaintId, c), trace: JSON.stringify(c.trace) })))
    .onConflict((oc) =>
      oc.columns(['complaint_id', 'name']).doUpdateSet((eb) => ({
        rule_id: eb.ref('excluded.rule_id'),
        started_at: eb.ref('excluded.started_at'),
        due_at: eb.ref('excluded.due_at'),
        state: eb.ref('excluded.state'),
        paused_ms: eb.ref('excluded.paused_ms'),
        paused_at: eb.ref('excluded.paused_at'),
        pause_reason: eb.ref('excluded.pause_reason'),
        met_at: eb.ref('excluded.met_at'),
        breached_at: eb.ref('excluded.breached_at'),
        calendar_version: eb.ref('excluded.calendar_version'),
        trace: eb.ref('excluded.trace'),
      })),
    )
    .execute();
}

/**
 * A complaint's links, both sides (a similar pair is stored once, from the later complaint, and each of
 * the two must show the other): the complaints it points to, then those pointing to it, each newest first.
 */
export async function listLinks(
  db: Db,
  complaintId: string,
): Promise<{ id: string; code: string; kind: string; direction: 'to' | 'from' }[]> {
  // Both directions at once: a complaint's page waits for the slower of them, not for their sum.
  const linked = (from: 'l.from_id' | 'l.to_id', to: 'l.from_id' | 'l.to_id') =>
    db
      .selectFrom('complaint_links as l')
      .innerJoin('complaints as c', 'c.id', to)
      .select(['c.id', 'c.code', 'l.kind'])
      .where(from, '=', complaintId)
      .orderBy('c.received_at', 'desc')
      .orderBy('c.id')
      .execute();
  const [out, inbound] = await Promise.all([linked('l.from_id', 'l.to_id'), linked('l.to_id', 'l.from_id')]);
  return [...out.map((r) => ({ ...r, direction: 'to' as const })), ...inbound.map((r) => ({ ...r, direction: 'from' as const }))];
}
