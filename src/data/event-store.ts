/**
 * Reads of the event log that are not one complaint's chain (see complaint-store.ts for those): when a
 * level was reached, whether any event exists, and the complaints to walk when the log is verified.
 */
import { sql } from 'kysely';
import type { Db } from './complaint-store.ts';
import { scopeCondition, type Scope } from '../security/scope.ts';

/** When the complaint last changed to `level` (its latest level_changed event to it), if ever. */
export async function lastLevelChangeTo(db: Db, complaintId: string, level: string): Promise<Date | undefined> {
  const ev = await db
    .selectFrom('complaint_events')
    .select('at')
    .where('complaint_id', '=', complaintId)
    .where('type', '=', 'level_changed')
    .where(sql<boolean>`data->>'level' = ${level}`)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return ev ? new Date(ev.at) : undefined;
}

/** Whether the log holds any event at all. */
export async function anyEventExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('complaint_events').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * One page of complaints (id, code) after `afterId` in id order, optionally only one complaint and only
 * those in a scope: the verification walks the log complaint by complaint without holding them all.
 */
export async function complaintPageAfter(
  db: Db,
  afterId: string,
  opts: { limit: number; complaintId?: string; scope?: Scope },
): Promise<{ id: string; code: string }[]> {
  let q = db.selectFrom('complaints').select(['id', 'code']).where('id', '>', afterId).orderBy('id').limit(opts.limit);
  if (opts.complaintId) q = q.where('id', '=', opts.complaintId);
  if (opts.scope) q = q.where(scopeCondition(opts.scope, 'complaints'));
  return q.execute();
}
