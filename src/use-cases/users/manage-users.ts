/**
 * Accounts, for holders of `users.manage`, inside their organisation scope: an administrator at a
 * node manages the users at or below it; the administrator from the environment (no node) manages
 * everyone. A user outside the scope answers 404 like an unknown one. Disabling revokes every
 * session, token and one-time link of the user at once (authentication also refuses a disabled user).
 * An account created without a password is invited (issue #16 item 3): it cannot log in until its
 * owner sets a password through the link of src/use-cases/users/invite-user.ts.
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
import { assertPasswordPolicy, hashPassword, LOCKOUT, revokeUserSessions, type SessionUser } from '../auth.ts';
import { isRole, roleGrantable, selfChangeRefused } from '../../security/permissions.ts';
import { lockedEmails } from '../../data/login-attempt-store.ts';
import { liveLinkExpiries, revokeLiveLinksOfUser } from '../../data/account-link-store.ts';
import { lockedUntil } from '../../domain/account-links.ts';
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
  /** No password yet: the account waits for its owner to accept an invitation (issue #16 item 3). */
  invited: boolean;
  /** When the live invitation link ends; null when there is none (expired, used or never issued). */
  inviteExpiresAt: string | null;
  /** Locked out by failed logins (docs/SECURITY.md, "Login throttling"), and until when. */
  locked: boolean;
  lockedUntil: string | null;
}

/** What the view adds to the row: positions, lock-outs and live invitations, read for many users at once. */
interface Extras {
  positions: Map<string, HeldPosition[]>;
  locks: Map<string, Date>;
  invites: Map<string, Date>;
}

async function extrasOf(deps: Deps, rows: readonly UserRow[]): Promise<Extras> {
  const now = deps.now();
  const ids = rows.map((r) => r.id);
  const [positions, locks, invites] = await Promise.all([
    positionsOfUsers(deps.db, ids),
    lockedEmails(
      deps.db,
      rows.map((r) => r.email),
      new Date(now.getTime() - LOCKOUT.windowMs),
      LOCKOUT.maxPerEmail,
    ),
    liveLinkExpiries(deps.db, ids, 'invite', now),
  ]);
  return { positions, locks, invites };
}

function view(u: UserRow, x: Extras, now: Date): UserView {
  const latest = x.locks.get(u.email);
  const until = latest ? lockedUntil(latest, LOCKOUT.windowMs) : null;
  const locked = until !== null && until.getTime() > now.getTime();
  const invited = u.password_hash === null;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    orgNodeId: u.org_node_id,
    disabled: u.disabled,
    createdAt: new Date(u.created_at).toISOString(),
    positions: x.positions.get(u.id) ?? [],
    invited,
    inviteExpiresAt: invited ? (x.invites.get(u.id)?.toISOString() ?? null) : null,
    locked,
    lockedUntil: locked ? until.toISOString() : null,
  };
}

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

export async function viewOf(deps: Deps, u: UserRow): Promise<UserView> {
  return view(u, await extrasOf(deps, [u]), deps.now());
}

/**
 * The account `id` if the manager may manage it: in their organisation scope, else 404 like an unknown
 * one. Every route under /api/users/:id starts here.
 */
export async function managedUser(deps: Deps, actor: SessionUser, id: string): Promise<UserRow> {
  const scope = await scopeOf(deps.db, actor);
  const target = await findUserById(deps.db, id);
  if (!target || !userInScope(scope, target)) throw notFound(`user '${id}'`);
  return target;
}

/** One user in the manager's scope, with the positions they hold; 404 outside it. */
export async function getUser(deps: Deps, actor: SessionUser, id: string): Promise<UserView> {
  return viewOf(deps, await managedUser(deps, actor, id));
}

function assertGrantable(actor: SessionUser, role: string): void {
  if (!isRole(role)) throw invalid('role', `unknown role '${role}'`);
  if (!roleGrantable(actor.role, role))
    throw invalid('role', `'${role}' holds powers your role '${actor.role}' lacks; you may not grant it`);
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
  const extras = await extrasOf(deps, rows);
  const now = deps.now();
  return rows.map((r) => view(r, extras, now));
}

/** The refusal of an address that is already some account's login name (unique in the installation). */
export const EMAIL_TAKEN = 'email: this address is already the login name of an account; Plaint does not say whose or where';

export interface NewUser {
  email: string;
  name: string;
  role: string;
  orgNodeId: string | null;
  /** Absent: the account is invited and cannot log in until its owner sets a password (issue #16 item 3). */
  password?: string;
  /** Says "invited" explicitly; refused together with a password. */
  invite?: boolean;
  positions?: HeldPosition[];
}

export async function createUser(deps: Deps, actor: SessionUser, input: NewUser): Promise<UserView> {
  const scope = await scopeOf(deps.db, actor);
  const email = input.email.trim().toLowerCase();
  assertGrantable(actor, input.role);
  await assertNodeAssignable(deps, scope, input.orgNodeId, 'orgNodeId');
  const positions = input.positions ? await checkPositions(deps, scope, input.positions) : [];
  if (input.invite === true && input.password !== undefined) throw invalid('invite', 'give either a password or invite: true, not both');
  if (input.invite === false && input.password === undefined) throw invalid('password', 'required unless invite is true');
  let hash: string | null = null;
  if (input.password !== undefined) {
    assertPasswordPolicy(input.password, email, 'password');
    hash = await hashPassword(input.password);
  }
  const row = await insertUser(deps, positions, {
    email,
    name: input.name.trim(),
    role: input.role,
    org_node_id: input.orgNodeId,
    password_hash: hash,
    password_changed_at: hash === null ? undefined : deps.now(),
    created_at: deps.now(),
  });
  // One answer for every taken address, in the admin's scope or not: it never says whose or where,
  // and the same work (policy check, hash, one insert) was done either way (docs/SECURITY.md, "Accounts").
  if (!row) throw new DomainError('CONFLICT', EMAIL_TAKEN, { field: 'email' });
  return viewOf(deps, row);
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
  const target = await managedUser(deps, actor, id);
  if (selfChangeRefused(actor.id, target, patch)) {
    throw new DomainError('CONFLICT', 'you may not disable yourself or change your own role');
  }
  if (patch.role !== undefined && patch.role !== target.role) assertGrantable(actor, patch.role);
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
  if (patch.disabled === true) {
    await revokeUserSessions(deps, id);
    await revokeLiveLinksOfUser(deps.db, id, deps.now());
  }
  return viewOf(deps, row);
}
