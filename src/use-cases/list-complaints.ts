/**
 * The queue: filters and keyset pagination. Sorting by due puts the complaints whose nearest clock
 * runs out first at the top; complaints with no running clock follow, newest first.
 */
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Deps } from './context.ts';
import type { ComplaintRow } from '../data/complaint-store.ts';
import { invalid } from '../domain/errors.ts';
import { scopeCondition, type Scope } from '../security/scope.ts';
import { searchCondition, SEARCH_TOTAL_CAP } from '../domain/search/index.ts';

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
  items: (ComplaintRow & { customer_name: string; customer_phone: string | null; customer_email: string | null; unit_name: string })[];
  nextCursor: string | null;
  /** The number of matching complaints; with `totalCapped`, a lower bound (SEARCH_TOTAL_CAP). */
  total: number;
  /** True when a text search matched more than SEARCH_TOTAL_CAP complaints and counting stopped there. */
  totalCapped: boolean;
}

const FAR_FUTURE = '9999-12-31T00:00:00.000Z';
// The helpers below add conditions and order on `c` to several shapes of query (count, walk, page).
type AnyQuery = SelectQueryBuilder<any, any, any>;
/**
 * When a text search matches more than SEARCH_TOTAL_CAP complaints, the page is first looked for among
 * this many complaints in the queue's order (the other filters applied, the text not): a word in one
 * complaint of 100 or more fills a page there after reading a few thousand rows through the order's
 * index, where the planner would otherwise fetch and sort every match (81,000 for 退款 at 1M). Only
 * if the page is not full does the ordinary query run, so the answer is the same either way.
 */
const SEARCH_WALK_ROWS = 4000;

function decodeCursor(cursor: string): { k: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof v?.k === 'string' && typeof v?.id === 'string') return v;
  } catch {
    /* fall through */
  }
  throw invalid('cursor', 'is not a cursor returned by this API');
}

