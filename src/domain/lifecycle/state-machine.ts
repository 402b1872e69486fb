/**
 * The complaint lifecycle as one table (R-LC-2): which action is allowed in which status and where it
 * leads. Pure: `decide` takes the current state and an action and returns the state patch and the
 * events to append, or the reason it is illegal with the actions that are allowed instead.
 */
import type { ComplaintStatus, Qualification } from '../contracts.ts';
import type { Action, ActionType } from './actions.ts';
import type { NewEvent } from '../events.ts';
import { factChanges, flagsAfter, isEmptyChange, type FactsNow } from './facts.ts';

export interface LifecycleState {
  status: ComplaintStatus;
  qualification: Qualification | null;
  leadDepartmentId: string | null;
  repeatCount: number;
  /** Whether a reply from this unit needs approval before it counts as sent (unit setting, else the pack's default). */
  replyApprovalRequired: boolean;
  /** The flags and complainant count on record (record_facts compares against them); none and 1 when absent. */
  facts?: FactsNow;
  /** Whether the pack requires the return visit before closing; without it, `close` is allowed from `confirmed` too. */
  returnVisitRequired: boolean;
}

export interface StatePatch {
  status?: ComplaintStatus;
  qualification?: Qualification;
  categoryId?: string | null;
  leadDepartmentId?: string | null;
  coDepartmentIds?: string[];
  repeatCount?: number;
  satisfaction?: number;
  report?: Record<string, string>;
  /** S0 fuel §14.5: the directly responsible person an investigation report names. */
  directPerson?: string;
  reply?: { message: string; approved: boolean; submittedAt: string; sentAt?: string; authorId?: string | null; approvedBy?: string };
  closeReason?: string | null;
  closed?: boolean;
  reopened?: boolean;
  flags?: Record<string, boolean>;
  complainantCount?: number;
}

/** An event `decide` asks to append (src/domain/events.ts). */
export type PendingEvent = NewEvent;

export type Decision = { ok: true; patch: StatePatch; events: PendingEvent[] } | { ok: false; reason: string; allowed: ActionType[] };

const OPEN_STATUSES: ComplaintStatus[] = [
  'received',
  'qualified',
  'dispatched',
  'acknowledged',
  'investigated',
  'awaiting_approval',
  'replied',
  'confirmed',
  'visited',
];

/** Where each action may be taken. Actions missing from a status's list are 409 there. */
const ALLOWED_FROM: Record<ActionType, readonly ComplaintStatus[]> = {
  qualify: ['received'],
  dispatch: ['qualified'],
  return: ['dispatched'],
  urge: ['dispatched', 'acknowledged', 'investigated', 'awaiting_approval'],
  acknowledge: ['dispatched'],
  report: ['acknowledged', 'investigated'],
  // A holding answer to the customer while the investigation runs (courtesy reply R-TL-3, interim containment S3).
  interim_reply: ['qualified', 'dispatched', 'acknowledged', 'investigated'],
  // The written improvement plan may follow the reply (fuel retail §12.5, R-TL-4); corrective action continues after the answer (R-LC-2).
  submit_improvement: ['acknowledged', 'investigated', 'awaiting_approval', 'replied', 'confirmed', 'visited'],
  reply: ['investigated'],
  approve_reply: ['awaiting_approval'],
  reject_reply: ['awaiting_approval'],
  confirm: ['replied'],
  dispute: ['replied'],
  visit: ['confirmed'],
  // From `confirmed` only where the pack requires no return visit (isAllowed; R-LC-2, issue #15 item 1).
  close: ['confirmed', 'visited'],
  reopen: ['closed'],
  contest: ['closed'],
  set_level: OPEN_STATUSES,
  // Facts arise while the complaint is open (issue #15 item 2); a closed one is reopened first.
  record_facts: OPEN_STATUSES,
  pause_clock: OPEN_STATUSES,
  resume_clock: OPEN_STATUSES,
  request_extension: OPEN_STATUSES,
  approve_extension: OPEN_STATUSES,
  recompute_clocks: OPEN_STATUSES,
  note: [...OPEN_STATUSES, 'closed'],
  // S0 第五篇 §12.4 (复查): the customer objects when the service centre checks the station's findings with
  // them (investigated), or the station has not fed its investigation back in time (dispatched,
  // acknowledged — also where a disputed reply returns): the centre investigates again itself.
  reinvestigate: ['dispatched', 'acknowledged', 'investigated'],
};

