/**
 * The organisation tree as an administrator keeps it (issue #16 item 2): list, create, change, and
 * each node's change log. `org.manage` in scope: an administrator at a company works inside its
 * subtree only (a node outside answers 404 like an unknown one); the installation's administrator (no
 * node) everywhere. Every change takes the tree lock, is checked against the tree as it is inside that
 * transaction, and writes its audit row in the same transaction.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../data/schema.ts';
import type { Db } from '../../data/complaint-store.ts';
import { configSnapshot } from '../../data/config-cache.ts';
import { findOrgNode, listOrgNodes, type OrgNode } from '../../data/org-store.ts';
import {
  countOpenComplaints,
  countOrgNodes,
  insertOrgChange,
  insertOrgNode,
  listOrgChanges,
  lockOrgTree,
  updateOrgNode,
  type OrgNodeChanges,
} from '../../data/org-admin-store.ts';
import { inTransaction } from '../../data/transaction.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { changedFields, makesCycle, type NodeKind, packForNewNode, placementProblem, policyProblem } from '../../domain/org/tree-rules.ts';
import { findPack } from '../../policies/index.ts';
import { authorize } from '../../security/authorize.ts';
import { scopeOf, visibleNodes, type Scope, type UserRef } from '../../security/scope.ts';
import type { Deps } from '../context.ts';

export interface OrgNodeView {
  id: string;
  name: string;
  kind: NodeKind;
  parentId: string | null;
  policyId: string | null;
  disabled: boolean;
  /** A unit open to the public portal (item 5). */
  portal: boolean;
  /** The unit's own reply-approval setting; null: its pack's `replyApproval.requiredByDefault` (#15 item 1). */
  replyApproval: boolean | null;
  /** Inside the caller's subtree: may be changed (the nodes above it are shown, not editable). */
  editable: boolean;
  createdAt: string;
}

/** Who changes the tree, as the audit names them. */
export interface Editor extends UserRef {
  name: string;
}

const portalOf = (n: Pick<OrgNode, 'settings'>) => (n.settings as { portal?: unknown } | null)?.portal === true;
const replyApprovalOf = (n: Pick<OrgNode, 'settings'>) => {
  const v = (n.settings as { replyApproval?: unknown } | null)?.replyApproval;
  return typeof v === 'boolean' ? v : null;
};

export function nodeView(n: OrgNode, editable: boolean): OrgNodeView {
  return {
    id: n.id,
    name: n.name,
    kind: n.kind,
    parentId: n.parent_id,
    policyId: n.policy_id,
    disabled: n.disabled === true,
    portal: portalOf(n),
    replyApproval: replyApprovalOf(n),
    editable,
    createdAt: new Date(n.created_at).toISOString(),
  };
}

/** The fields a change records. */
const audited = (n: OrgNode) => ({
  name: n.name,
  kind: n.kind,
  parentId: n.parent_id,
  policyId: n.policy_id,
  disabled: n.disabled === true,
  portal: portalOf(n),
  // Only a unit's own setting is recorded; none (null) leaves the field out, as before the setting existed.
  ...(replyApprovalOf(n) === null ? {} : { replyApproval: replyApprovalOf(n) }),
});

const inScope = (scope: Scope, id: string) => scope.orgIds === null || scope.orgIds.has(id);

const PREFIX: Record<NodeKind, string> = { group: 'grp', company: 'co', unit: 'u', department: 'd' };

/** A new node's id: the kind's prefix and 40 random bits, never reused or renamed. */
export const newNodeId = (kind: NodeKind) => `${PREFIX[kind]}-${randomBytes(5).toString('hex')}`;

export function assertPack(policyId: string, field: string): void {
  if (!findPack(policyId)) throw invalid(field, `unknown pack '${policyId}': one of the ids of GET /api/policies`);
}

/** A sibling of the same name would make a name ambiguous where people (and the import) refer to nodes by name. */
function assertUniqueAmongSiblings(parentId: string | null, name: string, selfId: string | null, all: OrgNode[]): void {
  const clash = all.find((n) => n.parent_id === parentId && n.id !== selfId && n.name === name);
  if (clash)
    throw new DomainError('CONFLICT', `name: '${name}' is already the name of node '${clash.id}' under the same parent`, { field: 'name' });
}

