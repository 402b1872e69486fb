/**
 * The portal's tracking secret of a complaint (R-IN-5), derived from the event log key and the
 * complaint's id: 128 bits of HMAC-SHA256, as unguessable as random bytes to anyone without the key,
 * and given again whenever a message to the customer needs its link (issue #14, item 5: the reply and
 * the return-visit invitation), while the database keeps only its SHA-256, as before.
 */
import { createHash, createHmac } from 'node:crypto';

export function portalSecret(logKey: Buffer, complaintId: string): string {
  return createHmac('sha256', logKey).update(`portal-secret\u0000${complaintId}`).digest().subarray(0, 16).toString('base64url');
}

export function portalSecretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The secret when the stored hash is of the derived one; null for a complaint whose secret was random (before derivation). */
export function recoverPortalSecret(logKey: Buffer, complaintId: string, storedHash: string | null): string | null {
  if (!storedHash) return null;
  const secret = portalSecret(logKey, complaintId);
  return portalSecretHash(secret) === storedHash ? secret : null;
}