type Gate = Pick<LifecycleState, 'status' | 'qualification' | 'returnVisitRequired'>;

/** Actions allowed in a state, in workflow order (the console offers exactly these). */
export function allowedActions(state: Gate): ActionType[] {
  return (Object.keys(ALLOWED_FROM) as ActionType[]).filter((a) => isAllowed(state, a));
}

function isAllowed(state: Gate, action: ActionType): boolean {
  if (!ALLOWED_FROM[action].includes(state.status)) return false;
  // A pack that requires the return visit closes only after it (R-LC-2); one that does not may close a confirmed result.
  if (action === 'close' && state.status === 'confirmed') return !state.returnVisitRequired;
  // A record closed as invalid or a suggestion is never reopened: the customer's disagreement opens a
  // new record for the department head instead (R-LC-4). A valid closed complaint is reopened (R-LC-3).
  if (action === 'reopen') return state.qualification === 'valid';
  if (action === 'contest') return state.qualification === 'invalid' || state.qualification === 'suggestion';
  return true;
}

function illegal(state: LifecycleState, action: ActionType): Decision {
  return {
    ok: false,
    reason: `action '${action}' is not allowed while the complaint is '${state.status}'`,
    allowed: allowedActions(state),
  };
}

function required(value: string | undefined, field: string): string {
  const v = value?.trim();
  if (!v) throw new LifecycleInputError(field, 'is required');
  return v;
}

