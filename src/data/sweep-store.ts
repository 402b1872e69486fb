/** What the sweeper finds to do: complaints with a running clock past due, or a severity check due. */
import { sql } from 'kysely';
import type { Db } from './complaint-store.ts';

/**
 * The ids of up to `batch` complaints of each kind, the most overdue first, without duplicates. A
 * complaint found by both reads is handled once; the rest wait for the next pass.
 */
export async function complaintsToSweep(db: Db, now: Date, batch: number): Promise<string[]> {
  const due = await db
    .selectFrom('complaint_clocks')
    .select('complaint_id')
    .where('state', '=', 'running')
    .where('due_at', '<', now)
    .groupBy('complaint_id')
    .orderBy(sql`min(due_at)`)
    .limit(batch)
    .execute();
  const toCheck = await db
    .selectFrom('complaints')
    .select('id')
    .where('status', '!=', 'closed')
    .where('next_severity_check_at', '<=', now)
    .orderBy('next_severity_check_at')
    .limit(batch)
    .execute();
  return [...new Set([...due.map((d) => d.complaint_id), ...toCheck.map((c) => c.id)])];
}
