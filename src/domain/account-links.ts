/**
 * One-time links that set a password (issue #16 item 3): what they are for, how long they live and the
 * address given to the administrator. Pure; the secrets and their storage are in
 * src/use-cases/users/account-links.ts.
 */
export type AccountLinkPurpose = 'invite' | 'reset';

/**
 * An invitation lives three days (the new colleague may open it after a weekend); a reset a day, since
 * it replaces a working password and is asked for when it is needed.
 */
export const ACCOUNT_LINK_HOURS: Record<AccountLinkPurpose, number> = { invite: 72, reset: 24 };

/**
 * The link's address. The secret rides in the fragment, which browsers never send to a server, so it
 * stays out of access logs and Referer headers; the /invite page reads it and posts it.
 */
export function accountLinkUrl(publicUrl: string, purpose: AccountLinkPurpose, token: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/invite#token=${encodeURIComponent(token)}${purpose === 'reset' ? '&reset=1' : ''}`;
}

/** Until when an e-mail whose last counted attempt started at `latest` stays locked (docs/SECURITY.md). */
export function lockedUntil(latest: Date, windowMs: number): Date {
  return new Date(latest.getTime() + windowMs);
}
