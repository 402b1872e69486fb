/**
 * Compensation given on a complaint, with who approved it within the pack's authority (#15 item 5, S0 food 9.2):
 * 400 naming the field, 403 when the approver's authority is below what the compensation needs, 409 for an entry of
 * another class or a policy without the table.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { complaintForUser } from '../../security/authorize.ts';
import { requireUser, actorOf } from '../auth-hook.ts';
import { SERIALIZE_AS_IS, STANDARD_ERRORS, VisibleText } from '../schema-helpers.ts';
import { recordCompensation } from '../../use-cases/compensation/record-compensation.ts';

const security = [{ bearer: [] }];
const Closed = { additionalProperties: false } as const;
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const Quantity = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const CompensationBody = Type.Object(
  {
    entryId: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "an entry of the pack's compensation table (food: a-serious-harm … c)",
    }),
    items: VisibleText(1000),
    giftQuantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'product given, in packs' })),
    affectedQuantity: Type.Optional(Quantity),
    medicalCostsYuan: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000 })),
    approverId: Type.Optional(
      Type.String({ format: 'uuid', description: 'the user who approved it (their positions decide their authority)' }),
    ),
  },
  Closed,
);

export const CompensationRecordSchema = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    recordedBy: Type.String(),
    entryId: Type.String(),
    clause: Type.Union([Type.String(), Type.Null()]),
    items: Type.String(),
    giftQuantity: Type.Union([Type.Integer(), Type.Null()]),
    affectedQuantity: Type.Union([Type.Integer(), Type.Null()]),
    giftRatio: Type.Union([Type.Number(), Type.Null()]),
    medicalCostsYuan: Type.Union([Type.Number(), Type.Null()]),
    requiredTier: Type.String({ description: 'the authority tier the compensation needed (pack compensation.authority)' }),
    approver: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }, Closed), Type.Null()]),
    approverTier: Type.String(),
  },
  Closed,
);

export async function compensationRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/complaints/:id/compensations',
    {
      schema: {
        tags: ['compensation'],
        security,
        summary: 'Record compensation given, with its approver within the authority limits of the pack (S0 food 9.2)',
        params: IdParams,
        body: CompensationBody,
        response: { ...STANDARD_ERRORS, 201: CompensationRecordSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request, reply) => {
      const user = requireUser(request);
      await complaintForUser(deps, user, request.params.id, { capability: 'compensation.record' });
      return reply.code(201).send(await recordCompensation(deps, actorOf(user), request.params.id, request.body));
    },
  );
}
