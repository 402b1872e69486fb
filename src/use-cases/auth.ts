/**
 * Password login, sessions and API tokens. Passwords are argon2id hashes; every session or token is
 * 32 random bytes given to the client once and stored only as its SHA-256, so a database leak yields
 * no sessions. One table holds three kinds: 'bearer' (a login token for API clients and tests),
 * 'cookie' (the web app's httpOnly session) and 'api' (a named, long-lived API token).
 *
 * Login attempts are rows in `login_attempts`, so the lockout holds across processes: after
 * LOCKOUT.maxPerEmail failures for one e-mail within LOCKOUT.windowMs the e-mail is locked until the
 * window of the last failure ends; one address gets LOCKOUT.maxPerIp failures per window. An attempt
 * is reserved before its password is checked and counts like a failure while in flight
 * (src/data/login-attempt-store.ts), so simultaneous guesses cannot outrun the count.
 */
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { configCache } from '../data/config-cache.ts';
import { clearLoginFailuresThrough, markLoginAttemptFailed, reserveLoginAttempt } from '../data/login-attempt-store.ts';
import { inTransaction } from '../data/transaction.ts';
import {
  countActiveApiTokens,
  findSessionByTokenHash,
  insertSession,
  listActiveApiTokens,
  lockUser,
  markSessionUsed,
  revokeApiTokenOfUser,
  revokeSessionByTokenHash,
  revokeSessionsOfUser,
  setPasswordRevokingOthers,
} from '../data/session-store.ts';
import { findUserByEmail, findUserById, insertUserUnlessEmailTaken, updateUserRow } from '../data/user-store.ts';
import type { Deps } from './context.ts';
import { dummyPasswordHash, hashPassword } from './password-hash.ts';
import { DomainError, invalid } from '../domain/errors.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: string;
  orgNodeId: string | null;
}

export type SessionKind = 'bearer' | 'cookie' | 'api';

export interface Authenticated {
  user: SessionUser;
  sessionId: string;
  kind: SessionKind;
}

export const LOCKOUT = { windowMs: 15 * 60_000, maxPerEmail: 5, maxPerIp: 30 } as const;

export { hashPassword } from './password-hash.ts';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The CSRF token of a cookie session: derived from the session secret, so it is bound to that session. */
export const csrfTokenFor = (sessionToken: string) => createHash('sha256').update('plaint-csrf\n').update(sessionToken).digest('base64url');

/** A refused login because of too many failures: 429, with when to try again. */
export class LoginThrottled extends DomainError {
  constructor(
    public readonly retryAt: Date,
    now: Date,
    what: string,
  ) {
    const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
    super('RATE_LIMITED', `${what}; try again after ${retryAt.toISOString()} (in ${Math.ceil(seconds / 60)} min)`);
  }
  retryAfterSeconds(now: Date): number {
    return Math.max(1, Math.ceil((this.retryAt.getTime() - now.getTime()) / 1000));
  }
}

/**
 * The one place login checks a password against its hash. It is an object so that a test can wrap
 * it to count the checks, the number the lockout bounds (test/security2/login-lockout-race.test.ts).
 */
export const loginPasswordVerifier = {
  verify: (hash: string, password: string): Promise<boolean> => argon2.verify(hash, password).catch(() => false),
};

const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function createSession(
  deps: Deps,
  userId: string,
  kind: SessionKind,
  lifetimeHours: number,
  name: string | null = null,
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + lifetimeHours * 3600_000);
  const id = await insertSession(deps.db, {
    token_hash: tokenHash(token),
    user_id: userId,
    kind,
    name,
    created_at: now,
    expires_at: expiresAt,
  });
  return { token, id, expiresAt };
}

