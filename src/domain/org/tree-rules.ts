/**
 * The shape of an organisation tree (issue #16 item 2), as the demo organisation draws it
 * (src/seed/demo-org.ts): one group at the top; companies under it; units (a project, a station, a
 * plant) under a company; departments under a unit, or under a company for its own staff. Pure: the
 * use cases pass in what they read.
 */
export const NODE_KINDS = ['group', 'company', 'unit', 'department'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Where each kind may sit: the kind of its parent (null: at the top). */
export const PARENT_KINDS: Record<NodeKind, readonly (NodeKind | null)[]> = {
  group: [null],
  company: ['group'],
  unit: ['company'],
  department: ['unit', 'company'],
};

const LABEL: Record<NodeKind, string> = { group: 'a group', company: 'a company', unit: 'a unit', department: 'a department' };

/** Why a node of `kind` cannot sit under a parent of `parentKind` (null: no parent), or null when it can. */
export function placementProblem(kind: NodeKind, parentKind: NodeKind | null): string | null {
  if (PARENT_KINDS[kind].includes(parentKind)) return null;
  const allowed = PARENT_KINDS[kind].map((k) => (k === null ? 'at the top' : `under ${LABEL[k]}`)).join(' or ');
  return `${LABEL[kind]} sits ${allowed}, not ${parentKind === null ? 'at the top' : `under ${LABEL[parentKind]}`}`;
}

/** Moving `nodeId` under `newParentId` makes a cycle when the new parent is the node or lies below it. */
export function makesCycle(nodeId: string, newParentAncestry: readonly string[]): boolean {
  return newParentAncestry.includes(nodeId);
}

/** Which kinds carry a pack: a unit must (its complaints run on it); a company may, as the default of its new units. */
export function policyProblem(kind: NodeKind, policyId: string | null | undefined): string | null {
  if (kind === 'unit') return policyId ? null : 'a unit needs a pack: give policyId, or give its company one first';
  if (kind === 'company') return null;
  return policyId ? `${LABEL[kind]} follows no pack of its own` : null;
}

/**
 * The pack a new unit starts on: the one given, else its company's (stored on the unit, as every
 * complaint reads its unit's pack).
 */
export function packForNewNode(kind: NodeKind, given: string | null | undefined, companyPolicy: string | null): string | null {
  if (given) return given;
  return kind === 'unit' ? companyPolicy : null;
}

/** The fields of a node that a change records, before and after: only those that differ. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined || JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    b[key] = before[key];
    a[key] = after[key];
  }
  return { before: b, after: a };
}

/** The ids of the nodes out of service: disabled themselves or below a disabled node (they take no new complaints). */
export function outOfService(nodes: readonly { id: string; parent_id: string | null; disabled?: boolean }[]): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Set<string>();
  for (const n of nodes) {
    for (let m: typeof n | undefined = n, hops = 0; m && hops < 64; m = m.parent_id ? byId.get(m.parent_id) : undefined, hops++) {
      if (m.disabled) {
        out.add(n.id);
        break;
      }
    }
  }
  return out;
}
