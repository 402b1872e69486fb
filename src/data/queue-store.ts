/**
 * The queue's queries: a page of complaints by filters, scope, text search and keyset, with its
 * total counted up to a cap, and the long batches of an export. Every filter is a condition on the
 * complaints row alone; the customer and unit are joined only to the rows returned. The filter comes
 * already checked (src/use-cases/list-complaints.ts turns a request into a QueueQuery).
 */
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Db } from './complaint-store.ts';
import { LISTED_COMPLAINT_COLUMNS, type ListedComplaintRow } from './complaint-store.ts';
import { scopeCondition } from './scope-condition.ts';
import { searchBranches, type SearchBranches } from './search-condition.ts';
import { SEARCH_TOTAL_CAP } from '../domain/search/index.ts';
import type { Scope } from '../security/scope.ts';

/** A queue row as listed: the shown columns, the customer's name and contacts, the unit's name. */
export type QueueRow = ListedComplaintRow & {
  customer_name: string;
  customer_phone: string | null;
  customer_email: string | null;
  unit_name: string;
};

/** Where a page starts: after the row with this sort key (due and received instants, as ISO strings) and id. */
export interface QueuePosition {
  /** The due key (`next_due_at`, or QUEUE_FAR_FUTURE without a running clock); read only for the 'due' order. */
  due: string;
  receivedAt: string;
  id: string;
}

export interface QueueQuery {
  scope: Scope;
  status?: string[];
  unitIds?: string[];
  level?: string[];
  channel?: string[];
  categoryId?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
  overdue?: boolean;
  clockState?: 'running' | 'paused' | 'breached' | 'met';
  leadDepartmentId?: string;
  customerId?: string;
  /** Free text (already non-blank), or none. */
  q?: string;
  /** Whether free text may match the customer's phone. */
  searchContact: boolean;
  sort: 'due' | 'received';
  after: QueuePosition | null;
}

/** The due key of a complaint without a running clock: those follow every running one in the 'due' order. */
export const QUEUE_FAR_FUTURE = '9999-12-31T00:00:00.000Z';
type AnyQuery = SelectQueryBuilder<any, any, any>;
/**
 * When a text search matches more than SEARCH_TOTAL_CAP complaints, its page is first looked for among
 * the first complaints in the queue's order (the other filters applied, the text not), read through the
 * order's index: this many per row of the page, a short walk and then a longer one. A word in one
 * complaint of 150 or more fills a page of 25 within ~4,000 rows, where fetching and sorting every match
 * reads them all (退款: 81,000 at 1M). The short walk is there because the planner reads a long one
 * differently when the other filters leave few complaints (a unit's open ones: it fetches and sorts all
 * of them, ~100 ms), while a word that frequent fills the page from 500. A rarer word misses both and
 * pays them on top of fetching its matches; at 1M that is about what the walks would save, and longer
 * walks would catch more words but make every miss dearer.
 */
const SEARCH_WALK_ROWS_PER_ROW = [20, 150];
/**
 * A walk looks each row's customer up by key when the customers' index finds at least this many
 * customers per walked row, and gathers them otherwise: reading one found customer costs about what
 * looking up one walked row's does, and the index finds more than match (a role without contact
 * details still gets the customers whose phone holds the digits, and drops them only on reading).
 */
const PROBE_WHEN_CANDIDATES_PER_ROW = 2;

type PageRows = QueueRow[];

/**
 * The pieces every page query of one request is built from: the filters, the order and the cursor
 * apply to `c` in queries of several shapes (a count, a page, a walk, a list of ids).
 */
interface ListQueries {
  db: Db;
  limit: number;
  /** The text search: its two branches, the complaint's own text and its customer. */
  search: SearchBranches | null;
  complaints: () => AnyQuery;
  filtered: <Q extends AnyQuery>(q: Q, withSearch: boolean) => Q;
  inOrder: <Q extends AnyQuery>(q: Q) => Q;
  afterCursor: <Q extends AnyQuery>(q: Q) => Q;
  /** The page's rows with the customer and unit joined (each complaint has exactly one). */
  withNames: (pageRows: AnyQuery) => Promise<PageRows>;
}

function filterConditions(f: QueueQuery): ((eb: any) => Expression<SqlBool>)[] {
  const filters: ((eb: any) => Expression<SqlBool>)[] = [() => scopeCondition(f.scope, 'c')];
  if (f.status?.length) filters.push((eb) => eb('c.status', 'in', f.status!));
  if (f.unitIds) filters.push((eb) => (f.unitIds!.length ? eb('c.unit_id', 'in', f.unitIds!) : sql<boolean>`false`));
  if (f.level?.length) filters.push((eb) => eb('c.level', 'in', f.level!));
  if (f.channel?.length) filters.push((eb) => eb('c.channel', 'in', f.channel!));
  if (f.categoryId) filters.push((eb) => eb('c.category_id', '=', f.categoryId!));
  if (f.leadDepartmentId)
    filters.push((eb) =>
      eb.or([eb('c.lead_department_id', '=', f.leadDepartmentId!), sql<boolean>`${f.leadDepartmentId} = ANY(c.co_department_ids)`]),
    );
  if (f.customerId) filters.push((eb) => eb('c.customer_id', '=', f.customerId!));
  if (f.receivedFrom) {
    const from = f.receivedFrom;
    filters.push((eb) => eb('c.received_at', '>=', from));
  }
  if (f.receivedTo) {
    const to = f.receivedTo;
    filters.push((eb) => eb('c.received_at', '<', to));
  }
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
  return filters;
}

