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
  positionsOfUsers,
  replaceUserPositions,
  updateUserRow,
  type HeldPosition,
  type UserChanges,
  type UserRow,
} from '../../data/user-store.ts';
import { configSnapshot, type ConfigSnapshot } from '../../data/config-cache.ts';
import { inTransaction } from '../../data/transaction.ts';
import { findPack } from '../../policies/index.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../data/schema.ts';
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
  /** The pack positions the user holds, each at an organisation node (issue #14). */
  positions: HeldPosition[];
}

const view = (u: UserRow, positions: HeldPosition[]): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  orgNodeId: u.org_node_id,
  disabled: u.disabled,
  createdAt: new Date(u.created_at).toISOString(),
  positions,
});

/**
 * The packs whose positions may be held at a node: the pack of its unit (the node itself or the unit
 * above a department), else every pack of the units below it (a company or the group).
 */
function packsAt(config: ConfigSnapshot, nodeId: string): Set<string> {
  for (const id of config.ancestry(nodeId)) {
    const policy = config.node(id)?.policy_id;
    if (policy) return new Set([policy]);
  }
  return new Set(config.subtree(nodeId).flatMap((id) => config.node(id)?.policy_id ?? []));
}

/**
 * Checks the positions a user is to hold (issue #14): each node exists and is in the manager's scope
 * (404 otherwise, as for orgNodeId), and each position is one a pack governing that node declares (400
 * naming positions[i].positionId).
 */
async function checkPositions(deps: Deps, scope: Scope, positions: readonly HeldPosition[]): Promise<HeldPosition[]> {
  const config = await configSnapshot(deps.db);
  positions.forEach((p, i) => {
    if (!config.node(p.orgNodeId) || (scope.orgIds !== null && !scope.orgIds.has(p.orgNodeId)))
      throw notFound(`organisation node '${p.orgNodeId}'`);
    const packs = [...packsAt(config, p.orgNodeId)];
    if (!packs.some((id) => findPack(id)?.positions.some((pos) => pos.id === p.positionId))) {
      throw invalid(
        `positions[${i}].positionId`,
        `'${p.positionId}' is not a position of ${packs.length ? `policy ${packs.map((id) => `'${id}'`).join(', ')}` : 'any policy'} at organisation node '${p.orgNodeId}'`,
      );
    }
  });
  return positions.map((p) => ({ positionId: p.positionId, orgNodeId: p.orgNodeId }));
}

async function viewOf(deps: Deps, u: UserRow): Promise<UserView> {
  return view(u, (await positionsOfUsers(deps.db, [u.id])).get(u.id) ?? []);
}

/** One user in the manager's scope, with the positions they hold; 404 outside it. */
export async function getUser(deps: Deps, actor: SessionUser, id: string): Promise<UserView> {
  const scope = await scopeOf(deps.db, actor);
  const target = await findUserById(deps.db, id);
  if (!target || !userInScope(scope, target)) throw notFound(`user '${id}'`);
  return viewOf(deps, target);
}

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
  const rows = await listUsersAt(deps.db, scope.orgIds === null ? null : [...scope.orgIds]);
  const positions = await positionsOfUsers(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, positions.get(r.id) ?? []));
}

/** The refusal of an address that is already some account's login name (unique in the installation). */
export const EMAIL_TAKEN = 'email: this address is already the login name of an account; Plaint does not say whose or where';

export interface NewUser {
  email: string;
  name: string;
  role: string;
  orgNodeId: string | null;
  password: string;
  positions?: HeldPosition[];
}

export async function createUser(deps: Deps, actor: SessionUser, input: NewUser): Promise<UserView> {
  const scope = await scopeOf(deps.db, actor);
  const email = input.email.trim().toLowerCase();
  if (!isRole(input.role)) throw invalid('role', `unknown role '${input.role}'`);
  await assertNodeAssignable(deps, scope, input.orgNodeId, 'orgNodeId');
  const positions = input.positions ? await checkPositions(deps, scope, input.positions) : [];
  assertPasswordPolicy(input.password, email, 'password');
  const hash = await hashPassword(input.password);
  const row = await insertUser(deps, positions, {
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
  return view(row, positions);
}

/** The account and its positions together, or neither. */
async function insertUser(
  deps: Deps,
  positions: HeldPosition[],
  u: Parameters<typeof insertUserUnlessEmailTaken>[1],
): Promise<UserRow | undefined> {
  if (!positions.length || deps.db.isTransaction) {
    const row = await insertUserUnlessEmailTaken(deps.db, u);
    if (row && positions.length) await replaceUserPositions(deps.db, row.id, positions);
    return row;
  }
  return inTransaction(deps.db as Kysely<DB>, async (trx) => {
    const row = await insertUserUnlessEmailTaken(trx, u);
    if (row) await replaceUserPositions(trx, row.id, positions);
    return row;
  });
}

export interface UserPatch {
  name?: string;
  role?: string;
  orgNodeId?: string | null;
  disabled?: boolean;
  /** Replaces every position the user holds. */
  positions?: HeldPosition[];
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
  const positions = patch.positions ? await checkPositions(deps, scope, patch.positions) : undefined;
  const set: UserChanges = {};
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.orgNodeId !== undefined) set.org_node_id = patch.orgNodeId;
  if (patch.disabled !== undefined) set.disabled = patch.disabled;
  if (Object.keys(set).length === 0 && positions === undefined) return viewOf(deps, target);
  const row =
    positions === undefined
      ? await updateUserRow(deps.db, id, set)
      : await inTransaction(deps.db as Kysely<DB>, async (trx) => {
          await replaceUserPositions(trx, id, positions);
          return Object.keys(set).length ? updateUserRow(trx, id, set) : target;
        });
  // A disabled account loses every session and token at once; a moved or re-roled one keeps its
  // sessions, since role and node are read from the users table on every request.
  if (patch.disabled === true) await revokeUserSessions(deps, id);
  return viewOf(deps, row);
}
