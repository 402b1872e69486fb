/**
 * Issuing one-time links that set a password (issue #16 item 3), shared by invitations
 * (invite-user.ts) and password resets (reset-password.ts). The secret is 32 random bytes, given once
 * in the answer and stored only as its SHA-256 (migration 0030); issuing a link revokes the user's
 * earlier live links in the same transaction, so at most one works at a time.
 *
 * The link is returned to the administrator only: it is not queued as an e-mail, because an outbox
 * row keeps its payload in plain text until it is delivered and after, which would put the secret
 * the hash protects back into the database (docs/SECURITY.md, "Invitations and password resets").
 */
import { randomBytes } from 'node:crypto';
import type { Deps } from '../context.ts';
import type { SessionUser } from '../auth.ts';
import { tokenHash } from '../auth.ts';
import { insertAccountLink, revokeLiveLinksOfUser } from '../../data/account-link-store.ts';
import { inTransaction } from '../../data/transaction.ts';
import { lockUser } from '../../data/session-store.ts';
import { ACCOUNT_LINK_HOURS, accountLinkUrl, type AccountLinkPurpose } from '../../domain/account-links.ts';
import { DomainError, notFound } from '../../domain/errors.ts';

export interface IssuedLink {
  purpose: AccountLinkPurpose;
  /** `${publicUrl}/invite#token=…`: shown once; whoever holds it sets the password. */
  url: string;
  expiresAt: string;
}

/** Stores a new link of `purpose` for `userId` (already checked to be the actor's to manage). */
export async function issueAccountLink(
  deps: Deps,
  actor: SessionUser | null,
  userId: string,
  purpose: AccountLinkPurpose,
): Promise<IssuedLink> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + ACCOUNT_LINK_HOURS[purpose] * 3600_000);
  await inTransaction(deps.db, async (trx) => {
    // Under the user's row lock, so two links issued at once leave exactly one live.
    if (!(await lockUser(trx, userId))) throw notFound(`user '${userId}'`);
    await revokeLiveLinksOfUser(trx, userId, now);
    await insertAccountLink(trx, {
      user_id: userId,
      purpose,
      token_hash: tokenHash(token),
      created_by: actor?.id ?? null,
      created_at: now,
      expires_at: expiresAt,
    });
  });
  return { purpose, url: accountLinkUrl(deps.publicUrl ?? '', purpose, token), expiresAt: expiresAt.toISOString() };
}

/** A disabled account gets no link: enable it first (a link would only be refused when used). */
export function assertEnabled(u: { disabled: boolean }): void {
  if (u.disabled) throw new DomainError('CONFLICT', 'the account is disabled; enable it before sending a link');
}
