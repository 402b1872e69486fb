/**
 * Resolves who is calling on every /api request; routes that need a user call `requireUser`.
 *
 * Two ways in:
 * - `Authorization: Bearer <token>` — a login token or a named API token (kinds 'bearer', 'api').
 *   A browser never attaches this header by itself, so these requests need no CSRF token.
 * - the `plaint_session` cookie (httpOnly, SameSite=Strict) set for the web app — kind 'cookie'.
 *   Unsafe methods (POST, PUT, PATCH, DELETE) must also send `x-csrf-token` equal to the readable
 *   `plaint_csrf` cookie *and* to the token derived from this session (double submit, bound to the
 *   session), or the request counts as unauthenticated and `requireUser` answers 403 CSRF.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../use-cases/context.ts';
import { authenticateSession, csrfTokenFor, type SessionKind, type SessionUser } from '../use-cases/auth.ts';
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../data/complaint-store.ts';

export const SESSION_COOKIE = 'plaint_session';
export const CSRF_COOKIE = 'plaint_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    /** The bearer token or the session cookie's value that authenticated the request. */
    token: string | null;
    sessionId: string | null;
    authKind: SessionKind | null;
    /** A cookie session without a matching CSRF token on an unsafe method. */
    csrfRejected: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Reads one cookie from the header (works with or without @fastify/cookie registered). */
function readCookie(request: FastifyRequest, name: string): string | undefined {
  const parsed = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  if (parsed && name in parsed) return parsed[name];
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Whether a parsed JSON value holds a NUL character in any string or key (PostgreSQL text and jsonb refuse it). */
function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (v === null || typeof v !== 'object' || depth > 64) return false;
  if (Array.isArray(v)) return v.some((x) => hasNul(x, depth + 1));
  return Object.entries(v as Record<string, unknown>).some(([k, x]) => k.includes('\u0000') || hasNul(x, depth + 1));
}

/**
 * Input hygiene before any handler: PostgreSQL cannot store a NUL character in text or jsonb, so a
 * NUL in the path, the query or a JSON body is bad input (400) rather than a database error (500).
 */
function installNulGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/') && /%00|\u0000/i.test(request.url))
      throw new DomainError('VALIDATION', 'the URL must not contain NUL characters');
  });
  app.addHook('preValidation', async (request) => {
    if (request.url.startsWith('/api/') && hasNul(request.body))
      throw new DomainError('VALIDATION', 'the request body must not contain NUL characters');
  });
}

export function installAuth(app: FastifyInstance, deps: Deps): void {
  installNulGuard(app);
  app.decorateRequest('user', null);
  app.decorateRequest('token', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('authKind', null);
  app.decorateRequest('csrfRejected', false);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S{1,512})$/i.exec(header);
      if (!m) throw new DomainError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
      const auth = await authenticateSession(deps, m[1], ['bearer', 'api']);
      request.token = m[1];
      if (auth) {
        request.user = auth.user;
        request.sessionId = auth.sessionId;
        request.authKind = auth.kind;
      }
      return;
    }
    const cookie = readCookie(request, SESSION_COOKIE);
    if (!cookie || cookie.length > 512) return;
    const auth = await authenticateSession(deps, cookie, ['cookie']);
    if (!auth) return;
    if (UNSAFE.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      const fromCookie = readCookie(request, CSRF_COOKIE);
      const expected = csrfTokenFor(cookie);
      if (typeof sent !== 'string' || !fromCookie || !sameString(sent, fromCookie) || !sameString(sent, expected)) {
        request.csrfRejected = true;
        return;
      }
    }
    request.token = cookie;
    request.user = auth.user;
    request.sessionId = auth.sessionId;
    request.authKind = 'cookie';
  });
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) {
    if (request.csrfRejected)
      throw new DomainError('FORBIDDEN', `CSRF check failed: send the ${CSRF_HEADER} header with the value of the ${CSRF_COOKIE} cookie`);
    throw new DomainError('UNAUTHENTICATED', 'log in first: send Authorization: Bearer <token>');
  }
  return request.user;
}

/** Sets the web session's cookies: the httpOnly session and the readable CSRF token. */
export function setSessionCookies(reply: FastifyReply, token: string, maxAgeSeconds: number): string {
  const csrf = csrfTokenFor(token);
  const common = { path: '/', sameSite: 'strict' as const, secure: 'auto' as const, maxAge: maxAgeSeconds };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
  return csrf;
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, label: user.name, role: user.role, orgNodeId: user.orgNodeId };
}
