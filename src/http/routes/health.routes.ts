import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { checkDatabase } from '../../use-cases/check-health.ts';
import type { DatabaseKind } from '../../data/db.ts';

export async function healthRoutes(app: FastifyInstance, deps: Deps, kind: DatabaseKind): Promise<void> {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }) },
      },
    },
    async () => {
      await checkDatabase(deps);
      return { status: 'ok' as const, database: kind };
    },
  );
}
