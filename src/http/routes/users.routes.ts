/** /api/users: accounts, for holders of `users.manage`, inside their organisation scope. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { authorize } from '../../security/authorize.ts';
import { ROLES } from '../../security/permissions.ts';
import { createUser, getUser, listUsers, updateUser } from '../../use-cases/users/manage-users.ts';
import { issueInvite } from '../../use-cases/users/invite-user.ts';
import { issuePasswordReset } from '../../use-cases/users/reset-password.ts';
import { unlockUser } from '../../use-cases/users/unlock-user.ts';
import { listUserTokens, revokeUserToken } from '../../use-cases/users/user-tokens.ts';
import { DomainError } from '../../domain/errors.ts';
import { requireUser } from '../auth-hook.ts';
import { throttle } from '../../use-cases/throttle.ts';
import { Nullable, STANDARD_ERRORS, StringEnum, VisibleText } from '../schema-helpers.ts';
import { AccountLinkSchema, CreatedUserSchema, UserAccountSchema, UserTokenSchema } from './users.response.ts';

const tags = ['users'];
const security = [{ bearer: [] }];
const NodeId = Type.String({ minLength: 1, maxLength: 64 });
const PositionId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9]+([_-][A-Za-z0-9]+)*$' });
/** The pack positions a user holds, each at an organisation node (issue #14; GET /api/policies/:id lists a pack's). */
const Positions = Type.Array(Type.Object({ positionId: PositionId, orgNodeId: NodeId }, { additionalProperties: false }), { maxItems: 50 });
const UserId = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, { additionalProperties: false });

/**
 * An administrator at an organisation node who is told "this address is taken" learns that an
 * account has it, perhaps outside their scope. They get this answer at most this many times an hour;
 * then every new account they ask for answers 429 until the hour is over, taken address or not, so
 * addresses cannot be tried in bulk (docs/SECURITY.md, "Accounts"). The node-less installation
 * administrator sees every account anyway and is not counted.
 */
export const TAKEN_EMAIL_ANSWERS_PER_HOUR = 10;

export async function userRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const takenAnswers = throttle(deps, { name: 'users.taken-email', windowMs: 3600_000, max: TAKEN_EMAIL_ANSWERS_PER_HOUR });

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        security,
        summary: 'Users in the caller’s organisation scope',
        response: { ...STANDARD_ERRORS, 200: Type.Array(UserAccountSchema) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'users.manage');
      return listUsers(deps, user);
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        security,
        summary:
          'Create a user: with a password (policy: ≥ 10 characters, not the e-mail, not a common password), or without one (or invite: true) as an invited account, answered with its one-time invitation link',
        body: Type.Object(
          {
            email: Type.String({ format: 'email', minLength: 3, maxLength: 254 }),
            name: VisibleText(100),
            role: StringEnum(ROLES),
            orgNodeId: Nullable(NodeId),
            password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            invite: Type.Optional(Type.Boolean()),
            positions: Type.Optional(Positions),
          },
          { additionalProperties: false },
        ),
        response: { ...STANDARD_ERRORS, 201: CreatedUserSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'users.manage');
      const counted = user.orgNodeId !== null;
      const limited = () =>
        new DomainError(
          'RATE_LIMITED',
          `too many new accounts refused for an address already in use (${TAKEN_EMAIL_ANSWERS_PER_HOUR} an hour); try again later`,
        );
      if (counted && (await takenAnswers.spent(user.id))) throw limited();
      try {
        const created = await createUser(deps, user, request.body);
        if (!created.invited) return reply.code(201).send(created);
        const invite = await issueInvite(deps, user, created.id);
        return reply.code(201).send({ ...(await getUser(deps, user, created.id)), invite });
      } catch (err) {
        // Counted before it is answered, in one statement: requests racing past the check above still
        // get no more than the hour's answers between them.
        if (
          counted &&
          err instanceof DomainError &&
          err.code === 'CONFLICT' &&
          err.details.field === 'email' &&
          !(await takenAnswers.take(user.id))
        )
          throw limited();
        throw err;
      }
    },
  );

  app.get(
    '/api/users/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One user in the caller’s organisation scope, with the positions they hold',
        params: UserId,
        response: { ...STANDARD_ERRORS, 200: UserAccountSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'users.manage');
      return getUser(deps, user, request.params.id);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change a user; {disabled: true} revokes their sessions and tokens at once; positions replaces the positions they hold',
        params: UserId,
        body: Type.Object(
          {
            name: Type.Optional(VisibleText(100)),
            role: Type.Optional(StringEnum(ROLES)),
            orgNodeId: Type.Optional(Nullable(NodeId)),
            disabled: Type.Optional(Type.Boolean()),
            positions: Type.Optional(Positions),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { ...STANDARD_ERRORS, 200: UserAccountSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'users.manage');
      return updateUser(deps, user, request.params.id, request.body);
    },
  );

  const link = (path: string, summary: string, issue: typeof issueInvite) =>
    app.post(
      `/api/users/:id/${path}`,
      { schema: { tags, security, summary, params: UserId, response: { ...STANDARD_ERRORS, 200: AccountLinkSchema } } },
      async (request) => {
        const user = requireUser(request);
        authorize(user, 'users.manage');
        return issue(deps, user, request.params.id);
      },
    );
  link(
    'invite',
    'Issue (or re-issue, revoking the previous) the one-time invitation link of an account without a password: ${publicUrl}/invite#token=…, valid 72 h',
    issueInvite,
  );
  link(
    'password-reset',
    'Issue a one-time link with which the user sets a new password (valid 24 h); using it revokes every session and token of the user',
    issuePasswordReset,
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: {
        tags,
        security,
        summary: 'Clear the login lock-out of the user’s e-mail (its failed logins)',
        params: UserId,
        response: { ...STANDARD_ERRORS, 200: UserAccountSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'users.manage');
      return unlockUser(deps, user, request.params.id);
    },
  );

  app.get(
    '/api/users/:id/tokens',
    {
      schema: {
        tags,
        security,
        summary: 'The user’s live API tokens (never the token itself); only the user creates tokens, with POST /api/auth/tokens',
        params: UserId,
        response: { ...STANDARD_ERRORS, 200: Type.Array(UserTokenSchema) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      authorize(user, 'users.manage');
      return listUserTokens(deps, user, request.params.id);
    },
  );

  app.delete(
    '/api/users/:id/tokens/:tokenId',
    {
      schema: {
        tags,
        security,
        summary: 'Revoke one of the user’s API tokens',
        params: Type.Object(
          { id: Type.String({ format: 'uuid', maxLength: 36 }), tokenId: Type.String({ format: 'uuid', maxLength: 36 }) },
          { additionalProperties: false },
        ),
        response: { ...STANDARD_ERRORS, 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(user, 'users.manage');
      await revokeUserToken(deps, user, request.params.id, request.params.tokenId);
      return reply.code(204).send(null);
    },
  );
}
