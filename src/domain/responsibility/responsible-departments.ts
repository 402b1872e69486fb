/**
 * The responsibility matrix (R-RS-1, S0 food 10 客訴責任歸屬): which departments answer for a complaint, from its
 * category, its recorded cause (food 5) and the cases affected (">20箱为批量"). Pure: the pack's rows decide.
 */
import type { Pack } from '../../policies/pack-schema.ts';

export interface ResponsibilityFacts {
  categoryId: string | null;
  /** The cause recorded with the report (pack `causes`), when known. */
  causeId: string | null;
  /** How many cases (箱) are affected, when known. */
  casesAffected: number | null;
}

/** The assignment as stored on the complaint and in its `responsibility_assigned` event. */
export interface ResponsibilityAssignment {
  ruleId: string;
  rowId: string;
  clause: string;
  departments: { id: string; name: string; nameZh: string }[];
}

/** The first row whose conditions all hold; null when the pack has no matrix or no row applies yet. */
export function responsibleDepartments(pack: Pick<Pack, 'responsibility'>, f: ResponsibilityFacts): ResponsibilityAssignment | null {
  const table = pack.responsibility;
  if (!table || f.categoryId === null) return null;
  const row = table.rows.find(
    (r) =>
      r.categoryIds.includes(f.categoryId!) &&
      (r.causeIds === undefined || (f.causeId !== null && r.causeIds.includes(f.causeId))) &&
      (r.casesAtLeast === undefined || (f.casesAffected !== null && f.casesAffected >= r.casesAtLeast)),
  );
  if (!row) return null;
  const byId = new Map(table.departments.map((d) => [d.id, d]));
  return {
    ruleId: table.ruleId,
    rowId: row.id,
    clause: row.clause,
    departments: row.departmentIds.map((id) => {
      const d = byId.get(id)!;
      return { id: d.id, name: d.name, nameZh: d.nameZh };
    }),
  };
}

/** Whether `next` assigns something other than `stored` (a new assignment is recorded; none keeps the stored one). */
export function responsibilityChanged(stored: ResponsibilityAssignment | null, next: ResponsibilityAssignment | null): boolean {
  return next !== null && (stored === null || stored.rowId !== next.rowId);
}
