/** /api/users: accounts, for holders of `users.manage`, inside their organisation scope. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../use-cases/context.ts';
import { authorize } from '../../security/authorize.ts';
import { ROLES } from '../../security/permissions.ts';
import { createUser, getUser, listUsers, updateUser } from '../../use-cases/users/manage-users.ts';
import { DomainError } from '../../domain/errors.ts';
import { requireUser } from '../auth-hook.ts';
import { throttle } from '../../use-cases/throttle.ts';
import { Nullable, STANDARD_ERRORS, StringEnum, VisibleText } from '../schema-helpers.ts';
import { UserAccountSchema } from './users.response.ts';

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
        summary: 'Create a user (password policy: ≥ 10 characters, not the e-mail, not a common password)',
        body: Type.Object(
          {
            email: Type.String({ format: 'email', minLength: 3, maxLength: 254 }),
            name: VisibleText(100),
            role: StringEnum(ROLES),
            orgNodeId: Nullable(NodeId),
            password: Type.String({ minLength: 1, maxLength: 200 }),
            positions: Type.Optional(Positions),
          },
          { additionalProperties: false },
        ),
        response: { ...STANDARD_ERRORS, 201: UserAccountSchema },
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
        return reply.code(201).send(await createUser(deps, user, request.body));
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
}
