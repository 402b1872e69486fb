/** /api/stats/dashboard and /api/inbox: what the console's front page and bell show. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { requireUser } from '../auth-hook.ts';
import { authorize } from '../../security/authorize.ts';
import { SERIALIZE_AS_IS, STANDARD_ERRORS } from '../schema-helpers.ts';
import { DASHBOARD_FRESH_MS, readDashboard } from '../../use-cases/read-dashboard.ts';
import { readInbox } from '../../use-cases/read-inbox.ts';
import { InboxSchema } from './inbox.response.ts';

const Count = Type.Integer({ minimum: 0 });
const DashboardSchema = Type.Object({
  asOf: Type.String({ format: 'date-time', description: 'when the counts were taken' }),
  openByLevel: Type.Array(Type.Object({ level: Type.Union([Type.String(), Type.Null()]), count: Count })),
  overdueByUnit: Type.Array(Type.Object({ unitId: Type.String(), unitName: Type.String(), count: Count })),
  intakePerDay: Type.Array(Type.Object({ day: Type.String(), count: Count })),
  byCategory: Type.Array(Type.Object({ categoryId: Type.Union([Type.String(), Type.Null()]), count: Count })),
  satisfaction: Type.Array(Type.Object({ week: Type.String(), avg: Type.Number(), count: Count })),
});

export async function statsRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/stats/dashboard',
    {
      schema: {
        tags: ['stats'],
        security: [{ bearer: [] }],
        summary: `Open by level, overdue by unit, intake per day, by category, satisfaction trend, over the complaints in scope; counts taken at asOf, at most ${DASHBOARD_FRESH_MS / 1000} s before`,
        response: { ...STANDARD_ERRORS, 200: DashboardSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'dashboard.read');
      return readDashboard(deps, user);
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
        response: { ...STANDARD_ERRORS, 200: InboxSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => readInbox(deps, requireUser(request), request.query.limit),
  );
}
