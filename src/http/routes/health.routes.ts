import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
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
      // A dead database makes this throw, which the error handler turns into 503.
      await sql`SELECT 1`.execute(deps.db);
      return { status: 'ok' as const, database: kind };
    },
  );
}