function listQueries(db: Db, f: QueueQuery, limit: number): ListQueries {
  const sort = f.sort;
  const filters = filterConditions(f);
  const search = f.q ? searchBranches(f.q, { searchContact: f.searchContact }) : null;
  // Complaints alone: every filter, the text search included, is a condition on the complaints row,
  // and the customer and unit are joined only to the page's rows.
  const filtered = <Q extends AnyQuery>(q: Q, withSearch: boolean): Q => {
    let r = q;
    for (const w of filters) r = r.where(w) as Q;
    return withSearch && search ? (r.where(() => search.either('array')) as Q) : r;
  };
  // A literal, not a parameter, so the planner matches the expression indexes of migration 0007.
  const dueKey = sql<Date>`coalesce(c.next_due_at, ${sql.raw(`'${QUEUE_FAR_FUTURE}'::timestamptz`)})`;
  const inOrder = <Q extends AnyQuery>(q: Q): Q =>
    (sort === 'due'
      ? q.orderBy(dueKey).orderBy(sql`c.received_at`).orderBy(sql`c.id`)
      : q.orderBy(sql`c.received_at desc`).orderBy(sql`c.id desc`)) as Q;
  const afterCursor = <Q extends AnyQuery>(q: Q): Q => {
    if (!f.after) return q;
    const { due, receivedAt, id } = f.after;
    return (
      sort === 'due'
        ? q.where(sql<boolean>`(${dueKey}, c.received_at, c.id) > (${due}::timestamptz, ${receivedAt}::timestamptz, ${id}::uuid)`)
        : q.where(sql<boolean>`(c.received_at, c.id) < (${receivedAt}::timestamptz, ${id}::uuid)`)
    ) as Q;
  };
  const withNames = async (pageRows: AnyQuery): Promise<PageRows> => {
    const q = db
      .selectFrom(pageRows.as('c'))
      .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
      .innerJoin('org_nodes as u', 'u.id', 'c.unit_id')
      // The shown columns only: the index-only ones are most of a row's bytes.
      .select(LISTED_COMPLAINT_COLUMNS.map((col) => `c.${col}` as const))
      .select(['cu.name as customer_name', 'cu.phone as customer_phone', 'cu.email as customer_email', 'u.name as unit_name']);
    return (await inOrder(q).execute()) as unknown as PageRows;
  };
  return { db, limit, search, complaints: () => db.selectFrom('complaints as c'), filtered, inOrder, afterCursor, withNames };
}

export interface QueuePage {
  /** One more row than the limit when a next page exists. */
  rows: PageRows;
  /** The number of matching complaints; with `totalCapped`, a lower bound. */
  total: number;
  totalCapped: boolean;
}

/**
 * A page of `limit` rows (and one more, to tell that a next page exists) with its total: a text search
 * counts up to SEARCH_TOTAL_CAP, any other list up to `totalCap`.
 */
export async function queuePage(db: Db, f: QueueQuery, limit: number, totalCap: number): Promise<QueuePage> {
  const qs = listQueries(db, f, limit);
  return qs.search ? searchPage(qs, qs.search) : plainPage(qs, totalCap);
}

/**
 * Up to `size` rows of the queue in its order, after `f.after`, uncounted (the export's batches). The
 * text search is one condition here (both its branches, as sortAllMatches reads them): a batch is a
 * long list, not a page to find fast.
 */
export async function queueBatch(db: Db, f: QueueQuery, size: number): Promise<PageRows> {
  const qs = listQueries(db, f, size);
  return qs.withNames(
    qs
      .inOrder(qs.afterCursor(qs.filtered(qs.complaints(), true)))
      .selectAll('c')
      .limit(size),
  );
}

