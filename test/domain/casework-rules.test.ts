/** Pure casework rules lifted out of the use cases: the improvement plan's deadline state (R-TL-4) and what an emergency log entry marks (S2 5.2.3). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capaPlanState, emergencyEntryMarks } from '../../src/domain/casework/index.ts';

const at = (s: string) => new Date(s);

test('R-TL-4: the improvement plan is met when complete by its due instant, met late after it, pending until then, overdue after', () => {
  const dueAt = '2026-12-01T15:59:59.999Z';
  assert.equal(capaPlanState({ dueAt, submittedAt: '2026-11-30T02:00:00.000Z' }, at('2026-12-05T00:00:00Z')), 'met');
  assert.equal(
    capaPlanState({ dueAt, submittedAt: dueAt }, at('2026-12-05T00:00:00Z')),
    'met',
    'complete at the due instant itself is on time',
  );
  assert.equal(capaPlanState({ dueAt, submittedAt: '2026-12-02T02:00:00.000Z' }, at('2026-12-05T00:00:00Z')), 'met_late');
  assert.equal(capaPlanState({ dueAt, submittedAt: null }, at('2026-12-01T15:59:59.999Z')), 'pending');
  assert.equal(capaPlanState({ dueAt, submittedAt: null }, at('2026-12-01T16:00:00.000Z')), 'overdue');
});

test('S2 5.2.3: the first answer entry meets the 24 h deadline; the first conclusion meets the 3-day one and the 24 h one if still open', () => {
  const now = at('2026-11-25T01:00:00Z');
  const earlier = at('2026-11-24T05:00:00Z');
  const none = { answeredAt: null, concludedAt: null };
  assert.deepEqual(emergencyEntryMarks('action', none, now), {}, 'a plain action entry meets no deadline');
  assert.deepEqual(emergencyEntryMarks('answer', none, now), { answeredAt: now });
  assert.deepEqual(emergencyEntryMarks('answer', { answeredAt: earlier, concludedAt: null }, now), {}, 'only the first answer counts');
  assert.deepEqual(
    emergencyEntryMarks('conclusion', none, now),
    { concludedAt: now, answeredAt: now },
    'a conclusion is also the answer when none came before',
  );
  assert.deepEqual(emergencyEntryMarks('conclusion', { answeredAt: earlier, concludedAt: null }, now), { concludedAt: now });
  assert.deepEqual(
    emergencyEntryMarks('conclusion', { answeredAt: earlier, concludedAt: earlier }, now),
    {},
    'only the first conclusion counts',
  );
});
