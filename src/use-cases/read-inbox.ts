/**
 * The bell's inbox (R-NT-1/2): the notifications addressed to the user's role, about complaints in
 * the user's scope or about none. A role with `inbox.read_all` reads every role's.
 */
import type { Deps } from './context.ts';
import { inboxNotifications } from '../data/notification-store.ts';
import { can } from '../security/authorize.ts';
import { scopeOf, type UserRef } from '../security/scope.ts';

export const INBOX_DEFAULT_LIMIT = 50;

export async function readInbox(deps: Deps, user: UserRef, limit = INBOX_DEFAULT_LIMIT) {
  // A notification about a complaint outside the user's scope is not theirs to see.
  const scope = await scopeOf(deps.db, user);
  return inboxNotifications(deps.db, { recipientRole: can(user, 'inbox.read_all') ? null : user.role, scope, limit });
}