/** Without a text search: the count up to `totalCap` and the page (one more row than asked, to know there is a next). */
async function plainPage(qs: ListQueries, totalCap: number): Promise<QueuePage> {
  const [row, rows] = await Promise.all([
    qs.db
      .selectFrom(
        qs
          .filtered(qs.complaints(), false)
          .select(sql`1`.as('one'))
          .limit(totalCap + 1)
          .as('m'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    qs.withNames(
      qs
        .inOrder(qs.afterCursor(qs.filtered(qs.complaints(), false)))
        .selectAll('c')
        .limit(qs.limit + 1),
    ),
  ]);
  const n = Number(row?.n ?? 0);
  return { total: Math.min(n, totalCap), totalCapped: n > totalCap, rows };
}

/**
 * A text search's page is not left to the planner: its estimate for a word is often far off (a bigram
 * it keeps no statistics for is guessed at ~0.5 % of the table), and on a high guess it walks the
 * order's index past tens of thousands of complaints that do not match. Counting first tells which way
 * is bounded.
 */
async function searchPage(qs: ListQueries, branches: SearchBranches): Promise<QueuePage> {
  // At most SEARCH_TOTAL_CAP + 1 matches by text and as many by customer (MATERIALIZED: planned without
  // the ORDER BY, so never by walking an order). If their union holds no more than the cap, neither
  // side was cut short and it is every match: its size is the total and it holds the page, so a rare
  // word or a code costs one index search, not two. If it holds more, so do all matches. Apart, each
  // side stops at the cap: a surname's customers are taken one at a time with their complaints until
  // then (15 ms for 王 at 1M), where one condition with OR first gathered all 23,000 of them and looked
  // up each one's complaints (90–135 ms).
  const matching = (by: Expression<SqlBool>) =>
    qs
      .filtered(qs.complaints(), false)
      .where(() => by)
      .select(['c.id', 'c.received_at', 'c.next_due_at'])
      .limit(SEARCH_TOTAL_CAP + 1);
  const walks = SEARCH_WALK_ROWS_PER_ROW.map((perRow) => perRow * (qs.limit + 1));
  // How many customers the index finds, up to what decides each walk's form (walkForPage).
  const enough = PROBE_WHEN_CANDIDATES_PER_ROW * walks[walks.length - 1];
  const counted = await qs.db
    .with(
      (cte) => cte('m').materialized(),
      // Alone in its WHERE, `IN` is a join that the planner can start from the customers.
      (db) =>
        db
          .selectFrom(matching(branches.text).as('t'))
          .selectAll()
          .union(db.selectFrom(matching(branches.customer('hashed')).as('k')).selectAll()),
    )
    .selectFrom((db) =>
      db
        .selectFrom('m')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .as('t'),
    )
    .leftJoinLateral(
      (db) =>
        qs
          .inOrder(qs.afterCursor(db.selectFrom('m as c').select('c.id')))
          .limit(qs.limit + 1)
          .as('p'),
      (join) => join.onTrue(),
    )
    .select(['t.n', 'p.id'])
    .select(sql<number>`(SELECT count(*) FROM (${branches.customerCandidates} LIMIT ${enough}) x)`.as('candidates'))
    .execute();
  const n = Number(counted[0]?.n ?? 0);
  const total = Math.min(n, SEARCH_TOTAL_CAP);
  if (n <= SEARCH_TOTAL_CAP) {
    const ids = counted.flatMap((r) => (r.id ? [r.id] : []));
    return {
      total,
      totalCapped: false,
      rows: ids.length ? await qs.withNames(qs.complaints().selectAll('c').where('c.id', 'in', ids)) : [],
    };
  }
  const candidates = Number(counted[0]?.candidates ?? 0);
  return { total, totalCapped: true, rows: (await walkForPage(qs, branches, walks, candidates)) ?? (await sortAllMatches(qs)) };
}

/**
 * Many matches: the page among the first complaints in order that pass the other filters. If they hold
 * a full page of matches, no complaint further on can come before them; null otherwise.
 */
async function walkForPage(
  qs: ListQueries,
  branches: SearchBranches,
  walks: number[],
  customerCandidates: number,
): Promise<PageRows | null> {
  for (const rows of walks) {
    // Gathering the customers reads each one the index finds; looking up each walked row's reads one per row.
    const form = customerCandidates >= PROBE_WHEN_CANDIDATES_PER_ROW * rows ? 'probe' : 'hashed';
    const inWalk = branches.either(form);
    const walked = qs
      .inOrder(qs.afterCursor(qs.filtered(qs.complaints(), false)))
      .selectAll('c')
      .limit(rows);
    const found = await qs.withNames(
      qs
        .inOrder(
          qs.db
            .selectFrom(walked.as('c'))
            .selectAll('c')
            .where(() => inWalk),
        )
        .limit(qs.limit + 1),
    );
    if (found.length > qs.limit) return found;
  }
  return null;
}

/** A rarer word, or one absent from the newest complaints: every match, sorted. */
async function sortAllMatches(qs: ListQueries): Promise<PageRows> {
  const pageIds = qs.db
    .with(
      (cte) => cte('m').materialized(),
      () => qs.afterCursor(qs.filtered(qs.complaints(), true)).select(['c.id', 'c.received_at', 'c.next_due_at']),
    )
    .selectFrom('m as c')
    .select('c.id')
    .$call((q) => qs.inOrder(q))
    .limit(qs.limit + 1);
  return qs.withNames(qs.complaints().selectAll('c').where('c.id', 'in', pageIds));
}