export async function login(
  deps: Deps,
  email: string,
  password: string,
  sessionHours: number,
  opts: { ip?: string; kind?: SessionKind } = {},
): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const now = deps.now();
  const key = normaliseEmail(email);
  const ip = opts.ip ?? 'unknown';
  // Reserved before the password is checked, so a locked account does not confirm a right guess and
  // simultaneous guesses get no more checks than the limits. An attempt cut short by an error stays
  // reserved and counts as a failure until its window ends.
  const since = new Date(now.getTime() - LOCKOUT.windowMs);
  const slot = await reserveLoginAttempt(deps.db, key, ip, now, { since, maxPerEmail: LOCKOUT.maxPerEmail, maxPerIp: LOCKOUT.maxPerIp });
  if (!slot.granted) {
    if (slot.by === 'email')
      throw new LoginThrottled(
        new Date(slot.latest.getTime() + LOCKOUT.windowMs),
        now,
        'too many failed logins for this account: it is locked',
      );
    throw new LoginThrottled(new Date(slot.earliest.getTime() + LOCKOUT.windowMs), now, 'too many failed logins from this address');
  }
  const user = await findUserByEmail(deps.db, key);
  // An invited account (no password yet, issue #16 item 3) is checked against the fixed hash too, and
  // refused whatever that check says, so it answers exactly like a wrong password.
  const hash = user?.password_hash ?? null;
  const ok = (await loginPasswordVerifier.verify(hash ?? (await dummyPasswordHash()), password)) && hash !== null;
  // A disabled account answers like a wrong password, even to the right one: a different answer
  // would confirm the password to whoever guessed it.
  if (!user || !ok || user.disabled) {
    await markLoginAttemptFailed(deps.db, slot.id, now);
    throw new DomainError('UNAUTHENTICATED', 'e-mail or password is wrong');
  }
  await clearLoginFailuresThrough(deps.db, key, slot.id);
  const session = await createSession(deps, user.id, opts.kind ?? 'bearer', sessionHours);
  return {
    token: session.token,
    expiresAt: session.expiresAt,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, orgNodeId: user.org_node_id },
  };
}

/** The user behind a token, if the token is of one of `kinds`, not revoked, not expired, and the user is enabled. */
export async function authenticateSession(deps: Deps, token: string, kinds: readonly SessionKind[]): Promise<Authenticated | null> {
  const row = await findSessionByTokenHash(deps.db, tokenHash(token));
  // The lookup carries the configuration counter, so this process's organisation tree and calendars
  // never lag a committed change.
  if (row) configCache(deps.db).observe(row.config_version);
  const now = deps.now();
  if (!row || row.disabled || row.revoked_at || new Date(row.expires_at).getTime() <= now.getTime()) return null;
  if (!kinds.includes(row.kind as SessionKind)) return null;
  if (row.kind === 'api' && (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000)) {
    // Shown in the token list; written at most once a minute.
    await markSessionUsed(deps.db, row.session_id, now);
  }
  return {
    user: { id: row.id, email: row.email, name: row.name, role: row.role, orgNodeId: row.org_node_id },
    sessionId: row.session_id,
    kind: row.kind as SessionKind,
  };
}

/** Bearer-token lookup (login tokens and API tokens), kept for callers of the first version. */
export async function authenticate(deps: Deps, token: string): Promise<SessionUser | null> {
  return (await authenticateSession(deps, token, ['bearer', 'api']))?.user ?? null;
}

export async function logout(deps: Deps, token: string): Promise<void> {
  await revokeSessionByTokenHash(deps.db, tokenHash(token), deps.now());
}

export async function revokeUserSessions(deps: Deps, userId: string, exceptSessionId?: string): Promise<number> {
  return revokeSessionsOfUser(deps.db, userId, deps.now(), exceptSessionId);
}

// ---------------------------------------------------------------------------------------------
// API tokens

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

export const MAX_API_TOKENS = 50;

export async function createApiToken(deps: Deps, user: SessionUser, name: string, days: number): Promise<ApiTokenInfo & { token: string }> {
  // Counted and created in one transaction under the user's row lock, so tokens created in parallel
  // cannot pass the limit together.
  const s = await inTransaction(deps.db, async (trx) => {
    if (!(await lockUser(trx, user.id))) throw new DomainError('UNAUTHENTICATED', 'the user no longer exists');
    if ((await countActiveApiTokens(trx, user.id, deps.now())) >= MAX_API_TOKENS) {
      throw new DomainError('CONFLICT', `at most ${MAX_API_TOKENS} active API tokens per user; revoke one first`);
    }
    return createSession({ ...deps, db: trx }, user.id, 'api', days * 24, name);
  });
  return { id: s.id, name, token: s.token, createdAt: deps.now().toISOString(), expiresAt: s.expiresAt.toISOString(), lastUsedAt: null };
}

export async function listApiTokens(deps: Deps, user: SessionUser): Promise<ApiTokenInfo[]> {
  const rows = await listActiveApiTokens(deps.db, user.id, deps.now());
  return rows.map((r) => ({
    id: r.id,
    name: r.name ?? '',
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  }));
}