export async function listManagedNodes(deps: Deps, user: UserRef): Promise<OrgNodeView[]> {
  authorize(user, 'org.manage');
  const scope = await scopeOf(deps.db, user);
  return visibleNodes(await listOrgNodes(deps.db), scope, user).map((n) => nodeView(n, inScope(scope, n.id)));
}

export interface NewNodeInput {
  name: string;
  kind: NodeKind;
  parentId: string | null;
  policyId?: string;
  portal?: boolean;
}

/**
 * Creates one node inside a transaction already holding the tree lock (the import and the first run
 * create many in one). The tree is read through the transaction, so nodes made earlier in it count.
 */
export async function createNodeIn(
  trx: Db,
  editor: Editor,
  scope: Scope,
  input: NewNodeInput,
  at: Date,
  field = (f: string) => f,
): Promise<OrgNode> {
  const config = await configSnapshot(trx);
  const name = input.name.trim();
  if (!name) throw invalid(field('name'), 'must not be empty');
  let parentKind: NodeKind | null = null;
  let companyPolicy: string | null = null;
  if (input.parentId === null) {
    if (scope.orgIds !== null) throw invalid(field('parentId'), 'only the installation administrator creates the top node');
    if ((await countOrgNodes(trx)) > 0)
      throw new DomainError('CONFLICT', 'the organisation has its top node already: give the parentId of the node to add under', {
        field: field('parentId'),
      });
  } else {
    const parent = config.node(input.parentId);
    if (!parent || !inScope(scope, parent.id)) throw notFound(`organisation node '${input.parentId}'`);
    parentKind = parent.kind;
    companyPolicy = config.companyOf(parent.id)?.policy_id ?? null;
  }
  const placement = placementProblem(input.kind, parentKind);
  if (placement) throw invalid(field('parentId'), placement);
  if (input.policyId) assertPack(input.policyId, field('policyId'));
  const policyId = packForNewNode(input.kind, input.policyId, companyPolicy);
  const policy = policyProblem(input.kind, policyId);
  if (policy) throw invalid(field('policyId'), policy);
  if (input.portal && input.kind !== 'unit') throw invalid(field('portal'), 'only a unit is opened to the public portal');
  assertUniqueAmongSiblings(input.parentId, name, null, await listOrgNodes(trx));
  const id = newNodeId(input.kind);
  await insertOrgNode(trx, {
    id,
    parent_id: input.parentId,
    kind: input.kind,
    name,
    policy_id: policyId,
    settings: input.kind === 'unit' ? { portal: input.portal === true } : {},
  });
  const node = (await findOrgNode(trx, id))!;
  await insertOrgChange(trx, {
    nodeId: id,
    by: { id: editor.id, label: editor.name },
    at,
    action: 'create',
    before: null,
    after: audited(node),
  });
  return node;
}

export async function createOrgNode(deps: Deps, editor: Editor, input: NewNodeInput): Promise<OrgNodeView> {
  authorize(editor, 'org.manage');
  const scope = await scopeOf(deps.db, editor);
  const node = await inTransaction(deps.db, async (trx) => {
    await lockOrgTree(trx);
    return createNodeIn(trx, editor, scope, input, deps.now());
  });
  return nodeView(node, true);
}

export interface NodePatch {
  name?: string;
  parentId?: string | null;
  policyId?: string;
  disabled?: boolean;
  portal?: boolean;
  /** A reply from this unit needs approval (true), does not (false), or as its pack says (null); #15 item 1. */
  replyApproval?: boolean | null;
  /**
   * Required to change the pack of a unit with open complaints: 'keep' — they keep the pack (and
   * version) they were received under, as every complaint stores its policy_id; only new complaints
   * run on the new pack.
   */
  runningClocks?: 'keep';
}

