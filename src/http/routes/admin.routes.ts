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

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

const VerifyReport = Type.Object({
  complaints: Type.Integer({ description: "Complaints checked: those in the caller's scope" }),
  events: Type.Integer(),
  intact: Type.Boolean(),
  checkpoint: Type.Union(
    [
      Type.Object({
        status: Type.Union([Type.Literal('valid'), Type.Literal('invalid'), Type.Literal('none')]),
        id: NullableInt,
        at: NullableString,
        complaints: NullableInt,
        events: NullableInt,
        problem: NullableString,
      }),
      Type.Null(),
    ],
    { description: 'The newest checkpoint; null for an administrator who does not see the whole installation' },
  ),
  broken: Type.Array(Type.Object({ complaintId: Type.String(), code: NullableString, seq: Type.Integer(), reason: Type.String() })),
});

export async function adminRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/admin/event-log/verify',
    {
      schema: {
        tags: ['admin'],
        security: [{ bearer: [] }],
        summary: "Walks every complaint's event hash chain, compares it with the newest signed checkpoint and reports what is broken, cut off or deleted (R-LC-1)",
        querystring: Type.Object({ complaintId: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })) }, { additionalProperties: false }),
        response: { ...STANDARD_ERRORS, 200: VerifyReport },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'eventlog.verify');
      // An administrator at an organisation node is told about the complaints in their scope only.
      return verifyEventLog(deps, { complaintId: request.query.complaintId, scope: await scopeOf(deps.db, user) });
    },
  );
}
