/**
 * What a complaint's pack (and its unit's settings) decide about its lifecycle (issue #15 items 1 and 9):
 * whether a reply waits for approval, who may approve it, and whether the return visit is required before
 * closing. Pure: the use cases pass the pack and the unit's settings they read.
 */
import type { Pack } from '../../policies/pack-schema.ts';

/**
 * Who approves a reply when the pack names no one: the managers (R-LC-5, issue #15 item 9) — the complaint
 * manager (客服经理) and the quality manager (品质主管) — and the administrator, who may take every action.
 */
export const DEFAULT_REPLY_APPROVER_ROLES: readonly string[] = ['qa', 'manager', 'admin'];

/** The unit's own setting wins either way; without one, the pack's default (R-LC-5). */
export function replyApprovalRequired(
  unitSettings: { replyApproval?: unknown } | null | undefined,
  pack: Pick<Pack, 'replyApproval'>,
): boolean {
  const own = unitSettings?.replyApproval;
  return typeof own === 'boolean' ? own : pack.replyApproval.requiredByDefault;
}

/** The roles that may approve or send back a reply under this pack. */
export function replyApproverRoles(pack: Pick<Pack, 'replyApproval'>): readonly string[] {
  return pack.replyApproval.approverRoles ?? DEFAULT_REPLY_APPROVER_ROLES;
}

/** The lifecycle facts a complaint's pack contributes to the state machine. */
export function packLifecycle(pack: Pick<Pack, 'returnVisit' | 'replyApproval'>): {
  returnVisitRequired: boolean;
  replyApproverRoles: readonly string[];
} {
  return { returnVisitRequired: pack.returnVisit.required, replyApproverRoles: replyApproverRoles(pack) };
}
