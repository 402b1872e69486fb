/**
 * Organisation scoping: which complaints and organisation nodes a user may see. One scope is
 * computed per request and used both as a SQL condition (lists, totals, dashboard;
 * src/data/scope-condition.ts) and as a check on one complaint (detail, actions, events, assessment,
 * contact), so the two can never disagree.
 */
import type { Db, ComplaintRow } from '../data/complaint-store.ts';
import { subtreeIds } from '../data/org-store.ts';
import { NODELESS_SCOPE, ROLE_SCOPE, isRole } from './permissions.ts';

export interface UserRef {
  id: string;
  role: string;
  orgNodeId: string | null;
}

export interface Scope {
  /** Organisation nodes at or below the user's node; null = the whole installation. */
  orgIds: ReadonlySet<string> | null;
  /** For department-scoped roles: the departments whose dispatched complaints the user sees. */
  departmentIds: ReadonlySet<string> | null;
}

const NOTHING: Scope = { orgIds: new Set(), departmentIds: null };

export async function scopeOf(db: Db, user: UserRef): Promise<Scope> {
  if (!isRole(user.role)) return NOTHING;
  if (!user.orgNodeId) return NODELESS_SCOPE[user.role] === 'installation' ? { orgIds: null, departmentIds: null } : NOTHING;
  const ids = new Set(await subtreeIds(db, user.orgNodeId));
  return ROLE_SCOPE[user.role] === 'department' ? { orgIds: ids, departmentIds: ids } : { orgIds: ids, departmentIds: null };
}

/** Whether a unit (or any org node) lies inside the scope; creating a complaint there needs this. */
export function nodeInScope(scope: Scope, nodeId: string): boolean {
  if (scope.departmentIds) return false; // departments receive work; they do not own units
  return scope.orgIds === null || scope.orgIds.has(nodeId);
}

export function complaintInScope(scope: Scope, row: Pick<ComplaintRow, 'unit_id' | 'lead_department_id' | 'co_department_ids'>): boolean {
  if (scope.departmentIds) {
    const depts = scope.departmentIds;
    return (
      (row.lead_department_id !== null && depts.has(row.lead_department_id)) || (row.co_department_ids ?? []).some((d) => depts.has(d))
    );
  }
  return scope.orgIds === null || scope.orgIds.has(row.unit_id);
}

/**
 * The same rule as a SQL condition lives with the other SQL (src/data/scope-condition.ts). Re-exported
 * here only so callers not yet moved behind a store keep compiling; new code imports it from src/data.
 */
export { scopeCondition } from '../data/scope-condition.ts';

/**
 * The organisation nodes a user is shown: their subtree, plus the chain of nodes above it so the
 * console can draw where the user sits (their own chain of command, never a sibling branch).
 */
export function visibleNodes<N extends { id: string; parent_id: string | null }>(nodes: readonly N[], scope: Scope, user: UserRef): N[] {
  if (scope.orgIds === null) return [...nodes];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const shown = new Set(scope.orgIds);
  for (let n = user.orgNodeId ? byId.get(user.orgNodeId) : undefined; n?.parent_id; n = byId.get(n.parent_id)) shown.add(n.parent_id);
  return nodes.filter((n) => shown.has(n.id));
}

/** A unit's calendar is readable inside the subtree and by the departments below it (their deadlines run on it). */
export function nodeReadable<N extends { id: string; parent_id: string | null }>(
  nodes: readonly N[],
  scope: Scope,
  user: UserRef,
  nodeId: string,
): boolean {
  return visibleNodes(nodes, scope, user).some((n) => n.id === nodeId);
}
