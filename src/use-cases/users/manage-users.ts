/**
 * Accounts, for holders of `users.manage`, inside their organisation scope: an administrator at a
 * node manages the users at or below it; the administrator from the environment (no node) manages
 * everyone. A user outside the scope answers 404 like an unknown one. Disabling revokes every
 * session and token of the user at once (authentication also refuses a disabled user).
 */
import type { Deps } from '../context.ts';
import {
  findUserById,
  insertUserUnlessEmailTaken,
  listUsersAt,
  updateUserRow,
  type UserChanges,
  type UserRow,
} from '../../data/user-store.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import { assertPasswordPolicy, hashPassword, revokeUserSessions, type SessionUser } from '../auth.ts';
import { isRole, selfChangeRefused } from '../../security/permissions.ts';
import { scopeOf, type Scope } from '../../security/scope.ts';
import { findOrgNode } from '../../data/org-store.ts';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  orgNodeId: string | null;
  disabled: boolean;
  createdAt: string;
}

const view = (u: UserRow): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  orgNodeId: u.org_node_id,
  disabled: u.disabled,
  createdAt: new Date(u.created_at).toISOString(),
});

/** Users are in scope when their node is in the manager's subtree; node-less users only for the whole-installation admin. */
function userInScope(scope: Scope, u: { org_node_id: string | null }): boolean {
  if (scope.orgIds === null) return true;
  return u.org_node_id !== null && scope.orgIds.has(u.org_node_id);
}

async function assertNodeAssignable(deps: Deps, scope: Scope, orgNodeId: string | null, field: string): Promise<void> {
  if (orgNodeId === null) {
    if (scope.orgIds !== null) throw invalid(field, 'only the installation administrator may create users without an organisation node');
    return;
  }
  const node = await findOrgNode(deps.db, orgNodeId);
  if (!node || (scope.orgIds !== null && !scope.orgIds.has(orgNodeId))) throw notFound(`organisation node '${orgNodeId}'`);
}

export async function listUsers(deps: Deps, actor: SessionUser): Promise<UserView[]> {
  const scope = await scopeOf(deps.db, actor);
  return (await listUsersAt(deps.db, scope.orgIds === null ? null : [...scope.orgIds])).map(view);
}

/** The refusal of an address that is already some account's login name (unique in the installation). */
export const EMAIL_TAKEN = 'email: this address is already the login name of an account; Plaint does not say whose or where';

export interface NewUser {
  email: string;
  name: string;
  role: string;
  orgNodeId: string | null;
  password: string;
}

export async function createUser(deps: Deps, actor: SessionUser, input: NewUser): Promise<UserView> {
  const scope = await scopeOf(deps.db, actor);
  const email = input.email.trim().toLowerCase();
  if (!isRole(input.role)) throw invalid('role', `unknown role '${input.role}'`);
  await assertNodeAssignable(deps, scope, input.orgNodeId, 'orgNodeId');
  assertPasswordPolicy(input.password, email, 'password');
  const hash = await hashPassword(input.password);
  const row = await insertUserUnlessEmailTaken(deps.db, {
    email,
    name: input.name.trim(),
    role: input.role,
    org_node_id: input.orgNodeId,
    password_hash: hash,
    password_changed_at: deps.now(),
    created_at: deps.now(),
  });
  // One answer for every taken address, in the admin's scope or not: it never says whose or where,
  // and the same work (policy check, hash, one insert) was done either way (docs/SECURITY.md, "Accounts").
  if (!row) throw new DomainError('CONFLICT', EMAIL_TAKEN, { field: 'email' });
  return view(row);
}

export interface UserPatch {
  name?: string;
  role?: string;
  orgNodeId?: string | null;
  disabled?: boolean;
}

export async function updateUser(deps: Deps, actor: SessionUser, id: string, patch: UserPatch): Promise<UserView> {
  const scope = await scopeOf(deps.db, actor);
  const target = await findUserById(deps.db, id);
  if (!target || !userInScope(scope, target)) throw notFound(`user '${id}'`);
  if (selfChangeRefused(actor.id, target, patch)) {
    throw new DomainError('CONFLICT', 'you may not disable yourself or change your own role');
  }
  if (patch.role !== undefined && !isRole(patch.role)) throw invalid('role', `unknown role '${patch.role}'`);
  if (patch.orgNodeId !== undefined) await assertNodeAssignable(deps, scope, patch.orgNodeId, 'orgNodeId');
  const set: UserChanges = {};
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.orgNodeId !== undefined) set.org_node_id = patch.orgNodeId;
  if (patch.disabled !== undefined) set.disabled = patch.disabled;
  if (Object.keys(set).length === 0) return view(target);
  const row = await updateUserRow(deps.db, id, set);
  // A disabled account loses every session and token at once; a moved or re-roled one keeps its
  // sessions, since role and node are read from the users table on every request.
  if (patch.disabled === true) await revokeUserSessions(deps, id);
  return view(row);
}
