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
});