/** Revokes one of the user's own API tokens; someone else's token answers 404 like an unknown one. */
export async function revokeApiToken(deps: Deps, user: SessionUser, id: string): Promise<void> {
  if (!(await revokeApiTokenOfUser(deps.db, user.id, id, deps.now()))) throw new DomainError('NOT_FOUND', `API token '${id}' not found`);
}

// ---------------------------------------------------------------------------------------------
// Passwords

/** A short list of passwords that are guessed first; a policy, not a dictionary attack. */
const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  'password1234',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword123',
  '1234567890',
  '12345678910',
  '123456789',
  '0123456789',
  '1111111111',
  '0000000000',
  '1234512345',
  '9876543210',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'zaq12wsx',
  'abcdefghij',
  'abcd123456',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'admin12345',
  'administrator',
  'changeme123',
  'football123',
  'woaini1314',
  'woaini520',
  '5201314520',
  'a123456789',
  'aa123456789',
  'qq123456789',
  'plaint123',
  'plaintplaint',
]);

/** Throws a 400 naming `field` when a new password breaks the policy (≥ 10 characters, not the e-mail, not common). */
export function assertPasswordPolicy(password: string, email: string, field = 'password'): void {
  if ([...password].length < 10) throw invalid(field, 'must be at least 10 characters');
  if (password.length > 200) throw invalid(field, 'must be at most 200 characters');
  const p = password.trim().toLowerCase();
  const e = normaliseEmail(email);
  const local = e.split('@')[0];
  if (p === e || p === local || (local.length >= 4 && p.includes(local))) throw invalid(field, 'must not be or contain the e-mail address');
  if (COMMON_PASSWORDS.has(p) || /^(.)\1+$/.test(p)) throw invalid(field, 'is too common; choose a longer phrase');
}

/** Changes the user's own password; the other sessions and tokens of the user are revoked. */
export async function changePassword(deps: Deps, auth: Authenticated, currentPassword: string, newPassword: string): Promise<void> {
  const row = await findUserById(deps.db, auth.user.id);
  if (!row) throw new DomainError('UNAUTHENTICATED', 'the user no longer exists');
  const current = row.password_hash;
  const ok = current !== null && (await argon2.verify(current, currentPassword).catch(() => false));
  if (!ok) throw new DomainError('FORBIDDEN', 'the current password is wrong');
  assertPasswordPolicy(newPassword, row.email, 'newPassword');
  if (await argon2.verify(current, newPassword).catch(() => false)) throw invalid('newPassword', 'must differ from the current password');
  const hash = await hashPassword(newPassword);
  await setPasswordRevokingOthers(deps.db, auth.user.id, hash, deps.now(), auth.sessionId);
}

/**
 * Creates a user unless one already has the e-mail, which is then left exactly as it is: the demo's users,
 * made when the demo is first seeded. A later start does not reset a demo password an administrator has
 * changed, nor re-enable a demo user they disabled, and does not spend an argon2 check (~0.4 s of CPU)
 * on each of them at every start. True when the user was created.
 */
export async function createUserIfMissing(
  deps: Deps,
  u: { email: string; name: string; password: string; role: string; orgNodeId: string | null },
): Promise<boolean> {
  const email = normaliseEmail(u.email);
  if (await findUserByEmail(deps.db, email)) return false;
  const made = await insertUserUnlessEmailTaken(deps.db, {
    email,
    name: u.name,
    password_hash: await hashPassword(u.password),
    role: u.role,
    org_node_id: u.orgNodeId,
  });
  return made !== undefined;
}

/** Creates or updates a user; used for the admin from the environment (every start makes it as configured). */
export async function ensureUser(
  deps: Deps,
  u: { email: string; name: string; password: string; role: string; orgNodeId: string | null },
): Promise<void> {
  const email = normaliseEmail(u.email);
  const existing = await findUserByEmail(deps.db, email);
  if (existing) {
    const same = existing.password_hash !== null && (await argon2.verify(existing.password_hash, u.password).catch(() => false));
    await updateUserRow(deps.db, existing.id, {
      role: u.role,
      disabled: false,
      ...(same ? {} : { password_hash: await hashPassword(u.password) }),
    });
    return;
  }
  await insertUserUnlessEmailTaken(deps.db, {
    email,
    name: u.name,
    password_hash: await hashPassword(u.password),
    role: u.role,
    org_node_id: u.orgNodeId,
  });
}
