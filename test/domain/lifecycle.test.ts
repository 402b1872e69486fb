/** The lifecycle table (R-LC-2..4) tested directly: what each status allows and where each action leads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decide,
  allowedActions,
  ACTION_TYPES,
  LifecycleInputError,
  type LifecycleState,
  type Action,
} from '../../src/domain/lifecycle/index.ts';
import type { ComplaintStatus } from '../../src/domain/contracts.ts';

const now = new Date('2026-11-24T02:00:00Z');
const base: LifecycleState = {
  status: 'received',
  qualification: null,
  leadDepartmentId: null,
  repeatCount: 0,
  replyApprovalRequired: false,
  returnVisitRequired: true,
};
const at = (status: ComplaintStatus, extra: Partial<LifecycleState> = {}): LifecycleState => ({
  ...base,
  status,
  qualification: status === 'received' ? null : 'valid',
  leadDepartmentId: 'd1',
  ...extra,
});

function step(state: LifecycleState, action: Action) {
  const d = decide(state, action, now);
  assert.ok(d.ok, `${action.type} from ${state.status}: ${d.ok ? '' : d.reason}`);
  return d;
}

const report = { cause: 'c', sequence: 's', responsible: 'r', conclusion: 'k', countermeasures: 'm', prevention: 'p' };

test('R-LC-2: the happy path runs received → qualified → dispatched → acknowledged → investigated → replied → confirmed → visited → closed', () => {
  const path: [Action, ComplaintStatus][] = [
    [{ type: 'qualify', result: 'valid' }, 'qualified'],
    [{ type: 'dispatch', leadDepartmentId: 'd1' }, 'dispatched'],
    [{ type: 'acknowledge' }, 'acknowledged'],
    [{ type: 'report', ...report }, 'investigated'],
    [{ type: 'reply', message: 'm' }, 'replied'],
    [{ type: 'confirm' }, 'confirmed'],
    [{ type: 'visit', score: 5 }, 'visited'],
    [{ type: 'close' }, 'closed'],
  ];
  let state: LifecycleState = base;
  for (const [action, expected] of path) {
    const d = step(state, action);
    assert.equal(d.patch.status, expected);
    state = {
      ...state,
      status: d.patch.status!,
      qualification: d.patch.qualification ?? state.qualification,
      leadDepartmentId: d.patch.leadDepartmentId ?? state.leadDepartmentId,
    };
  }
});

test('R-LC-2: a reply needing approval waits in awaiting_approval until approved', () => {
  const d = step(at('investigated', { replyApprovalRequired: true }), { type: 'reply', message: 'm' });
  assert.equal(d.patch.status, 'awaiting_approval');
  assert.deepEqual(
    d.events.map((e) => e.type),
    ['reply_submitted'],
  );
  const a = step(at('awaiting_approval'), { type: 'approve_reply' });
  assert.equal(a.patch.status, 'replied');
  assert.deepEqual(
    a.events.map((e) => e.type),
    ['reply_approved', 'replied'],
  );
});

test('R-LC-3: a dispute goes back to investigation and counts as a repeat; so does reopening after closure', () => {
  const d = step(at('replied', { repeatCount: 0 }), { type: 'dispute', reason: 'no' });
  assert.equal(d.patch.status, 'acknowledged');
  assert.equal(d.patch.repeatCount, 1);
  const r = step(at('closed', { repeatCount: 1 }), { type: 'reopen', reason: 'again' });
  assert.equal(r.patch.repeatCount, 2);
});

test('R-LC-4: invalid and suggestion close at once with their reason, cannot be reopened, can be contested', () => {
  for (const result of ['invalid', 'suggestion'] as const) {
    assert.throws(() => decide(base, { type: 'qualify', result }, now), LifecycleInputError);
    const d = step(base, { type: 'qualify', result, reason: 'why', ...(result === 'invalid' ? { invalidReasonId: 'unrelated' } : {}) });
    assert.equal(d.patch.status, 'closed');
    assert.equal(d.patch.closeReason, 'why');
    const closed: LifecycleState = { ...base, status: 'closed', qualification: result };
    assert.deepEqual(allowedActions(closed), ['contest', 'note']);
    assert.equal(decide(closed, { type: 'reopen', reason: 'x' }, now).ok, false);
  }
});

test('R-LC-6: a report needs all six parts', () => {
  for (const field of Object.keys(report)) {
    assert.throws(
      () => decide(at('acknowledged'), { type: 'report', ...report, [field]: '  ' } as Action, now),
      (e: unknown) => e instanceof LifecycleInputError && e.field === field,
    );
  }
});

const STATUSES: ComplaintStatus[] = [
  'received',
  'qualified',
  'dispatched',
  'acknowledged',
  'investigated',
  'awaiting_approval',
  'replied',
  'confirmed',
  'visited',
  'closed',
];

test('an illegal action is refused with exactly the allowed actions named (409 in the API)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...STATUSES), fc.constantFrom(...ACTION_TYPES), (status, type) => {
      const state = at(status);
      const allowed = allowedActions(state);
      const action = {
        type,
        reason: 'r',
        message: 'm',
        result: 'valid',
        leadDepartmentId: 'd',
        score: 3,
        level: 'x',
        clock: 'dispatch',
        minutes: 5,
        requestId: 'q',
        text: 't',
        plan: 'p',
        flags: { media: true },
        ...report,
      } as unknown as Action;
      const d = decide(state, action, now);
      if (allowed.includes(type)) assert.equal(d.ok, true);
      else {
        assert.equal(d.ok, false);
        if (!d.ok) assert.deepEqual(d.allowed, allowed);
      }
    }),
  );
});

test('a closed valid complaint offers only reopen and note', () => {
  assert.deepEqual(allowedActions(at('closed')), ['reopen', 'note']);
});