export async function listComplaints(deps: Deps, f: ComplaintFilter): Promise<ComplaintPage> {
  const limit = Math.min(Math.max(f.limit ?? 25, 1), 200);
  const sort = f.sort ?? 'received';
  const filters: ((eb: any) => Expression<SqlBool>)[] = [() => scopeCondition(f.scope, 'c')];
  if (f.status?.length) filters.push((eb) => eb('c.status', 'in', f.status!));
  if (f.unitIds) filters.push((eb) => (f.unitIds!.length ? eb('c.unit_id', 'in', f.unitIds!) : sql<boolean>`false`));
  if (f.level?.length) filters.push((eb) => eb('c.level', 'in', f.level!));
  if (f.channel?.length) filters.push((eb) => eb('c.channel', 'in', f.channel!));
  if (f.categoryId) filters.push((eb) => eb('c.category_id', '=', f.categoryId!));
  if (f.leadDepartmentId) filters.push((eb) => eb.or([eb('c.lead_department_id', '=', f.leadDepartmentId!), sql<boolean>`${f.leadDepartmentId} = ANY(c.co_department_ids)`]));
  if (f.customerId) filters.push((eb) => eb('c.customer_id', '=', f.customerId!));
  if (f.receivedFrom) filters.push((eb) => eb('c.received_at', '>=', new Date(f.receivedFrom!)));
  if (f.receivedTo) filters.push((eb) => eb('c.received_at', '<', new Date(f.receivedTo!)));
  if (f.overdue === true) filters.push((eb) => eb.and([eb('c.overdue', '=', true), eb('c.status', '!=', 'closed')]));
  if (f.overdue === false) filters.push((eb) => eb('c.overdue', '=', false));
  if (f.clockState) {
    filters.push((eb) =>
      eb.exists(
        eb
          .selectFrom('complaint_clocks as k')
          .select(sql`1`.as('one'))
          .whereRef('k.complaint_id', '=', 'c.id')
          .where('k.state', '=', f.clockState!),
      ),
    );
  }
  const search = f.q && f.q.trim() ? searchCondition(f.q, { searchContact: f.searchContact === true, now: deps.now() }) : null;

  // Complaints alone: every filter, the text search included, is a condition on the complaints row,
  // and the customer and unit are joined only to the page's rows (each complaint has exactly one).
  const where = <Q extends AnyQuery>(q: Q, withSearch: boolean): Q => {
    let r = q;
    for (const w of filters) r = r.where(w) as Q;
    return withSearch && search ? (r.where(() => search) as Q) : r;
  };
  const complaints = () => deps.db.selectFrom('complaints as c');

  let total: number;
  let totalCapped = false;
  if (search) {
    const matches = where(complaints(), true).select(sql`1`.as('one')).limit(SEARCH_TOTAL_CAP + 1);
    const row = await deps.db.selectFrom(matches.as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const n = Number(row?.n ?? 0);
    totalCapped = n > SEARCH_TOTAL_CAP;
    total = Math.min(n, SEARCH_TOTAL_CAP);
  } else {
    const row = await where(complaints(), false).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    total = Number(row?.n ?? 0);
  }

  // A literal, not a parameter, so the planner matches the expression indexes of migration 0007.
  const dueKey = sql<Date>`coalesce(c.next_due_at, ${sql.raw(`'${FAR_FUTURE}'::timestamptz`)})`;
  const inOrder = <Q extends AnyQuery>(q: Q): Q =>
    (sort === 'due' ? q.orderBy(dueKey).orderBy(sql`c.received_at`).orderBy(sql`c.id`) : q.orderBy(sql`c.received_at desc`).orderBy(sql`c.id desc`)) as Q;
  const cursor = f.cursor ? decodeCursor(f.cursor) : null;
  const afterCursor = <Q extends AnyQuery>(q: Q): Q => {
    if (!cursor) return q;
    const { k, id } = cursor;
    return (sort === 'due'
      ? q.where(sql<boolean>`(${dueKey}, c.received_at, c.id) > (${k.split('|')[0]}::timestamptz, ${k.split('|')[1]}::timestamptz, ${id}::uuid)`)
      : q.where(sql<boolean>`(c.received_at, c.id) < (${k}::timestamptz, ${id}::uuid)`)) as Q;
  };
  const withNames = async (pageRows: AnyQuery): Promise<ComplaintPage['items']> => {
    const q = deps.db
      .selectFrom(pageRows.as('c'))
      .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
      .innerJoin('org_nodes as u', 'u.id', 'c.unit_id')
      .selectAll('c')
      .select(['cu.name as customer_name', 'cu.phone as customer_phone', 'cu.email as customer_email', 'u.name as unit_name']);
    return (await inOrder(q).execute()) as unknown as ComplaintPage['items'];
  };

  // A text search's page never lets the planner choose: its estimate for a word is often far off (any
  // bigram it has no statistics for looks like 0.3 % of the table), and on a wrong guess it walks the
  // order's index past tens of thousands of complaints that do not match. The count above says which
  // way is bounded. Up to SEARCH_TOTAL_CAP matches: fetch them all and sort (at most that many rows).
  // More: look for the page among the first SEARCH_WALK_ROWS complaints in order that pass the other
  // filters — if they hold a full page of matches, no complaint further on can come before them — and
  // only otherwise fetch and sort every match.
  let rows: ComplaintPage['items'] | null = null;
  if (search && totalCapped) {
    const walked = inOrder(afterCursor(where(complaints(), false))).selectAll('c').limit(SEARCH_WALK_ROWS);
    const found = await withNames(inOrder(deps.db.selectFrom(walked.as('c')).selectAll('c').where(() => search)).limit(limit + 1));
    if (found.length > limit) rows = found;
  }
  if (search && !rows) {
    // MATERIALIZED: planned on its own, without the ORDER BY, so it finds the matches through the
    // indexes of the conditions (the bigram index first) rather than walking an order.
    const ids = await deps.db
      .with(
        (cte) => cte('m').materialized(),
        () => afterCursor(where(complaints(), true)).select(['c.id', 'c.received_at', 'c.next_due_at']),
      )
      .selectFrom('m as c')
      .select('c.id')
      .$call((q) => inOrder(q))
      .limit(limit + 1)
      .execute();
    rows = ids.length ? await withNames(complaints().selectAll('c').where('c.id', 'in', ids.map((r) => r.id))) : [];
  }
  rows ??= await withNames(inOrder(afterCursor(where(complaints(), false))).selectAll('c').limit(limit + 1));

  const items = rows.slice(0, limit);
  let nextCursor: string | null = null;
  if (rows.length > limit) {
    const last = items[items.length - 1];
    const received = new Date(last.received_at).toISOString();
    const k = sort === 'due' ? `${last.next_due_at ? new Date(last.next_due_at).toISOString() : FAR_FUTURE}|${received}` : received;
    nextCursor = Buffer.from(JSON.stringify({ k, id: last.id })).toString('base64url');
  }
  return { items, nextCursor, total, totalCapped };
}
