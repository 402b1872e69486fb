/**
 * Invite a user (issue #16 item 3): a one-time link with which the owner of an account without a
 * password sets one and is logged in. Re-issuing revokes the previous link. Called by
 * POST /api/users/:id/invite, and meant for any other creator of password-less accounts (the setup's
 * import of users): `issueInvite(deps, actor, userId)`.
 */
import type { Deps } from '../context.ts';
import type { SessionUser } from '../auth.ts';
import { DomainError } from '../../domain/errors.ts';
import { managedUser } from './manage-users.ts';
import { assertEnabled, issueAccountLink, type IssuedLink } from './account-links.ts';

export async function issueInvite(deps: Deps, actor: SessionUser, userId: string): Promise<IssuedLink> {
  const target = await managedUser(deps, actor, userId);
  if (target.password_hash !== null) throw new DomainError('CONFLICT', 'the account already has a password; send a password reset instead');
  assertEnabled(target);
  return issueAccountLink(deps, actor, target.id, 'invite');
}
