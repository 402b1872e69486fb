/** Sessions and API tokens (src/use-cases/auth.ts): stored as the hash of their secret only. */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { Db } from './complaint-store.ts';
import { registerPreparedStatement } from './db.ts';

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

export interface NewSession {
  token_hash: string;
  user_id: string;
  kind: string;
  name: string | null;
  created_at: Date;
  expires_at: Date;
}

/** Stores a session or token (only its hash); its id. */
export async function insertSession(db: Db, s: NewSession): Promise<string> {
  return (await db.insertInto('sessions').values(s).returning('id').executeTakeFirstOrThrow()).id;
}

/**
 * The session of a token hash with its user, whatever their state (the caller decides what is
 * valid), and the configuration counter, which rides along so the in-memory organisation tree and
 * calendars never lag a committed change. Every request runs it: prepared once per connection
 * (src/data/db.ts).
 */
export async function findSessionByTokenHash(db: Db, tokenHash: string) {
  const compiled = db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.org_node_id',
      'u.disabled',
      's.id as session_id',
      's.kind',
      's.expires_at',
      's.revoked_at',
      's.last_used_at',
    ])
    .select(sql<number>`(SELECT v FROM config_version)`.as('config_version'))
    .where('s.token_hash', '=', tokenHash)
    .compile();
  registerPreparedStatement('plaint_session', compiled.sql);
  return (await db.executeQuery(compiled)).rows[0];
}

/** Records that a token was used at `now` (shown in the token list). */
export async function markSessionUsed(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_used_at: now }).where('id', '=', sessionId).execute();
}

/** Revokes the session of a token hash, if not revoked already. */
export async function revokeSessionByTokenHash(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
}

/** Revokes every live session and token of a user but `exceptSessionId`; how many were revoked. */
export async function revokeSessionsOfUser(db: Db, userId: string, now: Date, exceptSessionId?: string): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The user's API tokens that are neither revoked nor expired at `now`, oldest first. */
export async function listActiveApiTokens(db: Db, userId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'name', 'created_at', 'expires_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('kind', '=', 'api')
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .execute();
}

/** Revokes one live API token of the user; whether there was one. */
export async function revokeApiTokenOfUser(db: Db, userId: string, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('kind', '=', 'api')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Sets a user's password and revokes their other sessions and tokens, together. */
export async function setPasswordRevokingOthers(
  db: Kysely<DB>,
  userId: string,
  passwordHash: string,
  now: Date,
  keepSessionId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now }).where('id', '=', userId).execute();
    await revokeSessionsOfUser(trx, userId, now, keepSessionId);
  });
}
