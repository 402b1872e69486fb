/**
 * Compensation / penalty assessment of one complaint (R-RS-2, R-RS-3): facts the record already holds
 * (level, qualification, overdue clocks, earlier valid complaints at the same station this year) plus
 * facts the handler supplies (product value, bill, responsible persons), applied to the tables of the
 * complaint's effective pack — its unit's pack as tuned at the complaint's `policy_version` (issue #15
 * item 1), so a tuning applies to complaints received after it and never to earlier ones.
 */
import type { Deps } from './context.ts';
import {
  assessComplaint,
  overdueTier,
  readsPersonComplaints,
  readsPriorValidComplaints,
  stationLateHours,
  type AssessmentFacts,
  type AssessmentResult,
} from '../domain/assessment/index.ts';
import {
  countPriorByDirectPersonThisYear,
  countPriorValidThisYear,
  findComplaint,
  firstEventAt,
  loadClocks,
} from '../data/complaint-store.ts';
import { configSnapshot } from '../data/config-cache.ts';
import { notFound } from '../domain/errors.ts';
import { assertComplaintId } from './get-complaint.ts';
import { complaintPackVia } from './policy/resolve-pack.ts';

export async function assessComplaintById(deps: Deps, id: string, supplied: AssessmentFacts = {}): Promise<AssessmentResult> {
  assertComplaintId(id);
  const row = await findComplaint(deps.db, id);
  if (!row) throw notFound(`complaint '${id}'`);
  const pack = await complaintPackVia(deps.db, row);
  if (!pack) throw notFound(`policy pack '${row.policy_id}'`);
  const clocks = await loadClocks(deps.db, id);
  const now = deps.now();
  // §15: the station answers for its own clocks, from when the complaint reached it (its first dispatch).
  const stationClocks = pack.penalties?.stationClocks;
  const reachedAt = stationClocks ? await firstEventAt(deps.db, id, 'dispatched') : null;
  const lateHours = stationLateHours(clocks, stationClocks, reachedAt, now);
  // §14.5: the directly responsible person is the one the investigation named unless the query names another.
  const directPersonId = supplied.directPersonId ?? row.direct_person ?? undefined;
  const given: AssessmentFacts = { ...supplied, ...(directPersonId !== undefined ? { directPersonId } : {}) };
  // Counted only when the assessment will read it (0 otherwise, which it then ignores): at 1,000,000
  // complaints the count reads up to a year of the unit's complaints, 50–100 ms of a complaint page (issue #20).
  const prior = readsPriorValidComplaints(pack, given) ? await countPriorValidThisYear(deps.db, row) : 0;
  const byPerson = readsPersonComplaints(pack, given)
    ? await countPriorByDirectPersonThisYear(deps.db, row, directPersonId!, await companyUnits(deps, row.unit_id))
    : undefined;
  const facts: AssessmentFacts = {
    valid: row.qualification === 'valid',
    // The overdue tier is the pack's (§15: overdue, overdue 12 h), read from its table.
    overdue: pack.penalties ? overdueTier(pack.penalties, lateHours) : 'none',
    priorValidComplaintsThisYearAtStation: prior,
    ...(byPerson !== undefined ? { priorComplaintsThisYearByDirectPerson: byPerson } : {}),
    ...given,
  } as AssessmentFacts;
  return assessComplaint({ pack, level: row.level, qualification: row.qualification, facts });
}

/** The units of the company above `unitId` (a person's complaints are counted across its stations, §14.5). */
async function companyUnits(deps: Deps, unitId: string): Promise<string[]> {
  const config = await configSnapshot(deps.db);
  const company = config.companyOf(unitId);
  if (!company) return [unitId];
  return config.subtree(company.id).filter((id) => config.node(id)?.kind === 'unit');
}
