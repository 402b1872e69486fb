/**
 * Reset a user's password (issue #16 item 3): a one-time link with which the account's owner sets a new
 * password. Issuing it changes nothing else: the current password, sessions and tokens keep working
 * until the link is used, so a reset asked for by mistake locks nobody out. Using it sets the password
 * and revokes every session and token of the user (accept-account-link.ts). No administrator sees or
 * sets the password itself.
 */
import type { Deps } from '../context.ts';
import type { SessionUser } from '../auth.ts';
import { DomainError } from '../../domain/errors.ts';
import { managedUser } from './manage-users.ts';
import { assertEnabled, issueAccountLink, type IssuedLink } from './account-links.ts';

export async function issuePasswordReset(deps: Deps, actor: SessionUser, userId: string): Promise<IssuedLink> {
  const target = await managedUser(deps, actor, userId);
  if (target.password_hash === null)
    throw new DomainError('CONFLICT', 'the account has no password yet; send the invitation again instead');
  assertEnabled(target);
  return issueAccountLink(deps, actor, target.id, 'reset');
}
