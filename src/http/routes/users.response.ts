/** What /api/users answers: an account as an administrator sees it (never its password). */
import { Type } from 'typebox';
import { Nullable } from '../schema-helpers.ts';

export const UserAccountSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  orgNodeId: Nullable(Type.String()),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  /** The pack positions the user holds, each at an organisation node (issue #14). */
  positions: Type.Array(Type.Object({ positionId: Type.String(), orgNodeId: Type.String() })),
  /** No password yet: waits for its owner to accept an invitation (issue #16 item 3). */
  invited: Type.Boolean(),
  inviteExpiresAt: Nullable(Type.String({ format: 'date-time' })),
  /** Locked out by failed logins, and until when (POST /api/users/:id/unlock clears it). */
  locked: Type.Boolean(),
  lockedUntil: Nullable(Type.String({ format: 'date-time' })),
});

/** A one-time link that sets the password (invitation or reset); shown once. */
export const AccountLinkSchema = Type.Object({
  purpose: Type.Union([Type.Literal('invite'), Type.Literal('reset')]),
  url: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** POST /api/users: the account, and its invitation link when it was created without a password. */
export const CreatedUserSchema = Type.Object({ ...UserAccountSchema.properties, invite: Type.Optional(AccountLinkSchema) });

/** A user's API token as their account manager sees it: never the secret. */
export const UserTokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
});
