/**
 * A user's organisation scope (src/security/scope.ts) as a SQL condition, for lists, totals and
 * counts. It states the same rule as `complaintInScope`, which checks one row in memory, so the two
 * cannot disagree; keep them side by side when either changes.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../security/scope.ts';

/** The rule of `complaintInScope`, as a condition on the complaints table under `alias`. */
export function scopeCondition(scope: Scope, alias: string): RawBuilder<boolean> {
  if (scope.departmentIds) {
    const ids = [...scope.departmentIds];
    if (!ids.length) return sql<boolean>`false`;
    return sql<boolean>`(${sql.ref(`${alias}.lead_department_id`)} in (${sql.join(ids)}) or ${sql.ref(`${alias}.co_department_ids`)} && ARRAY[${sql.join(ids)}]::text[])`;
  }
  if (scope.orgIds === null) return sql<boolean>`true`;
  const ids = [...scope.orgIds];
  if (!ids.length) return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(`${alias}.unit_id`)} in (${sql.join(ids)})`;
}
