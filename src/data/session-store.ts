/** Storage helpers for sessions and API tokens that must run inside the caller's transaction. */
import type { Db } from './complaint-store.ts';

/** Locks the user's row until the transaction ends: writers of the user's counted rows queue here. */
export async function lockUser(trx: Db, userId: string): Promise<boolean> {
  return !!(await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst());
}

/** The user's API tokens that are neither revoked nor expired at `now`. */
export async function countActiveApiTokens(trx: Db, userId: string, now: Date): Promise<number> {
  const row = await trx
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('kind', '=', 'api')
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
