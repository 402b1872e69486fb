/**
 * The portal's way to a complaint: its tracking code and the secret given once at submission. An
 * unknown code and a wrong secret get the same 404, so the portal never reveals which codes exist.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Deps } from './context.ts';
import { findComplaintByCode, type ComplaintRow } from '../data/complaint-store.ts';
import { notFound } from '../domain/errors.ts';

export async function complaintByCodeAndSecret(deps: Deps, code: string, secret: string): Promise<ComplaintRow> {
  const row = await findComplaintByCode(deps.db, code.trim());
  const given = createHash('sha256').update(secret.trim()).digest();
  // Compared against zeros when there is nothing to compare, so both failures take the same time.
  const stored = row?.portal_secret_hash ? Buffer.from(row.portal_secret_hash, 'hex') : Buffer.alloc(32);
  if (!row?.portal_secret_hash || !timingSafeEqual(given, stored)) throw notFound('complaint with this code and secret');
  return row;
}
