/** Resolves the bearer token on every request; routes that need a user call `requireUser`. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../use-cases/context.ts';
import { authenticate, type SessionUser } from '../use-cases/auth.ts';
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../data/complaint-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    token: string | null;
  }
}

export function installAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('user', null);
  app.decorateRequest('token', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header || !request.url.startsWith('/api/')) return;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new DomainError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
    request.token = m[1];
    request.user = await authenticate(deps, m[1]);
  });
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new DomainError('UNAUTHENTICATED', 'log in first: send Authorization: Bearer <token>');
  return request.user;
}

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, label: user.name, role: user.role, orgNodeId: user.orgNodeId };
}
