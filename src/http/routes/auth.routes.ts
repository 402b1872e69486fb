import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { login, logout } from '../../use-cases/auth.ts';
import { requireUser } from '../auth-hook.ts';
import { ErrorResponse } from '../schema-helpers.ts';

const User = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), role: Type.String(), orgNodeId: Type.Union([Type.String(), Type.Null()]) });

export async function authRoutes(root: FastifyInstance, deps: Deps, sessionHours: number): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password; returns a bearer token',
        body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ token: Type.String(), user: User }), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => login(deps, request.body.email, request.body.password, sessionHours),
  );
  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Revoke the current token', security: [{ bearer: [] }] } }, async (request, reply) => {
    requireUser(request);
    await logout(deps, request.token!);
    return reply.code(204).send();
  });
  app.get('/api/me', { schema: { tags: ['auth'], summary: 'The logged-in user', security: [{ bearer: [] }], response: { 200: Type.Object({ user: User }), 401: ErrorResponse } } }, async (request) => ({
    user: requireUser(request),
  }));
}
