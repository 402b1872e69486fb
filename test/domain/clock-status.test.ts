import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClockRecord, DueRule } from '../../src/domain/contracts.ts';
import { DEFAULT_CALENDAR } from '../../src/domain/calendar/index.ts';
import { clockStatusAt, computeDue, findBreaches, markBreached } from '../../src/domain/clocks/index.ts';

const bj = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => bj(local).toISOString();

function clock(over: Partial<ClockRecord>): ClockRecord {
  return {
    name: 'dispatch',
    ruleId: 'R-TL-2',
    startedAt: iso('2026-03-10T10:00:00'),
    dueAt: iso('2026-03-10T14:00:00'),
    state: 'running',
    pausedMs: 0,
    pausedAt: null,
    pauseReason: null,
    metAt: null,
    breachedAt: null,
    calendarVersion: 1,
    trace: [],
    ...over,
  };
}

test('R-TL-4: findBreaches reports running clocks past due, not paused, met or already breached ones', () => {
  const now = bj('2026-03-10T14:00:01');
  const clocks = [
    clock({ name: 'dispatch' }),
    clock({ name: 'reply', dueAt: iso('2026-03-10T14:00:01') }),
    clock({ name: 'verify', state: 'paused', pausedAt: iso('2026-03-10T11:00:00') }),
    clock({ name: 'resolve', state: 'met', metAt: iso('2026-03-10T13:00:00') }),
    clock({ name: 'acknowledge', state: 'breached' }),
  ];
  assert.deepEqual(findBreaches(clocks, now), ['dispatch']);
});

test('R-TL-4: markBreached records the breach once and leaves other clocks unchanged', () => {
  const at = bj('2026-03-10T14:05:00');
  const b = markBreached(clock({}), at);
  assert.equal(b.state, 'breached');
  assert.equal(b.breachedAt, at.toISOString());
  assert.equal(b.trace.at(-1)?.kind, 'breach');
  assert.equal(markBreached(b, bj('2026-03-10T15:00:00')), b, 'second sweep is a no-op');
  const notDue = clock({});
  assert.equal(markBreached(notDue, bj('2026-03-10T13:00:00')), notDue);
  const paused = clock({ state: 'paused', pausedAt: iso('2026-03-10T11:00:00') });
  assert.equal(markBreached(paused, at), paused);
});

test('R-TL-4: clock status is green with more than 25 % left, amber below, red when late', () => {
  // Span 4 h: amber once less than 1 h remains.
  assert.deepEqual(clockStatusAt(clock({}), bj('2026-03-10T12:59:00')), {
    state: 'running',
    remainingMs: 61 * 60_000,
    spanMs: 4 * 3_600_000,
    tone: 'green',
  });
  assert.equal(clockStatusAt(clock({}), bj('2026-03-10T13:00:00')).tone, 'green');
  assert.equal(clockStatusAt(clock({}), bj('2026-03-10T13:00:01')).tone, 'amber');
  const late = clockStatusAt(clock({}), bj('2026-03-10T14:30:00'));
  assert.equal(late.tone, 'red');
  assert.equal(late.remainingMs, -30 * 60_000);
  assert.equal(clockStatusAt(clock({ state: 'breached' }), bj('2026-03-10T14:30:00')).tone, 'red');
});

test('R-TL-8: a paused clock keeps the time it had left when paused', () => {
  const c = clock({ state: 'paused', pausedAt: iso('2026-03-10T11:00:00') });
  const s = clockStatusAt(c, bj('2026-03-12T11:00:00'));
  assert.equal(s.remainingMs, 3 * 3_600_000);
  assert.equal(s.tone, 'green');
});

test('R-TL-4: a met clock is done when met in time and red when met late', () => {
  assert.equal(clockStatusAt(clock({ state: 'met', metAt: iso('2026-03-10T13:59:00') }), bj('2026-03-12T00:00:00')).tone, 'done');
  assert.equal(clockStatusAt(clock({ state: 'met', metAt: iso('2026-03-10T14:10:00') }), bj('2026-03-12T00:00:00')).tone, 'red');
});
