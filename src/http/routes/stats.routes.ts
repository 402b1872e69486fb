/** /api/stats/dashboard and /api/inbox: what the console's front page and bell show. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'kysely';
import type { Deps } from '../../use-cases/context.ts';
import { requireUser } from '../auth-hook.ts';
import { authorize } from '../../security/authorize.ts';
import { scopeOf, scopeCondition } from '../../security/scope.ts';
import { STANDARD_ERRORS } from '../schema-helpers.ts';

export async function statsRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/stats/dashboard',
    { schema: { tags: ['stats'], security: [{ bearer: [] }], summary: 'Open by level, overdue by unit, intake per day, by category, satisfaction trend', response: { ...STANDARD_ERRORS } } },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'dashboard.read');
      const now = deps.now();
      const since = new Date(now.getTime() - 30 * 86400_000);
      const db = deps.db;
      // Every count is over the complaints in the user's scope only (the same rule as the list).
      const inScope = scopeCondition(await scopeOf(db, user), 'c');
      const [openByLevel, overdueByUnit, intakePerDay, byCategory, satisfaction] = await Promise.all([
        db.selectFrom('complaints as c').select(['c.level', (eb) => eb.fn.countAll<number>().as('count')]).where(inScope).where('c.status', '!=', 'closed').groupBy('c.level').execute(),
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
          .select([sql<string>`to_char(c.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'), (eb) => eb.fn.countAll<number>().as('count')])
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
        overdueByUnit: overdueByUnit.map((r) => ({ ...r, count: n(r.count) })),
        intakePerDay: intakePerDay.map((r) => ({ day: r.day, count: n(r.count) })),
        byCategory: byCategory.map((r) => ({ categoryId: r.categoryId, count: n(r.count) })),
        satisfaction: satisfaction.map((r) => ({ week: r.week, avg: n(r.avg), count: n(r.count) })),
      };
    },
  );

  app.get(
    '/api/inbox',
    {
      schema: {
        tags: ['stats'],
        security: [{ bearer: [] }],
        summary: "Notifications due for the user's role (R-NT-1/2)",
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false }),
        response: { ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      // A notification about a complaint outside the user's scope is not theirs to see.
      const inScope = scopeCondition(await scopeOf(deps.db, user), 'c');
      const rows = await deps.db
        .selectFrom('notifications as n')
        .leftJoin('complaints as c', 'c.id', 'n.complaint_id')
        .select(['n.id', 'n.complaint_id as complaintId', 'c.code', 'n.recipient_role as recipientRole', 'n.kind', 'n.rule_id as ruleId', 'n.subject', 'n.due_at as dueAt', 'n.read_at as readAt'])
        .where((eb) => (user.role === 'admin' ? sql<boolean>`true` : eb('n.recipient_role', '=', user.role)))
        .where((eb) => eb.or([eb('n.complaint_id', 'is', null), inScope]))
        .orderBy('n.due_at', 'desc')
        .limit(request.query.limit ?? 50)
        .execute();
      return rows;
    },
  );
}
