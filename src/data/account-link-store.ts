/**
 * One-time links that set a password (migration 0030; src/use-cases/users/account-links.ts): invitations
 * and password resets, stored as the SHA-256 of their secret only. A link is consumed by one UPDATE that
 * sets used_at where it is still live, so two requests with the same link cannot both use it.
 */
import type { Db } from './complaint-store.ts';
import type { AccountLinkPurpose } from '../domain/account-links.ts';

/** Revokes every live link of the user (a new one replaces them; a used one ends the others). */
export async function revokeLiveLinksOfUser(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('account_links')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertAccountLink(
  db: Db,
  l: { user_id: string; purpose: AccountLinkPurpose; token_hash: string; created_by: string | null; created_at: Date; expires_at: Date },
): Promise<void> {
  await db.insertInto('account_links').values(l).execute();
}

/** The live link of a secret's hash with its user's e-mail, without consuming it (for the password policy). */
export async function findLiveLink(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('account_links as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.id', 'l.user_id', 'l.purpose', 'u.email', 'u.disabled'])
    .where('l.token_hash', '=', tokenHash)
    .where('l.used_at', 'is', null)
    .where('l.revoked_at', 'is', null)
    .where('l.expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the live link `id` used; false when it no longer is live (used, revoked or expired meanwhile). */
export async function consumeLink(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('account_links')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The expiry of each user's live link of `purpose`, by user. */
export async function liveLinkExpiries(
  db: Db,
  userIds: readonly string[],
  purpose: AccountLinkPurpose,
  now: Date,
): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (!userIds.length) return out;
  const rows = await db
    .selectFrom('account_links')
    .select(['user_id', 'expires_at'])
    .where('user_id', 'in', userIds)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  for (const r of rows) out.set(r.user_id, new Date(r.expires_at));
  return out;
}
