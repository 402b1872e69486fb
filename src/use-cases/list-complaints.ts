/**
 * The queue: filters and keyset pagination. Sorting by due puts the complaints whose nearest clock
 * runs out first at the top; complaints with no running clock follow, newest first. A text search
 * (`q`) counts at most SEARCH_TOTAL_CAP matches, any other list at most QUEUE_TOTAL_CAP, and says so
 * (`totalCapped`); the pages are exact either way. This file checks the request and shapes the answer
 * (cursor, limit); the queries are src/data/queue-store.ts's.
 */
import type { Deps } from './context.ts';
import { loadClocksFor } from '../data/complaint-store.ts';
import type { ClockRecord } from '../domain/contracts.ts';
import { queueBatch, queuePage, QUEUE_FAR_FUTURE, type QueuePosition, type QueueQuery, type QueueRow } from '../data/queue-store.ts';
import { invalid } from '../domain/errors.ts';
import { instantProblem, parseInstant } from '../domain/instant.ts';
import type { Scope } from '../security/scope.ts';

export interface ComplaintFilter {
  status?: string[];
  unitIds?: string[];
  level?: string[];
  channel?: string[];
  categoryId?: string;
  receivedFrom?: string;
  receivedTo?: string;
  q?: string;
  overdue?: boolean;
  clockState?: 'running' | 'paused' | 'breached' | 'met';
  leadDepartmentId?: string;
  customerId?: string;
  /** The viewer's organisation scope; the list and its total only ever count complaints inside it. */
  scope: Scope;
  /** Whether free text may match the customer's phone (only for roles that may see contact details). */
  searchContact?: boolean;
  sort?: 'due' | 'received';
  limit?: number;
  cursor?: string;
}

export interface ComplaintPage {
  items: QueueRow[];
  nextCursor: string | null;
  /** The number of matching complaints; with `totalCapped`, a lower bound (SEARCH_TOTAL_CAP or QUEUE_TOTAL_CAP). */
  total: number;
  /** True when more complaints matched than the cap and counting stopped there. */
  totalCapped: boolean;
}

/**
 * A list without a text search counts its matches up to this many and then reports "at least this
 * many". An exact count reads one index entry per match: the whole group's queue at 1,000,000
 * complaints took 70 ms for the count alone, over the queue's 50 ms (docs/PERFORMANCE.md, "Scale").
 * A queue is for working; the number of complaints in a period is the reports' job, counted there.
 */
export const QUEUE_TOTAL_CAP = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A cursor is the last row's sort key and id, as nextCursor wrote them: for 'received' one instant,
 * for 'due' two joined by '|'. Anything else, however well-formed its JSON, is refused here rather
 * than by the database.
 */
function decodeCursor(cursor: string, sort: 'due' | 'received'): QueuePosition {
  const bad = () => invalid('cursor', 'is not a cursor returned by this API (for this sort)');
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const { k, id } = (v ?? {}) as { k?: unknown; id?: unknown };
  if (typeof k !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw bad();
  const keys = k.split('|');
  if (keys.length !== (sort === 'due' ? 2 : 1) || keys.some((x) => instantProblem(x) !== null)) throw bad();
  // Passed on as the database reads them back: plain UTC ISO strings.
  const [first, second] = keys.map((x) => parseInstant(x, 'cursor').toISOString());
  return sort === 'due' ? { due: first, receivedAt: second, id } : { due: QUEUE_FAR_FUTURE, receivedAt: first, id };
}

/** The store's query for a checked filter: instants parsed, the cursor decoded, a blank search dropped. */
function queueQuery(f: Omit<ComplaintFilter, 'limit'>): QueueQuery {
  const sort = f.sort ?? 'received';
  return {
    scope: f.scope,
    status: f.status,
    unitIds: f.unitIds,
    level: f.level,
    channel: f.channel,
    categoryId: f.categoryId,
    receivedFrom: f.receivedFrom ? parseInstant(f.receivedFrom, 'receivedFrom') : undefined,
    receivedTo: f.receivedTo ? parseInstant(f.receivedTo, 'receivedTo') : undefined,
    overdue: f.overdue,
    clockState: f.clockState,
    leadDepartmentId: f.leadDepartmentId,
    customerId: f.customerId,
    q: f.q && f.q.trim() ? f.q : undefined,
    searchContact: f.searchContact === true,
    sort,
    after: f.cursor ? decodeCursor(f.cursor, sort) : null,
  };
}

export async function listComplaints(deps: Deps, f: ComplaintFilter): Promise<ComplaintPage> {
  const query = queueQuery(f);
  const limit = Math.min(Math.max(f.limit ?? 25, 1), 200);
  const { total, totalCapped, rows } = await queuePage(deps.db, query, limit, QUEUE_TOTAL_CAP);
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? cursorAfter(items[items.length - 1], query.sort) : null;
  return { items, nextCursor, total, totalCapped };
}

/** The clocks of a page's complaints, by complaint id (the queue shows each one's nearest deadline). */
export async function clocksOfPage(deps: Deps, page: ComplaintPage): Promise<Map<string, ClockRecord[]>> {
  return loadClocksFor(
    deps.db,
    page.items.map((i) => i.id),
  );
}

/** The cursor of the rows that follow `last` in the queue's order. */
function cursorAfter(last: QueueRow, sort: 'due' | 'received'): string {
  const received = new Date(last.received_at).toISOString();
  const k = sort === 'due' ? `${last.next_due_at ? new Date(last.next_due_at).toISOString() : QUEUE_FAR_FUTURE}|${received}` : received;
  return Buffer.from(JSON.stringify({ k, id: last.id })).toString('base64url');
}

/**
 * Every complaint of a queue view, in the queue's order, `size` at a time (the export, issue #17):
 * the same filters, search, scope and order as listComplaints, each batch read after the last one's
 * key, so no more than one batch is held and nothing is counted. A bad filter is refused by the first
 * `next()`, before anything is written.
 */
export async function* complaintBatches(
  deps: Deps,
  f: Omit<ComplaintFilter, 'limit' | 'cursor'>,
  size = 1000,
): AsyncGenerator<QueueRow[], void, undefined> {
  const sort = f.sort ?? 'received';
  let cursor: string | undefined;
  for (;;) {
    const rows = await queueBatch(deps.db, queueQuery({ ...f, cursor }), size);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    cursor = cursorAfter(rows[rows.length - 1], sort);
  }
}
