/**
 * Unlock a user (issue #16 item 3): clears the failed logins that lock the account's e-mail out
 * (docs/SECURITY.md, "Login throttling"), for an account in the manager's scope. The per-address limit
 * is not touched: it guards against one client guessing many accounts.
 */
import type { Deps } from '../context.ts';
import type { SessionUser } from '../auth.ts';
import { clearLoginFailures } from '../../data/login-attempt-store.ts';
import { managedUser, viewOf, type UserView } from './manage-users.ts';

export async function unlockUser(deps: Deps, actor: SessionUser, userId: string): Promise<UserView> {
  const target = await managedUser(deps, actor, userId);
  await clearLoginFailures(deps.db, target.email);
  return viewOf(deps, target);
}
