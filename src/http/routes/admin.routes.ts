/** /api/admin: installation checks for administrators. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { authorize } from '../../security/authorize.ts';
import { scopeOf } from '../../security/scope.ts';
import { verifyEventLog } from '../../use-cases/verify-event-log.ts';
import { requireUser } from '../auth-hook.ts';
import { STANDARD_ERRORS } from '../schema-helpers.ts';

export async function adminRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/admin/event-log/verify',
    {
      schema: {
        tags: ['admin'],
        security: [{ bearer: [] }],
        summary: "Walks every complaint's event hash chain and reports the first broken link of each (R-LC-1)",
        querystring: Type.Object({ complaintId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })) }, { additionalProperties: false }),
        response: { ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'eventlog.verify');
      const report = await verifyEventLog(deps, { complaintId: request.query.complaintId });
      // An administrator at an organisation node is told about the complaints in their scope only.
      const scope = await scopeOf(deps.db, user);
      let broken = report.broken;
      if (scope.orgIds !== null && broken.length) {
        const units = await deps.db.selectFrom('complaints').select(['id', 'unit_id']).where('id', 'in', broken.map((b) => b.complaintId)).execute();
        const inScope = new Set(units.filter((u) => scope.orgIds!.has(u.unit_id)).map((u) => u.id));
        broken = broken.filter((b) => inScope.has(b.complaintId));
      }
      return { complaints: report.complaints, events: report.events, intact: broken.length === 0, broken };
    },
  );
}