export async function updateOrgNodeFor(deps: Deps, editor: Editor, id: string, patch: NodePatch): Promise<OrgNodeView> {
  authorize(editor, 'org.manage');
  const scope = await scopeOf(deps.db, editor);
  const node = await inTransaction(deps.db as Kysely<DB>, async (trx) => {
    await lockOrgTree(trx);
    const config = await configSnapshot(trx);
    const node = config.node(id);
    if (!node || !inScope(scope, id)) throw notFound(`organisation node '${id}'`);
    const set: OrgNodeChanges = {};
    const all = await listOrgNodes(trx);
    let parentId = node.parent_id;
    if (patch.parentId !== undefined && patch.parentId !== node.parent_id) {
      if (patch.parentId === null) {
        const problem = placementProblem(node.kind, null);
        if (problem) throw invalid('parentId', problem);
      } else {
        const parent = config.node(patch.parentId);
        if (!parent || !inScope(scope, parent.id)) throw notFound(`organisation node '${patch.parentId}'`);
        // A cycle first: it is what the administrator tried, whatever the kinds would say.
        if (makesCycle(node.id, config.ancestry(parent.id)))
          throw new DomainError('CONFLICT', `parentId: '${parent.id}' is '${node.id}' or lies below it; a node cannot move under itself`, {
            field: 'parentId',
          });
        const problem = placementProblem(node.kind, parent.kind);
        if (problem) throw invalid('parentId', problem);
      }
      parentId = patch.parentId;
      set.parent_id = patch.parentId;
    }
    const name = patch.name?.trim();
    if (name !== undefined && !name) throw invalid('name', 'must not be empty');
    if (name !== undefined && name !== node.name) set.name = name;
    if (set.name !== undefined || set.parent_id !== undefined) assertUniqueAmongSiblings(parentId, name ?? node.name, node.id, all);
    if (patch.policyId !== undefined && patch.policyId !== node.policy_id) {
      assertPack(patch.policyId, 'policyId');
      const problem = policyProblem(node.kind, patch.policyId);
      if (problem) throw invalid('policyId', problem);
      if (node.kind === 'unit' && patch.runningClocks !== 'keep') {
        const open = await countOpenComplaints(trx, node.id);
        if (open > 0)
          throw new DomainError(
            'CONFLICT',
            `runningClocks: unit '${node.id}' has ${open} open complaint${open === 1 ? '' : 's'}; say what happens to their running clocks — runningClocks: 'keep' (they keep the pack and version they were received under; new complaints run on '${patch.policyId}')`,
            { field: 'runningClocks', allowed: ['keep'] },
          );
      }
      set.policy_id = patch.policyId;
    }
    if (patch.disabled !== undefined && patch.disabled !== (node.disabled === true)) set.disabled = patch.disabled;
    if (patch.portal !== undefined) {
      if (node.kind !== 'unit') throw invalid('portal', 'only a unit is opened to the public portal');
      if (patch.portal !== portalOf(node)) set.settings = { ...set.settings, portal: patch.portal };
    }
    if (patch.replyApproval !== undefined) {
      if (node.kind !== 'unit') throw invalid('replyApproval', 'only a unit answers its customers: set reply approval on a unit');
      if (patch.replyApproval !== replyApprovalOf(node)) set.settings = { ...set.settings, replyApproval: patch.replyApproval }; // null: removed, the pack decides
    }
    if (Object.keys(set).length === 0) return node;
    await updateOrgNode(trx, node.id, set);
    const after = (await findOrgNode(trx, node.id))!;
    const diff = changedFields(audited(node), audited(after));
    await insertOrgChange(trx, {
      nodeId: node.id,
      by: { id: editor.id, label: editor.name },
      at: deps.now(),
      action: 'update',
      before: diff.before,
      after: diff.after,
    });
    return after;
  });
  return nodeView(node, true);
}

export interface OrgChangeView {
  id: string;
  nodeId: string;
  action: 'create' | 'update';
  at: string;
  by: { id: string | null; name: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

/** A node's change log, newest first; a node outside the caller's subtree answers 404. */
export async function listNodeChanges(deps: Deps, user: UserRef, nodeId: string): Promise<OrgChangeView[]> {
  authorize(user, 'org.manage');
  const scope = await scopeOf(deps.db, user);
  const node = await findOrgNode(deps.db, nodeId);
  if (!node || !inScope(scope, node.id)) throw notFound(`organisation node '${nodeId}'`);
  return (await listOrgChanges(deps.db, node.id)).map((c) => ({
    id: c.id,
    nodeId: c.node_id,
    action: c.action,
    at: new Date(c.changed_at).toISOString(),
    by: { id: c.changed_by, name: c.changed_by_label },
    before: c.before,
    after: c.after,
  }));
}
