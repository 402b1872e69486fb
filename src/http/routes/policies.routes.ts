/** /api/policies: the installed policy packs. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PACKS, findPack } from '../../policies/index.ts';
import { notFound } from '../../domain/errors.ts';
import { requireUser } from '../auth-hook.ts';
import { SERIALIZE_AS_IS, STANDARD_ERRORS } from '../schema-helpers.ts';
import { PackResponseSchema, PolicySummarySchema } from './policies.response.ts';

export async function policyRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/policies',
    {
      schema: {
        tags: ['policies'],
        security: [{ bearer: [] }],
        summary: 'Installed policy packs',
        response: { ...STANDARD_ERRORS, 200: Type.Array(PolicySummarySchema) },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      requireUser(request);
      return PACKS.map((p) => ({
        id: p.id,
        version: p.version,
        name: p.name,
        nameZh: p.nameZh,
        sources: p.sources,
        levels: p.severity.levels,
      }));
    },
  );
  // Every pack in full in one answer: the console needs them all before it draws its first page (labels,
  // levels, clocks), and a list followed by one request a pack cost a round trip more on a phone (#20).
  app.get(
    '/api/policy-packs',
    {
      schema: {
        tags: ['policies'],
        security: [{ bearer: [] }],
        summary: 'Every installed policy pack in full',
        response: { ...STANDARD_ERRORS, 200: Type.Array(PackResponseSchema) },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      requireUser(request);
      return PACKS;
    },
  );
  app.get(
    '/api/policies/:id',
    {
      schema: {
        tags: ['policies'],
        security: [{ bearer: [] }],
        summary: 'One policy pack in full',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { ...STANDARD_ERRORS, 200: PackResponseSchema },
      },
      ...SERIALIZE_AS_IS,
    },
    async (request) => {
      requireUser(request);
      const pack = findPack(request.params.id);
      if (!pack) throw notFound(`policy '${request.params.id}'`);
      return pack;
    },
  );
}
