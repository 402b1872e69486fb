/** A user's own notification preferences (issue #14: "a user may choose e-mail or not"). */
import type { Deps } from '../context.ts';
import { notifyEmailOf, setNotifyEmail } from '../../data/user-store.ts';

export async function readPreferences(deps: Deps, userId: string): Promise<{ notifyEmail: boolean }> {
  return { notifyEmail: await notifyEmailOf(deps.db, userId) };
}

export async function changePreferences(deps: Deps, userId: string, p: { notifyEmail?: boolean }): Promise<{ notifyEmail: boolean }> {
  if (p.notifyEmail === undefined) return readPreferences(deps, userId);
  return { notifyEmail: await setNotifyEmail(deps.db, userId, p.notifyEmail) };
}
