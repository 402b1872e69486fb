/** /api/policies: the installed policy packs. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PACKS, findPack } from '../../policies/index.ts';
import { notFound } from '../../domain/errors.ts';
import { requireUser } from '../auth-hook.ts';
import { STANDARD_ERRORS } from '../schema-helpers.ts';

export async function policyRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/policies',
    { schema: { tags: ['policies'], security: [{ bearer: [] }], summary: 'Installed policy packs', response: { ...STANDARD_ERRORS } } },
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
  app.get(
    '/api/policies/:id',
    {
      schema: {
        tags: ['policies'],
        security: [{ bearer: [] }],
        summary: 'One policy pack in full',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { ...STANDARD_ERRORS },
      },
    },
    async (request) => {
      requireUser(request);
      const pack = findPack(request.params.id);
      if (!pack) throw notFound(`policy '${request.params.id}'`);
      return pack;
    },
  );
}
