/**
 * /api/auth: login (bearer token or web cookie session), logout, the current user, password change
 * and named API tokens. See docs/SECURITY.md "Sessions, tokens and accounts".
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import {
  type SessionUser,
  changePassword,
  createApiToken,
  listApiTokens,
  login,
  LoginThrottled,
  logout,
  revokeApiToken,
} from '../../use-cases/auth.ts';
import { clearSessionCookies, requireUser, setSessionCookies } from '../auth-hook.ts';
import { acceptAccountLink } from '../../use-cases/users/accept-account-link.ts';
import { ErrorResponse, VisibleText } from '../schema-helpers.ts';
import { capabilitiesOf } from '../../security/permissions.ts';

const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  orgNodeId: Type.Union([Type.String(), Type.Null()]),
});
const Credentials = {
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
};
const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
const NO_CONTENT = { 204: Type.Null() } as const;
const AUTH_ERRORS = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
} as const;
const security = [{ bearer: [] }];
const tags = ['auth'];

export async function authRoutes(root: FastifyInstance, deps: Deps, sessionHours: number): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  /** Too many failures: 429 with Retry-After and the instant in the message. */
  const throttled = (reply: FastifyReply, e: LoginThrottled) =>
    reply
      .code(429)
      .header('retry-after', String(e.retryAfterSeconds(deps.now())))
      .send({ error: { code: e.code, message: e.message } });

  async function doLogin(
    reply: FastifyReply,
    ip: string,
    email: string,
    password: string,
    cookie: boolean,
  ): Promise<{ token?: string; csrfToken?: string; user: SessionUser; expiresAt: string }> {
    try {
      const r = await login(deps, email, password, sessionHours, { ip, kind: cookie ? 'cookie' : 'bearer' });
      if (!cookie) return { token: r.token, user: r.user, expiresAt: r.expiresAt.toISOString() };
      const csrfToken = setSessionCookies(reply, r.token, sessionHours * 3600);
      return { user: r.user, csrfToken, expiresAt: r.expiresAt.toISOString() };
    } catch (e) {
      if (e instanceof LoginThrottled) return throttled(reply, e) as never;
      throw e;
    }
  }

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Log in with e-mail and password: a bearer token, or with cookie: true a web session (httpOnly cookie + CSRF token)',
        body: Type.Object({ ...Credentials, cookie: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            token: Type.Optional(Type.String()),
            csrfToken: Type.Optional(Type.String()),
            user: User,
            expiresAt: Type.String(),
          }),
          ...AUTH_ERRORS,
        },
      },
    },
    async (request, reply) => doLogin(reply, request.ip, request.body.email, request.body.password, request.body.cookie === true),
  );

  app.post(
    '/api/auth/invite/accept',
    {
      schema: {
        tags,
        summary:
          'Accept an invitation or password reset (issue #16 item 3): sets the password from the one-time link (usual policy), revokes every session and token of the user, and logs in like /api/auth/login; an unknown, used or expired link answers 404',
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
            cookie: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            purpose: Type.Union([Type.Literal('invite'), Type.Literal('reset')]),
            token: Type.Optional(Type.String()),
            csrfToken: Type.Optional(Type.String()),
            user: User,
            expiresAt: Type.String(),
          }),
          ...AUTH_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const cookie = request.body.cookie === true;
      const r = await acceptAccountLink(deps, request.body.token, request.body.password, sessionHours, cookie ? 'cookie' : 'bearer');
      const common = { purpose: r.purpose, user: r.user, expiresAt: r.expiresAt.toISOString() };
      if (!cookie) return { ...common, token: r.token };
      return { ...common, csrfToken: setSessionCookies(reply, r.token, sessionHours * 3600) };
    },
  );

  app.post(
    '/api/auth/session',
    {
      schema: {
        tags,
        summary:
          'Start a web session: sets the httpOnly plaint_session cookie and the readable plaint_csrf cookie (send it back as x-csrf-token)',
        body: Type.Object(Credentials, { additionalProperties: false }),
        response: { 200: Type.Object({ csrfToken: Type.Optional(Type.String()), user: User, expiresAt: Type.String() }), ...AUTH_ERRORS },
      },
    },
    async (request, reply) => doLogin(reply, request.ip, request.body.email, request.body.password, true),
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Revoke the current token or web session', security, response: { ...NO_CONTENT, 401: ErrorResponse } } },
    async (request, reply) => {
      requireUser(request);
      await logout(deps, request.token!);
      if (request.authKind === 'cookie') clearSessionCookies(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        tags,
        summary: "The logged-in user and the capabilities of the user's role (the console hides what the server would refuse)",
        security,
        response: { 200: Type.Object({ user: User, capabilities: Type.Array(Type.String()) }), 401: ErrorResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { user, capabilities: capabilitiesOf(user.role) };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        security,
        summary:
          "Change one's own password (≥ 10 characters, not the e-mail, not a common password); other sessions and tokens are revoked",
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { ...NO_CONTENT, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await changePassword(
        deps,
        { user, sessionId: request.sessionId!, kind: request.authKind! },
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags,
        security,
        summary: 'Create a named API token; the token is shown once, in this answer',
        body: Type.Object(
          { name: VisibleText(100), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            name: Type.String(),
            token: Type.String(),
            createdAt: Type.String(),
            expiresAt: Type.String(),
            lastUsedAt: Type.Null(),
          }),
          ...AUTH_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await createApiToken(deps, user, request.body.name.trim(), request.body.expiresInDays ?? 90);
      return reply.code(201).send({ ...created, lastUsedAt: null });
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      schema: {
        tags,
        security,
        summary: "The caller's active API tokens (never the token itself)",
        response: { 200: Type.Array(TokenInfo), ...AUTH_ERRORS },
      },
    },
    async (request) => listApiTokens(deps, requireUser(request)),
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Revoke one of your API tokens',
        params: Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, { additionalProperties: false }),
        response: { ...NO_CONTENT, ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      await revokeApiToken(deps, requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
