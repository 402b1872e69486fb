/** /api/units/:id/policy: a company's or unit's tuned pack (issue #16 item 4). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { previewNodePolicy, readNodePolicy, saveNodePolicy } from '../../use-cases/policy/tune-policy.ts';
import { CHANNELS } from '../../domain/contracts.ts';
import { requireUser } from '../auth-hook.ts';
import { IsoDateTime, SERIALIZE_AS_IS, STANDARD_ERRORS, StringEnum } from '../schema-helpers.ts';
import { NodePolicySchema, PolicyPreviewSchema } from './unit-policy.response.ts';

const tags = ['organisation'];
const security = [{ bearer: [] }];
const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });
const PolicyId = Type.String({ maxLength: 64, description: "which pack a company's overrides patch, when it names none itself" });
const Overrides = Type.Record(Type.String(), Type.Unknown(), {
  description: "the node's own JSON Merge Patch (RFC 7396) over the pack JSON; {} returns to the inherited pack",
});

export async function unitPolicyRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/units/:id/policy',
    {
      schema: {
        tags,
        security,
        summary: "A company's or unit's tuned pack: its own overrides, the inherited ones and the effective pack",
        params: Params,
        querystring: Type.Object({ policyId: Type.Optional(PolicyId) }, { additionalProperties: false }),
        response: { ...STANDARD_ERRORS, 200: NodePolicySchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => readNodePolicy(deps, requireUser(request), request.params.id, request.query.policyId),
  );

  app.put(
    '/api/units/:id/policy',
    {
      schema: {
        tags,
        security,
        summary: "Save the node's overrides as a new version (a bad one: 400 naming the JSON path); complaints keep their version",
        params: Params,
        body: Type.Object({ overrides: Overrides, policyId: Type.Optional(PolicyId) }, { additionalProperties: false }),
        response: { ...STANDARD_ERRORS, 200: NodePolicySchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => saveNodePolicy(deps, requireUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/units/:id/policy/preview',
    {
      schema: {
        tags,
        security,
        summary: "A sample complaint's due instants under the pack in force and under proposed overrides (nothing is saved)",
        params: Params,
        body: Type.Object(
          {
            overrides: Overrides,
            policyId: Type.Optional(PolicyId),
            sample: Type.Object(
              {
                channel: StringEnum(CHANNELS),
                receivedAt: IsoDateTime,
                level: Type.Optional(Type.String({ maxLength: 64 })),
                categoryId: Type.Optional(Type.String({ maxLength: 64 })),
              },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: { ...STANDARD_ERRORS, 200: PolicyPreviewSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => previewNodePolicy(deps, requireUser(request), request.params.id, request.body),
  );
}
