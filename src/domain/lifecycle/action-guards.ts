/**
 * Rules of an action that depend on more than the complaint's status (which `decide` checks): the
 * state of the clock it names, and who may approve an extension. Pure: the use case passes in what it
 * read under the complaint's lock.
 */
import type { ClockRecord } from '../contracts.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Action } from './actions.ts';

/** Pausing needs a running clock, resuming a paused one; an extension is asked for an existing clock. */
export function checkClockAction(action: Action, clocks: readonly ClockRecord[]): void {
  if (action.type !== 'pause_clock' && action.type !== 'resume_clock' && action.type !== 'request_extension') return;
  const clock = clocks.find((c) => c.name === action.clock);
  if (!clock) throw invalid('clock', `this complaint has no clock '${action.clock}'`);
  if (action.type === 'pause_clock' && clock.state !== 'running')
    throw new DomainError('ILLEGAL_TRANSITION', `clock '${action.clock}' is ${clock.state}, not running`, { allowed: [] });
  if (action.type === 'resume_clock' && clock.state !== 'paused')
    throw new DomainError('ILLEGAL_TRANSITION', `clock '${action.clock}' is ${clock.state}, not paused`, { allowed: [] });
}

/** An extension request as the approval needs it. */
export interface ExtensionRequest {
  id: string;
  clock: string;
  minutes: number;
  reason: string;
  requested_by: string | null;
  decision: string | null;
}

/**
 * An extension is decided once, and approved by someone other than the person who asked for it (four
 * eyes on a deadline moved). `request` is null when the complaint has no request with that id.
 */
export function checkExtensionApproval(requestId: string, request: ExtensionRequest | null, approverId: string | null): ExtensionRequest {
  if (!request) throw notFound(`extension request '${requestId}'`);
  if (request.decision) throw new DomainError('ILLEGAL_TRANSITION', `extension request was already ${request.decision}`, { allowed: [] });
  if (approverId && request.requested_by === approverId)
    throw new DomainError('FORBIDDEN', 'an extension is approved by someone other than the person who asked for it');
  return request;
}

/**
 * Approving or sending back a reply (R-LC-5, issue #15 item 9): only a role the complaint's pack names
 * (`replyApproval.approverRoles`; `allowedByPack` is that check), and the approval is never the author's own —
 * a second pair of eyes, like an extension. A reply stored before its author was recorded has no author to compare.
 */
export function checkReplyDecision(
  action: Action,
  reply: { authorId?: string | null } | null,
  approver: { id: string | null; role: string },
  allowedByPack: boolean,
  approverRoles: readonly string[],
): void {
  if (action.type !== 'approve_reply' && action.type !== 'reject_reply') return;
  if (!allowedByPack)
    throw new DomainError(
      'FORBIDDEN',
      `under this complaint's policy a reply is approved or sent back by ${approverRoles.join(', ')} (replyApproval.approverRoles), not by '${approver.role}'`,
    );
  if (action.type === 'approve_reply' && approver.id && reply?.authorId === approver.id)
    throw new DomainError('FORBIDDEN', "the reply's author cannot approve their own reply (R-LC-5): someone else approves it");
}
