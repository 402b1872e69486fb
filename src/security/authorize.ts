/**
 * The one place the server applies the permission table. Routes call these; nothing else decides
 * who may do what. A refusal is DomainError('FORBIDDEN') → 403; a complaint outside the user's scope
 * is DomainError('NOT_FOUND') → 404, so its existence is never revealed.
 */
import type { ActionType } from '../domain/lifecycle/index.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { findComplaint, type ComplaintRow } from '../data/complaint-store.ts';
import { assertComplaintId } from '../use-cases/get-complaint.ts';
import type { Deps } from '../use-cases/context.ts';
import { CAPABILITIES, roleHas, roleMayTake, roleMayTakeUnder, type Capability } from './permissions.ts';
import { complaintInScope, nodeInScope, scopeOf, type Scope, type UserRef } from './scope.ts';

/** Only the role decides a capability, so a use case can check its actor (`{ role }`) as well as a route its user. */
export function can(user: Pick<UserRef, 'role'>, capability: Capability): boolean {
  return roleHas(user.role, capability);
}

export function authorize(user: Pick<UserRef, 'role'>, capability: Capability): void {
  if (!can(user, capability)) throw new DomainError('FORBIDDEN', `role '${user.role}' may not ${CAPABILITIES[capability]}`);
}

export function authorizeAction(user: UserRef, action: string): void {
  if (!roleMayTake(user.role, action)) throw new DomainError('FORBIDDEN', `role '${user.role}' may not take the action '${action}'`);
}

/**
 * What the console offers: the state machine's allowed actions that this role may take, with the complaint's
 * pack naming who decides on a reply and never offering its author the approval (R-LC-5, issue #15 item 9).
 */
export function permittedActions(
  user: UserRef,
  stateAllowed: readonly ActionType[],
  complaint: { replyApproverRoles: readonly string[]; replyAuthorId: string | null },
): ActionType[] {
  return stateAllowed.filter(
    (a) =>
      roleMayTakeUnder(user.role, a, complaint.replyApproverRoles) &&
      !(a === 'approve_reply' && complaint.replyAuthorId !== null && complaint.replyAuthorId === user.id),
  );
}

/**
 * Loads a complaint for a user: 404 when it does not exist or lies outside the user's scope (checked
 * first, so a role's limits never reveal that an out-of-scope complaint exists), then 403 when the
 * role lacks what the route needs.
 */
export async function complaintForUser(
  deps: Deps,
  user: UserRef,
  id: string,
  need: { capability: Capability } | { action: string },
  scope?: Scope,
): Promise<ComplaintRow> {
  assertComplaintId(id);
  const row = await findComplaint(deps.db, id);
  const s = scope ?? (await scopeOf(deps.db, user));
  if (!row || !complaintInScope(s, row)) throw notFound(`complaint '${id}'`);
  if ('capability' in need) authorize(user, need.capability);
  else {
    authorize(user, 'complaint.act');
    authorizeAction(user, need.action);
  }
  return row;
}

/**
 * Guards a read over an organisation node and its subtree (reports, KPIs and their exports), as the
 * other node routes do: 403 when the role lacks the capability (whatever the node, so nothing is
 * learnt), then 404 when the node lies outside the user's scope, as for an unknown node, so other
 * companies' nodes are never confirmed. A department-scoped role owns no unit: every node is outside.
 */
export async function nodeForUser(deps: Deps, user: UserRef, nodeId: string, capability: Capability): Promise<void> {
  authorize(user, capability);
  if (!nodeInScope(await scopeOf(deps.db, user), nodeId)) throw notFound(`org node '${nodeId}'`);
}
