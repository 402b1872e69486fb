/** /api/stats/dashboard: what the console's front page shows (the bell's inbox: inbox.routes.ts). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { requireUser } from '../auth-hook.ts';
import { authorize } from '../../security/authorize.ts';
import { STANDARD_ERRORS } from '../schema-helpers.ts';
import { readDashboard } from '../../use-cases/read-dashboard.ts';

const Count = Type.Integer({ minimum: 0 });
const DashboardSchema = Type.Object({
  asOf: Type.String({ format: 'date-time', description: 'when the counts were taken' }),
  openByLevel: Type.Array(Type.Object({ level: Type.Union([Type.String(), Type.Null()]), count: Count })),
  overdueByUnit: Type.Array(Type.Object({ unitId: Type.String(), unitName: Type.String(), count: Count })),
  intakePerDay: Type.Array(Type.Object({ day: Type.String(), count: Count })),
  byCategory: Type.Array(Type.Object({ categoryId: Type.Union([Type.String(), Type.Null()]), count: Count })),
  satisfaction: Type.Array(Type.Object({ week: Type.String(), avg: Type.Number(), count: Count })),
  unaddressedPositions: Type.Array(
    Type.Object({
      positionId: Type.String(),
      positionName: Type.String(),
      positionNameZh: Type.String(),
      orgNodeId: Type.Union([Type.String(), Type.Null()]),
      orgNodeName: Type.Union([Type.String(), Type.Null()]),
      count: Count,
      lastAt: Type.String({ format: 'date-time' }),
    }),
    {
      description:
        "positions that fired with nobody holding them at the complaint's unit or above, and still held by nobody (issue #14): for those who receive such notifications, empty for others",
    },
  ),
});

export async function statsRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/stats/dashboard',
    {
      schema: {
        tags: ['stats'],
        security: [{ bearer: [] }],
        summary:
          'Open by level, overdue by unit, intake per day and by category (the last 30 days), weekly satisfaction (the last 12 weeks), over the complaints in scope; exact at asOf',
        response: { ...STANDARD_ERRORS, 200: DashboardSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'dashboard.read');
      return readDashboard(deps, user);
    },
  );
}
