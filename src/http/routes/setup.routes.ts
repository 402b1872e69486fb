/**
 * /api/setup (issue #16 item 1): the first run. GET is public and says whether the console should show
 * the setup page; POST sets up once (see src/use-cases/org/first-run.ts) and answers 409 afterwards.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { runSetup, setupStatus } from '../../use-cases/org/first-run.ts';
import { setSessionCookies } from '../auth-hook.ts';
import { ErrorResponse, VisibleText } from '../schema-helpers.ts';
import { SetupResultSchema, SetupStatusSchema } from './org-nodes.response.ts';

const tags = ['setup'];
const Name = VisibleText(200);

export async function setupRoutes(root: FastifyInstance, deps: Deps, sessionHours: number): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/setup',
    {
      schema: {
        tags,
        summary: 'Whether the first-run setup is needed (no organisation yet) and whether an installation administrator exists',
        response: { 200: SetupStatusSchema },
      },
    },
    async () => setupStatus(deps),
  );

  app.post(
    '/api/setup',
    {
      schema: {
        tags,
        summary:
          'First run, once: the organisation (top node), its first company and pack, optionally its first unit, and the first administrator (logged in); with an installation administrator, their session and no account',
        body: Type.Object(
          {
            organisation: Type.Object({ name: Name }, { additionalProperties: false }),
            company: Type.Object({ name: Name, policyId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
            unit: Type.Optional(Type.Object({ name: Name, portal: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
            admin: Type.Optional(
              Type.Object(
                {
                  email: Type.String({ format: 'email', maxLength: 254 }),
                  name: VisibleText(100),
                  password: Type.String({ minLength: 1, maxLength: 200 }),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: SetupResultSchema,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const r = await runSetup(deps, request.user, request.body, sessionHours);
      const csrfToken = r.session ? setSessionCookies(reply, r.session.token, sessionHours * 3600) : undefined;
      return reply.code(201).send({
        user: r.user,
        ...(csrfToken ? { csrfToken } : {}),
        organisationId: r.organisationId,
        companyId: r.companyId,
        unitId: r.unitId,
      });
    },
  );
}
