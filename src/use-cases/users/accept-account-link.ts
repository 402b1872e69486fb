/**
 * Accept an invitation or a password reset (issue #16 item 3; public POST /api/auth/invite/accept):
 * the link's owner sets a password under the usual policy and is logged in. In one transaction the
 * link is consumed (one UPDATE that only a live link passes, so a second use, even at the same moment,
 * fails), the password is set, every session and token of the user is revoked and the user's other
 * live links end. An unknown, used, revoked or expired link, or one of a disabled account, answers the
 * same 404. The e-mail's failed logins are cleared: the owner has just proved control of the account.
 */
import type { Deps } from '../context.ts';
import { assertPasswordPolicy, createSession, hashPassword, tokenHash, type SessionKind, type SessionUser } from '../auth.ts';
import { consumeLink, findLiveLink, revokeLiveLinksOfUser } from '../../data/account-link-store.ts';
import { revokeSessionsOfUser } from '../../data/session-store.ts';
import { updateUserRow } from '../../data/user-store.ts';
import { clearLoginFailures } from '../../data/login-attempt-store.ts';
import { inTransaction } from '../../data/transaction.ts';
import { DomainError } from '../../domain/errors.ts';
import type { AccountLinkPurpose } from '../../domain/account-links.ts';

export const LINK_GONE = 'this link is unknown, already used or expired; ask your administrator for a new one';

export interface Accepted {
  purpose: AccountLinkPurpose;
  token: string;
  user: SessionUser;
  expiresAt: Date;
}

export async function acceptAccountLink(
  deps: Deps,
  secret: string,
  password: string,
  sessionHours: number,
  kind: SessionKind,
): Promise<Accepted> {
  const now = deps.now();
  const hash = tokenHash(secret);
  // Read first, without consuming, so a password the policy refuses leaves the link usable.
  const link = await findLiveLink(deps.db, hash, now);
  if (!link || link.disabled) throw new DomainError('NOT_FOUND', LINK_GONE);
  assertPasswordPolicy(password, link.email, 'password');
  const passwordHash = await hashPassword(password);
  const row = await inTransaction(deps.db, async (trx) => {
    if (!(await consumeLink(trx, link.id, now))) throw new DomainError('NOT_FOUND', LINK_GONE);
    const u = await updateUserRow(trx, link.user_id, { password_hash: passwordHash, password_changed_at: now });
    if (u.disabled) throw new DomainError('NOT_FOUND', LINK_GONE);
    await revokeSessionsOfUser(trx, u.id, now);
    await revokeLiveLinksOfUser(trx, u.id, now);
    return u;
  });
  await clearLoginFailures(deps.db, row.email);
  const session = await createSession(deps, row.id, kind, sessionHours);
  return {
    purpose: link.purpose,
    token: session.token,
    expiresAt: session.expiresAt,
    user: { id: row.id, email: row.email, name: row.name, role: row.role, orgNodeId: row.org_node_id },
  };
}
