/**
 * The queue: filters and keyset pagination. Sorting by due puts the complaints whose nearest clock
 * runs out first at the top; complaints with no running clock follow, newest first.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Deps } from './context.ts';
import type { ComplaintRow } from '../data/complaint-store.ts';
import { invalid } from '../domain/errors.ts';
import { scopeCondition, type Scope } from '../security/scope.ts';
import { searchCondition } from '../domain/search/index.ts';

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
  total: number;
}

const FAR_FUTURE = '9999-12-31T00:00:00.000Z';

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
  let base = deps.db
    .selectFrom('complaints as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .innerJoin('org_nodes as u', 'u.id', 'c.unit_id');
  const where: ((eb: any) => Expression<SqlBool>)[] = [() => scopeCondition(f.scope, 'c')];
  if (f.status?.length) where.push((eb) => eb('c.status', 'in', f.status!));
  if (f.unitIds) where.push((eb) => (f.unitIds!.length ? eb('c.unit_id', 'in', f.unitIds!) : sql<boolean>`false`));
  if (f.level?.length) where.push((eb) => eb('c.level', 'in', f.level!));
  if (f.channel?.length) where.push((eb) => eb('c.channel', 'in', f.channel!));
  if (f.categoryId) where.push((eb) => eb('c.category_id', '=', f.categoryId!));
  if (f.leadDepartmentId) where.push((eb) => eb.or([eb('c.lead_department_id', '=', f.leadDepartmentId!), sql<boolean>`${f.leadDepartmentId} = ANY(c.co_department_ids)`]));
  if (f.customerId) where.push((eb) => eb('c.customer_id', '=', f.customerId!));
  if (f.receivedFrom) where.push((eb) => eb('c.received_at', '>=', new Date(f.receivedFrom!)));
  if (f.receivedTo) where.push((eb) => eb('c.received_at', '<', new Date(f.receivedTo!)));
  if (f.overdue === true) where.push((eb) => eb.and([eb('c.overdue', '=', true), eb('c.status', '!=', 'closed')]));
  if (f.overdue === false) where.push((eb) => eb('c.overdue', '=', false));
  if (f.clockState) {
    where.push((eb) =>
      eb.exists(
        eb
          .selectFrom('complaint_clocks as k')
          .select(sql`1`.as('one'))
          .whereRef('k.complaint_id', '=', 'c.id')
          .where('k.state', '=', f.clockState!),
      ),
    );
  }
  if (f.q && f.q.trim()) {
    const search = searchCondition(f.q, { searchContact: f.searchContact === true, now: deps.now() });
    where.push(() => search);
  }
  for (const w of where) base = base.where(w);

  // The total needs neither the unit's name nor (unless the text search reads it) the customer: each
  // complaint has exactly one of both, so counting complaints alone gives the same number, cheaper.
  const searching = Boolean(f.q && f.q.trim());
  let countQuery = searching
    ? (deps.db.selectFrom('complaints as c').innerJoin('customers as cu', 'cu.id', 'c.customer_id') as unknown as ReturnType<typeof deps.db.selectFrom<'complaints as c'>>)
    : deps.db.selectFrom('complaints as c');
  for (const w of where) countQuery = countQuery.where(w);
  const totalRow = await countQuery.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  let q = base.selectAll('c').select(['cu.name as customer_name', 'cu.phone as customer_phone', 'cu.email as customer_email', 'u.name as unit_name']);
  // A literal, not a parameter, so the planner matches the expression indexes of migration 0007.
  const dueKey = sql<Date>`coalesce(c.next_due_at, ${sql.raw(`'${FAR_FUTURE}'::timestamptz`)})`;
  if (f.cursor) {
    const { k, id } = decodeCursor(f.cursor);
    if (sort === 'due') q = q.where(sql<boolean>`(${dueKey}, c.received_at, c.id) > (${k.split('|')[0]}::timestamptz, ${k.split('|')[1]}::timestamptz, ${id}::uuid)`);
    else q = q.where(sql<boolean>`(c.received_at, c.id) < (${k}::timestamptz, ${id}::uuid)`);
  }
  q = sort === 'due' ? q.orderBy(dueKey).orderBy('c.received_at').orderBy('c.id') : q.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc');
  const rows = await q.limit(limit + 1).execute();
  const items = rows.slice(0, limit) as ComplaintPage['items'];
  let nextCursor: string | null = null;
  if (rows.length > limit) {
    const last = items[items.length - 1];
    const received = new Date(last.received_at).toISOString();
    const k = sort === 'due' ? `${last.next_due_at ? new Date(last.next_due_at).toISOString() : FAR_FUTURE}|${received}` : received;
    nextCursor = Buffer.from(JSON.stringify({ k, id: last.id })).toString('base64url');
  }
  return { items, nextCursor, total: Number(totalRow?.n ?? 0) };
}