/** Semantic input error (a required reason missing, …) raised by `decide`; the HTTP layer answers 400. */
export class LifecycleInputError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export function decide(state: LifecycleState, action: Action, now: Date): Decision {
  if (!isAllowed(state, action.type)) return illegal(state, action.type);
  switch (action.type) {
    case 'qualify': {
      if (action.result === 'valid') {
        if (action.invalidReasonId !== undefined)
          throw new LifecycleInputError('invalidReasonId', 'is given only for an invalid qualification');
        const criteria = action.criteria ?? [];
        return {
          ok: true,
          patch: { status: 'qualified', qualification: 'valid', categoryId: action.categoryId ?? undefined },
          events: [{ type: 'qualified', data: { result: 'valid', categoryId: action.categoryId ?? null, criteria } }],
        };
      }
      if (action.criteria?.length) throw new LifecycleInputError('criteria', 'are ticked only for a valid qualification');
      // Severity is part of grading a valid complaint (R-LC-2); an invalid one or a suggestion has none.
      if (action.level !== undefined) throw new LifecycleInputError('level', 'is chosen only for a valid qualification');
      // R-Q-2: an invalid qualification names one of the pack's reasons (checked against the pack by the use case).
      const invalidReasonId = action.result === 'invalid' ? required(action.invalidReasonId, 'invalidReasonId') : undefined;
      if (action.result === 'suggestion' && action.invalidReasonId !== undefined)
        throw new LifecycleInputError('invalidReasonId', 'is given only for an invalid qualification');
      // Invalid complaints and suggestions close at once, with the reason on record (R-LC-4).
      const reason = required(action.reason, 'reason');
      return {
        ok: true,
        patch: {
          status: 'closed',
          qualification: action.result,
          categoryId: action.categoryId ?? undefined,
          closeReason: reason,
          closed: true,
        },
        events: [
          {
            type: 'qualified',
            data: { result: action.result, categoryId: action.categoryId ?? null, reason, ...(invalidReasonId ? { invalidReasonId } : {}) },
          },
          { type: 'closed', data: { reason, qualification: action.result } },
        ],
      };
    }
    case 'dispatch': {
      const co = [...new Set(action.coDepartmentIds ?? [])].filter((d) => d !== action.leadDepartmentId);
      return {
        ok: true,
        patch: { status: 'dispatched', leadDepartmentId: action.leadDepartmentId, coDepartmentIds: co },
        events: [
          { type: 'dispatched', data: { leadDepartmentId: action.leadDepartmentId, coDepartmentIds: co, note: action.note ?? null } },
        ],
      };
    }
    case 'return': {
      const reason = required(action.reason, 'reason');
      return {
        ok: true,
        patch: { status: 'qualified', leadDepartmentId: null, coDepartmentIds: [] },
        events: [{ type: 'dispatch_returned', data: { reason, departmentId: state.leadDepartmentId } }],
      };
    }
    case 'urge':
      return {
        ok: true,
        patch: {},
        events: [{ type: 'urged', data: { note: action.note ?? null, departmentId: state.leadDepartmentId } }],
      };
    case 'acknowledge':
      return { ok: true, patch: { status: 'acknowledged' }, events: [{ type: 'acknowledged', data: { note: action.note ?? null } }] };
    case 'report': {
      // All six parts are required (R-LC-6).
      const report = {
        cause: required(action.cause, 'cause'),
        sequence: required(action.sequence, 'sequence'),
        responsible: required(action.responsible, 'responsible'),
        conclusion: required(action.conclusion, 'conclusion'),
        countermeasures: required(action.countermeasures, 'countermeasures'),
        prevention: required(action.prevention, 'prevention'),
        // The pack's cause id (S0 food §5); checked against the pack by the use case.
        ...(action.causeId ? { causeId: action.causeId } : {}),
      };
      const directPerson = action.directPerson?.trim();
      return {
        ok: true,
        patch: { status: 'investigated', report, ...(directPerson ? { directPerson } : {}) },
        events: [{ type: 'reported', data: directPerson ? { ...report, directPerson } : report }],
      };
    }
    case 'interim_reply': {
      const message = required(action.message, 'message');
      return { ok: true, patch: {}, events: [{ type: 'interim_replied', data: { message } }] };
    }
    case 'submit_improvement': {
      const plan = required(action.plan, 'plan');
      return { ok: true, patch: {}, events: [{ type: 'improvement_submitted', data: { plan } }] };
    }
    case 'reply': {
      const message = required(action.message, 'message');
      if (state.replyApprovalRequired) {
        return {
          ok: true,
          patch: { status: 'awaiting_approval', reply: { message, approved: false, submittedAt: now.toISOString() } },
          events: [{ type: 'reply_submitted', data: { message } }],
        };
      }
      return {
        ok: true,
        patch: { status: 'replied', reply: { message, approved: true, submittedAt: now.toISOString(), sentAt: now.toISOString() } },
        events: [{ type: 'replied', data: { message } }],
      };
    }
    case 'approve_reply':
      return {
        ok: true,
        patch: { status: 'replied' },
        events: [
          { type: 'reply_approved', data: {} },
          { type: 'replied', data: { approved: true } },
        ],
      };
    case 'reject_reply': {
      const reason = required(action.reason, 'reason');
      return { ok: true, patch: { status: 'investigated' }, events: [{ type: 'reply_rejected', data: { reason } }] };
    }
    case 'confirm':
      return { ok: true, patch: { status: 'confirmed' }, events: [{ type: 'confirmed', data: { note: action.note ?? null } }] };
    case 'dispute': {
      // A disputed result goes back to the responsible department and counts as a repeat (R-LC-3).
      const reason = required(action.reason, 'reason');
      return {
        ok: true,
        patch: { status: 'acknowledged', repeatCount: state.repeatCount + 1 },
        events: [{ type: 'disputed', data: { reason, repeatCount: state.repeatCount + 1 } }],
      };
    }
    case 'visit': {
      if (!Number.isInteger(action.score) || action.score < 1 || action.score > 5) {
        throw new LifecycleInputError('score', 'must be a whole number from 1 to 5');
      }
      return {
        ok: true,
        patch: { status: 'visited', satisfaction: action.score },
        events: [{ type: 'visited', data: { score: action.score, comment: action.comment ?? null } }],
      };
    }
    case 'close':
      return {
        ok: true,
        patch: { status: 'closed', closed: true, closeReason: null },
        events: [{ type: 'closed', data: { note: action.note ?? null } }],
      };
    case 'reopen': {
      const reason = required(action.reason, 'reason');
      const status: ComplaintStatus = state.leadDepartmentId ? 'acknowledged' : 'qualified';
      return {
        ok: true,
        patch: { status, repeatCount: state.repeatCount + 1, reopened: true },
        events: [{ type: 'reopened', data: { reason, repeatCount: state.repeatCount + 1 } }],
      };
    }
    case 'contest': {
      // The new linked record is created by the use case; here only the fact is recorded.
      const reason = required(action.reason, 'reason');
      return { ok: true, patch: {}, events: [{ type: 'contested', data: { reason } }] };
    }
    case 'set_level': {
      const reason = required(action.reason, 'reason');
      return { ok: true, patch: {}, events: [{ type: 'level_changed', data: { level: action.level, reason, manual: true } }] };
    }
    case 'record_facts': {
      const reason = required(action.reason, 'reason');
      const current = state.facts ?? { flags: {}, complainantCount: 1 };
      const changes = factChanges(current, action);
      if (isEmptyChange(changes))
        throw new LifecycleInputError('flags', 'change no fact on record: give a fact or a complainant count that differs');
      return {
        ok: true,
        patch: {
          ...(Object.keys(changes.flags).length ? { flags: flagsAfter(current.flags, changes) } : {}),
          ...(changes.complainantCount ? { complainantCount: changes.complainantCount.to } : {}),
        },
        events: [{ type: 'facts_recorded', data: { ...changes, reason } }],
      };
    }
    case 'pause_clock': {
      const reason = required(action.reason, 'reason');
      return { ok: true, patch: {}, events: [{ type: 'clock_paused', data: { name: action.clock, reason } }] };
    }
    case 'resume_clock':
      return { ok: true, patch: {}, events: [{ type: 'clock_resumed', data: { name: action.clock } }] };
    case 'request_extension': {
      const reason = required(action.reason, 'reason');
      if (!Number.isInteger(action.minutes) || action.minutes < 1)
        throw new LifecycleInputError('minutes', 'must be a positive whole number');
      return {
        ok: true,
        patch: {},
        events: [{ type: 'extension_requested', data: { name: action.clock, minutes: action.minutes, reason } }],
      };
    }
    case 'approve_extension':
      return { ok: true, patch: {}, events: [{ type: 'extension_approved', data: { requestId: action.requestId } }] };
    case 'recompute_clocks': {
      // The new due instants are computed by the use case, which holds the calendar; the reason is recorded here.
      const reason = required(action.reason, 'reason');
      return { ok: true, patch: {}, events: [{ type: 'clocks_recomputed', data: { reason } }] };
    }
    case 'note': {
      const text = required(action.text, 'text');
      return { ok: true, patch: {}, events: [{ type: 'note_added', data: { text, internal: action.internal !== false } }] };
    }
    case 'reinvestigate': {
      // The investigation is under way again, now the service centre's; a new report (R-LC-6) closes it.
      const reason = required(action.reason, 'reason');
      return {
        ok: true,
        patch: { status: 'acknowledged' },
        events: [{ type: 'reinvestigated', data: { reason, from: state.status } }],
      };
    }
  }
}

export { OPEN_STATUSES };
