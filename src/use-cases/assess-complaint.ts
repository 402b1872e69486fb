/**
 * Compensation / penalty assessment of one complaint (R-RS-2, R-RS-3): facts the record already holds
 * (level, qualification, overdue clocks, earlier valid complaints at the same station this year) plus
 * facts the handler supplies (product value, bill, responsible persons).
 */
import { sql } from 'kysely';
import type { Deps } from './context.ts';
import { assessComplaint, type AssessmentFacts, type AssessmentResult } from '../domain/assessment/index.ts';
import type { Qualification } from '../domain/contracts.ts';
import { findComplaint, loadClocks } from '../data/complaint-store.ts';
import { notFound } from '../domain/errors.ts';
import { assertComplaintId } from './get-complaint.ts';

const TWELVE_HOURS = 12 * 3600_000;

export async function assessComplaintById(deps: Deps, id: string, supplied: AssessmentFacts = {}): Promise<AssessmentResult> {
  assertComplaintId(id);
  const row = await findComplaint(deps.db, id);
  if (!row) throw notFound(`complaint '${id}'`);
  const clocks = await loadClocks(deps.db, id);
  const now = deps.now();
  let worstLateMs = -1;
  for (const c of clocks) {
    if (c.state !== 'breached') continue;
    const end = c.metAt ? Date.parse(c.metAt) : now.getTime();
    worstLateMs = Math.max(worstLateMs, end - Date.parse(c.dueAt));
  }
  const year = new Date(row.received_at).getUTCFullYear();
  const prior = await deps.db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', row.unit_id)
    .where('qualification', '=', 'valid')
    .where('id', '!=', row.id)
    .where('received_at', '<', row.received_at)
    .where(sql<boolean>`extract(year from received_at) = ${year}`)
    .executeTakeFirst();
  const facts: AssessmentFacts = {
    valid: row.qualification === 'valid',
    overdue: worstLateMs < 0 ? 'none' : worstLateMs >= TWELVE_HOURS ? 'overdue_12h' : 'overdue',
    priorValidComplaintsThisYearAtStation: Number(prior?.n ?? 0),
    ...supplied,
  } as AssessmentFacts;
  return assessComplaint({ packId: row.policy_id, level: row.level, qualification: row.qualification as Qualification | null, facts });
}
