/**
 * The dashboard's five counts over the complaints in a scope (the same rule as the queue): open by
 * level, overdue by unit, intake per day and by category over the last 30 days, and the weekly
 * satisfaction of the last 12 weeks. Run side by side; each reads an index (migration 0021).
 */
import { sql } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { Scope } from '../security/scope.ts';
import { scopeCondition } from './scope-condition.ts';

export interface DashboardCounts {
  openByLevel: { level: string | null; count: number }[];
  overdueByUnit: { unitId: string; unitName: string; count: number }[];
  intakePerDay: { day: string; count: number }[];
  byCategory: { categoryId: string | null; count: number }[];
  satisfaction: { week: string; avg: number; count: number }[];
}

export async function dashboardCounts(db: Db, scope: Scope, now: Date): Promise<DashboardCounts> {
  const since = new Date(now.getTime() - 30 * 86400_000);
  const inScope = scopeCondition(scope, 'c');
  const [openByLevel, overdueByUnit, intakePerDay, byCategory, satisfaction] = await Promise.all([
    db
      .selectFrom('complaints as c')
      .select(['c.level', (eb) => eb.fn.countAll<number>().as('count')])
      .where(inScope)
      .where('c.status', '!=', 'closed')
      .groupBy('c.level')
      .execute(),
    db
      .selectFrom('complaints as c')
      .innerJoin('org_nodes as u', 'u.id', 'c.unit_id')
      .select(['c.unit_id as unitId', 'u.name as unitName', (eb) => eb.fn.countAll<number>().as('count')])
      .where(inScope)
      .where('c.overdue', '=', true)
      .where('c.status', '!=', 'closed')
      .groupBy(['c.unit_id', 'u.name'])
      .execute(),
    db
      .selectFrom('complaints as c')
      .select([
        sql<string>`to_char(c.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
        (eb) => eb.fn.countAll<number>().as('count'),
      ])
      .where(inScope)
      .where('c.received_at', '>=', since)
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute(),
    db
      .selectFrom('complaints as c')
      .select(['c.category_id as categoryId', (eb) => eb.fn.countAll<number>().as('count')])
      .where(inScope)
      .where('c.received_at', '>=', since)
      .groupBy('c.category_id')
      .execute(),
    db
      .selectFrom('complaints as c')
      .select([
        sql<string>`to_char(date_trunc('week', c.closed_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')`.as('week'),
        sql<number>`round(avg(c.satisfaction)::numeric, 2)::float8`.as('avg'),
        (eb) => eb.fn.countAll<number>().as('count'),
      ])
      .where(inScope)
      .where('c.satisfaction', 'is not', null)
      .where('c.closed_at', '>=', new Date(now.getTime() - 12 * 7 * 86400_000))
      .groupBy(sql`1`)
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
