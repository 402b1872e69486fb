/**
 * The responsibility matrix assigns the responsible departments in the write that makes a row apply (#15 item 5,
 * S0 food 10): at intake from the category, or later when the category, the recorded cause (the report's `causeId`,
 * food 5) or the cases affected complete a row's conditions. A new row is recorded in a `responsibility_assigned`
 * event; a write that matches no row keeps what was assigned. Pure.
 */
import type { ComplaintFacts } from '../contracts.ts';
import type { NewEvent } from '../events.ts';
import type { Pack } from '../../policies/pack-schema.ts';
import { responsibilityChanged, responsibleDepartments, type ResponsibilityAssignment } from '../responsibility/responsible-departments.ts';

export interface ResponsibilityPlan {
  /** What the complaint keeps after this write. */
  stored: ResponsibilityAssignment | null;
  event: Extract<NewEvent, { type: 'responsibility_assigned' }> | null;
}

/** The cause recorded with the investigation report (the report action's `causeId`), if any. */
export function recordedCause(report: unknown): string | null {
  const causeId = report && typeof report === 'object' ? (report as { causeId?: unknown }).causeId : undefined;
  return typeof causeId === 'string' ? causeId : null;
}

export function planResponsibility(
  pack: Pick<Pack, 'responsibility'>,
  row: { report?: unknown; cases_affected?: number | null; responsibility?: ResponsibilityAssignment | null },
  facts: Pick<ComplaintFacts, 'categoryId'>,
): ResponsibilityPlan {
  const stored = row.responsibility ?? null;
  const next = responsibleDepartments(pack, {
    categoryId: facts.categoryId,
    causeId: recordedCause(row.report),
    casesAffected: row.cases_affected ?? null,
  });
  if (!responsibilityChanged(stored, next)) return { stored, event: null };
  const assigned = next!;
  return {
    stored: assigned,
    event: {
      type: 'responsibility_assigned',
      data: {
        ruleId: assigned.ruleId,
        rowId: assigned.rowId,
        clause: assigned.clause,
        departmentIds: assigned.departments.map((d) => d.id),
        departments: assigned.departments.map((d) => d.nameZh),
        previousRowId: stored?.rowId ?? null,
      },
    },
  };
}
