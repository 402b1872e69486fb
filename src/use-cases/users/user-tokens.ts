/**
 * Another user's API tokens, for their account manager (issue #16 item 3): list the live ones (never
 * the secret) and revoke one. Creating a token stays the owner's own act (POST /api/auth/tokens): a
 * token made by someone else would let that person act as the owner.
 */
import type { Deps } from '../context.ts';
import { listApiTokens, type ApiTokenInfo, type SessionUser } from '../auth.ts';
import { revokeApiTokenOfUser } from '../../data/session-store.ts';
import { notFound } from '../../domain/errors.ts';
import { managedUser } from './manage-users.ts';

export async function listUserTokens(deps: Deps, actor: SessionUser, userId: string): Promise<ApiTokenInfo[]> {
  const target = await managedUser(deps, actor, userId);
  return listApiTokens(deps, { id: target.id, email: target.email, name: target.name, role: target.role, orgNodeId: target.org_node_id });
}

/** Revokes one live API token of the user; another user's or an unknown token answers 404. */
export async function revokeUserToken(deps: Deps, actor: SessionUser, userId: string, tokenId: string): Promise<void> {
  const target = await managedUser(deps, actor, userId);
  if (!(await revokeApiTokenOfUser(deps.db, target.id, tokenId, deps.now()))) throw notFound(`API token '${tokenId}'`);
}
