/** Shared steps of the casework use cases: lock the complaint, find its pack, when its level was set. */
import type { Db, ComplaintRow } from '../../data/complaint-store.ts';
import { lockComplaint } from '../../data/complaint-store.ts';
import { lastLevelChangeTo } from '../../data/event-store.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Pack } from '../../policies/index.ts';
import { complaintPackVia } from '../policy/resolve-pack.ts';

export async function lockOr404(trx: Db, id: string): Promise<ComplaintRow> {
  const row = await lockComplaint(trx, id);
  if (!row) throw notFound(`complaint '${id}'`);
  return row;
}

/** The complaint's pack at the tuned version it was received under (issue #16 item 4). */
export async function packOf(db: Db, row: ComplaintRow): Promise<Pack> {
  const pack = await complaintPackVia(db, row);
  if (!pack) throw new DomainError('CONFLICT', `policy '${row.policy_id}' is not installed`);
  return pack;
}

export const conflict = (message: string) => new DomainError('ILLEGAL_TRANSITION', message, { allowed: [] });

/** When the complaint last reached its current level (the latest level_changed event to it), else its receipt. */
export async function levelSetAt(db: Db, row: ComplaintRow): Promise<Date> {
  return (await lastLevelChangeTo(db, row.id, row.level ?? '')) ?? new Date(row.received_at);
}

export function levelNames(pack: Pack): Record<string, string> {
  return Object.fromEntries(pack.severity.levels.map((l) => [l.id, l.nameZh]));
}

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function text(field: string, v: unknown, max = 5000): string {
  if (typeof v !== 'string' || !v.trim()) throw new DomainError('VALIDATION', `${field}: must not be empty`, { field });
  if (v.length > max) throw new DomainError('VALIDATION', `${field}: at most ${max} characters`, { field });
  return v.trim();
}
