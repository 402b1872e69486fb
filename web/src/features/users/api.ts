/** Issue #16 item 3: accounts, invitations, resets, unlock and another user's API tokens (types from the server's schemas). */
import { api } from '../../api/client.ts';
import type { JsonAnswer } from '../../api/types.ts';
import type { Meta } from '../meta/meta-context.tsx';

export type UserAccount = JsonAnswer<'/api/users', 'get', 200>[number];
export type CreatedUser = JsonAnswer<'/api/users', 'post', 201>;
export type AccountLink = JsonAnswer<'/api/users/{id}/invite', 'post', 200>;
export type UserToken = JsonAnswer<'/api/users/{id}/tokens', 'get', 200>[number];
export type HeldPosition = UserAccount['positions'][number];
export type Accepted = JsonAnswer<'/api/auth/invite/accept', 'post', 200>;

export const ROLES = ['agent', 'specialist', 'handler', 'qa', 'manager', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface NewUser {
  email: string;
  name: string;
  role: string;
  orgNodeId: string | null;
  password?: string;
  invite?: boolean;
  positions?: HeldPosition[];
}
export interface UserPatch {
  name?: string;
  role?: string;
  orgNodeId?: string | null;
  disabled?: boolean;
  positions?: HeldPosition[];
}

export const listUsers = () => api<UserAccount[]>('/users');
export const createUser = (body: NewUser) => api<CreatedUser>('/users', { method: 'POST', body });
export const updateUser = (id: string, body: UserPatch) => api<UserAccount>(`/users/${id}`, { method: 'PATCH', body });
export const sendInvite = (id: string) => api<AccountLink>(`/users/${id}/invite`, { method: 'POST' });
export const sendPasswordReset = (id: string) => api<AccountLink>(`/users/${id}/password-reset`, { method: 'POST' });
export const unlockUser = (id: string) => api<UserAccount>(`/users/${id}/unlock`, { method: 'POST' });
export const listUserTokens = (id: string) => api<UserToken[]>(`/users/${id}/tokens`);
export const revokeUserToken = (id: string, tokenId: string) => api<null>(`/users/${id}/tokens/${tokenId}`, { method: 'DELETE' });
/** Public: the /invite page sets the password and starts a cookie session. */
export const acceptLink = (token: string, password: string) =>
  api<Accepted>('/auth/invite/accept', { method: 'POST', body: { token, password, cookie: true } });

export type UserState = 'active' | 'invited' | 'disabled' | 'locked';
export const STATES: readonly UserState[] = ['active', 'invited', 'disabled', 'locked'];

/** The one state a row shows first: disabled outranks invited, invited outranks locked. */
export function stateOf(u: UserAccount): UserState {
  if (u.disabled) return 'disabled';
  if (u.invited) return 'invited';
  if (u.locked) return 'locked';
  return 'active';
}

/**
 * The pack positions that may be held at a node, as the server checks them (manage-users.ts,
 * packsAt): the pack of the node's unit (itself or the nearest unit above), else every pack of the
 * units below it. The page offers only these; the server decides.
 */
export function positionsAt(meta: Meta, nodeId: string | undefined): { packId: string; id: string; name: string; nameZh: string }[] {
  if (!nodeId) return [];
  let packs: string[] = [];
  for (let n = meta.node(nodeId); n; n = meta.node(n.parentId)) {
    if (n.policyId) {
      packs = [n.policyId];
      break;
    }
  }
  if (!packs.length) {
    const below = subtreeOf(meta, nodeId);
    packs = [...new Set(meta.nodes.filter((n) => below.has(n.id) && n.policyId).map((n) => n.policyId as string))];
  }
  const seen = new Set<string>();
  return packs.flatMap((packId) =>
    (meta.packs.get(packId)?.positions ?? []).filter((p) => !seen.has(p.id) && seen.add(p.id)).map((p) => ({ packId, ...p })),
  );
}

/** The node and every node below it, for the org-node filter. */
export function subtreeOf(meta: Meta, nodeId: string): Set<string> {
  const ids = new Set([nodeId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const n of meta.nodes)
      if (n.parentId && ids.has(n.parentId) && !ids.has(n.id)) {
        ids.add(n.id);
        grew = true;
      }
  }
  return ids;
}
