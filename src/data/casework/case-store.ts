/**
 * Storage of the case library (cases) and the reads that build a case: the customers whose identity is
 * removed, and the monthly counts that show recurring patterns. Every function takes the database or
 * the transaction it runs in.
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { ComplaintRow, Db } from '../complaint-store.ts';
import type { CasesTable } from '../schema.ts';
import type { MonthlyCount } from '../../domain/casework/index.ts';
import { scopeCondition, type Scope } from '../../security/scope.ts';

export type CaseRow = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;

export interface CaseSearch {
  q?: string;
  categoryId?: string;
  unitId?: string;
  classification?: string;
  limit?: number;
}

/** Cases are read by organisation; department-scoped roles (handlers) do not browse the library. */
function caseScope(scope: Scope) {
  return scope.departmentIds ? sql<boolean>`false` : scopeCondition(scope, 'cases');
}

export async function complaintHasCase(trx: Db, complaintId: string): Promise<boolean> {
  return (await trx.selectFrom('cases').select('id').where('complaint_id', '=', complaintId).executeTakeFirst()) !== undefined;
}

/**
 * The complaint's customer, and the customers of complaints linked to it (a contest record is the same
 * person). Either side of a link: a similar pair is one row, from the later complaint to the earlier.
 */
export async function customersOfComplaintAndLinked(
  trx: Db,
  row: Pick<ComplaintRow, 'id' | 'customer_id'>,
): Promise<{ name: string; phone: string | null; email: string | null }[]> {
  return trx
    .selectFrom('customers')
    .select(['name', 'phone', 'email'])
    .where((eb) => {
      const linked = eb
        .selectFrom('complaint_links as l')
        .select('l.to_id as complaint_id')
        .where('l.from_id', '=', row.id)
        .union(eb.selectFrom('complaint_links as l').select('l.from_id as complaint_id').where('l.to_id', '=', row.id));
      return eb.or([
        eb('id', '=', row.customer_id),
        eb('id', 'in', eb.selectFrom('complaints as c2').select('c2.customer_id').where('c2.id', 'in', linked)),
      ]);
    })
    .execute();
}

export async function insertCase(trx: Db, values: NewCase): Promise<string> {
  const row = await trx.insertInto('cases').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A case by id; with a scope, only when the scope may read it. An id that is not a UUID finds nothing. */
export async function findCase(db: Db, id: string, scope?: Scope): Promise<CaseRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  let q = db.selectFrom('cases').selectAll('cases').where('cases.id', '=', id);
  if (scope) q = q.where(caseScope(scope));
  return q.executeTakeFirst();
}

/** The scope's cases matching the filters and the text (title, summary, lessons, classification, code), latest closed first. */
export async function searchCaseRows(db: Db, scope: Scope, query: CaseSearch): Promise<CaseRow[]> {
  let q = db.selectFrom('cases').selectAll('cases').where(caseScope(scope));
  if (query.categoryId) q = q.where('category_id', '=', query.categoryId);
  if (query.unitId) q = q.where('unit_id', '=', query.unitId);
  if (query.classification) q = q.where('classification', '=', query.classification);
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('title', 'ilike', like),
        eb('summary', 'ilike', like),
        eb('lessons', 'ilike', like),
        eb('classification', 'ilike', like),
        eb('complaint_code', 'ilike', like),
      ]),
    );
  }
  return q
    .orderBy('closed_at', 'desc')
    .orderBy('id')
    .limit(query.limit ?? 50)
    .execute();
}

/** Complaints per unit, category and local month in [start, end), within the scope; invalid ones and uncategorised ones left out. */
export async function monthlyCountsByUnitAndCategory(
  db: Db,
  scope: Scope,
  win: { start: Date; end: Date },
  zone: string,
): Promise<MonthlyCount[]> {
  const res = await sql<MonthlyCount>`
      SELECT c.unit_id AS "unitId", c.category_id AS "categoryId",
             to_char(c.received_at AT TIME ZONE ${zone}, 'YYYY-MM') AS month, count(*)::int AS n
      FROM complaints c
      WHERE c.received_at >= ${win.start} AND c.received_at < ${win.end}
        AND c.category_id IS NOT NULL
        AND c.qualification IS DISTINCT FROM 'invalid'
        AND ${scopeCondition(scope, 'c')}
      GROUP BY 1, 2, 3`.execute(db);
  return res.rows;
}

/** The cases of the given unit and category pairs, latest closed first. */
export async function casesOfUnitCategories(
  db: Db,
  pairs: readonly { unitId: string; categoryId: string }[],
): Promise<Pick<CaseRow, 'unit_id' | 'category_id' | 'id' | 'title'>[]> {
  if (!pairs.length) return [];
  return db
    .selectFrom('cases')
    .select(['unit_id', 'category_id', 'id', 'title'])
    .where((eb) => eb.or(pairs.map((p) => eb.and([eb('unit_id', '=', p.unitId), eb('category_id', '=', p.categoryId)]))))
    .orderBy('closed_at', 'desc')
    .execute();
}
