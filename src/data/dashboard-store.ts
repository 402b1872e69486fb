/**
 * The dashboard's five counts over the complaints in a scope (the same rule as the queue): open by
 * level, overdue by unit, intake per day and by category over the last 30 days, and the weekly
 * satisfaction of the last 12 weeks. All are read from the tallies a trigger keeps as complaints change
 * (migration 0036): the folded tallies and the changes not yet folded, added up in one statement each,
 * so a fold committing meanwhile is seen entirely or not at all.
 */
import { sql } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { Scope } from '../security/scope.ts';
import type { TallyKind } from './schema.ts';
import { scopeCondition } from './scope-condition.ts';
import { dashboardWindows } from '../domain/reports/dashboard-windows.ts';

export interface DashboardCounts {
  openByLevel: { level: string | null; count: number }[];
  overdueByUnit: { unitId: string; unitName: string; count: number }[];
  intakePerDay: { day: string; count: number }[];
  byCategory: { categoryId: string | null; count: number }[];
  satisfaction: { week: string; avg: number; count: number }[];
}

const TALLY_COLUMNS = ['kind', 'unit_id', 'lead_department_id', 'co_department_ids', 'day', 'level', 'category_id', 'n', 'score'] as const;

/** One kind's tallies, folded and not yet folded, as rows of one subquery `t` (from `from`, a local date, on). */
function tallies(db: Db, kind: TallyKind, from?: string) {
  // The two tables have the same columns (the changes' table is LIKE the tallies'), so one builder serves both.
  const part = (table: 'complaint_tallies' | 'complaint_tally_changes') => {
    const q = db
      .selectFrom(table as 'complaint_tallies')
      .select(TALLY_COLUMNS)
      .where('kind', '=', kind);
    return from ? q.where('day', '>=', from) : q;
  };
  return part('complaint_tallies').unionAll(part('complaint_tally_changes')).as('t');
}

export async function dashboardCounts(db: Db, scope: Scope, now: Date): Promise<DashboardCounts> {
  const { intakeFrom, satisfactionFrom } = dashboardWindows(now);
  const inScope = scopeCondition(scope, 't');
  const total = sql<number>`sum(t.n)`;
  const [openByLevel, overdueByUnit, intakePerDay, byCategory, satisfaction] = await Promise.all([
    db
      .selectFrom(tallies(db, 'open'))
      .select(['t.level', total.as('count')])
      .where(inScope)
      .groupBy('t.level')
      .having(total, '<>', 0)
      .execute(),
    db
      .selectFrom(tallies(db, 'overdue'))
      .innerJoin('org_nodes as u', 'u.id', 't.unit_id')
      .select(['t.unit_id as unitId', 'u.name as unitName', total.as('count')])
      .where(inScope)
      .groupBy(['t.unit_id', 'u.name'])
      .having(total, '<>', 0)
      .execute(),
    db
      .selectFrom(tallies(db, 'received', intakeFrom))
      .select([sql<string>`to_char(t.day, 'YYYY-MM-DD')`.as('day'), total.as('count')])
      .where(inScope)
      .groupBy('t.day')
      .having(total, '<>', 0)
      .orderBy('t.day')
      .execute(),
    db
      .selectFrom(tallies(db, 'received', intakeFrom))
      .select(['t.category_id as categoryId', total.as('count')])
      .where(inScope)
      .groupBy('t.category_id')
      .having(total, '<>', 0)
      .execute(),
    db
      .selectFrom(tallies(db, 'rated', satisfactionFrom))
      .select([
        sql<string>`to_char(date_trunc('week', t.day), 'YYYY-MM-DD')`.as('week'),
        sql<number>`round(sum(t.score)::numeric / sum(t.n), 2)::float8`.as('avg'),
        total.as('count'),
      ])
      .where(inScope)
      .groupBy(sql`1`)
      .having(total, '<>', 0)
      .orderBy(sql`1`)
      .execute(),
  ]);
  const n = (v: unknown) => Number(v);
  return {
    openByLevel: openByLevel.map((r) => ({ level: r.level, count: n(r.count) })),
    overdueByUnit: overdueByUnit.map((r) => ({ unitId: r.unitId, unitName: r.unitName, count: n(r.count) })),
    intakePerDay: intakePerDay.map((r) => ({ day: r.day, count: n(r.count) })),
    byCategory: byCategory.map((r) => ({ categoryId: r.categoryId, count: n(r.count) })),
    satisfaction: satisfaction.map((r) => ({ week: r.week, avg: n(r.avg), count: n(r.count) })),
  };
}
