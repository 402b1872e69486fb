/**
 * Password login and bearer sessions. Passwords are argon2id hashes; a session token is 32 random
 * bytes given to the client once, stored only as its SHA-256 so a database leak yields no sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Deps } from './context.ts';
import { DomainError } from '../domain/errors.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: string;
  orgNodeId: string | null;
}

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

// Verifying against a fixed hash when the e-mail is unknown keeps the timing of both failures alike.
let dummyHash: Promise<string> | null = null;

export async function login(deps: Deps, email: string, password: string, sessionHours: number): Promise<{ token: string; user: SessionUser }> {
  const user = await deps.db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await argon2.verify(await dummyHash, password).catch(() => false);
    throw new DomainError('UNAUTHENTICATED', 'e-mail or password is wrong');
  }
  const ok = await argon2.verify(user.password_hash, password).catch(() => false);
  if (!ok) throw new DomainError('UNAUTHENTICATED', 'e-mail or password is wrong');
  if (user.disabled) throw new DomainError('FORBIDDEN', 'this account is disabled');
  const token = randomBytes(32).toString('base64url');
  const now = deps.now();
  await deps.db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: user.id, created_at: now, expires_at: new Date(now.getTime() + sessionHours * 3600_000) })
    .execute();
  return { token, user: { id: user.id, email: user.email, name: user.name, role: user.role, orgNodeId: user.org_node_id } };
}

export async function authenticate(deps: Deps, token: string): Promise<SessionUser | null> {
  const row = await deps.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.email', 'u.name', 'u.role', 'u.org_node_id', 'u.disabled', 's.expires_at', 's.revoked_at'])
    .where('s.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.revoked_at || new Date(row.expires_at).getTime() <= deps.now().getTime()) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, orgNodeId: row.org_node_id };
}

export async function logout(deps: Deps, token: string): Promise<void> {
  await deps.db.updateTable('sessions').set({ revoked_at: deps.now() }).where('token_hash', '=', tokenHash(token)).where('revoked_at', 'is', null).execute();
}

/** Creates or updates a user; used for the admin from the environment and for demo users. */
export async function ensureUser(deps: Deps, u: { email: string; name: string; password: string; role: string; orgNodeId: string | null }): Promise<void> {
  const email = u.email.trim().toLowerCase();
  const existing = await deps.db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirst();
  if (existing) {
    const same = await argon2.verify(existing.password_hash, u.password).catch(() => false);
    await deps.db
      .updateTable('users')
      .set({ role: u.role, disabled: false, ...(same ? {} : { password_hash: await hashPassword(u.password) }) })
      .where('id', '=', existing.id)
      .execute();
    return;
  }
  await deps.db
    .insertInto('users')
    .values({ email, name: u.name, password_hash: await hashPassword(u.password), role: u.role, org_node_id: u.orgNodeId })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}
