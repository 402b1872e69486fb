import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClockDefinition, ClockRecord, ComplaintFacts, LifecycleEventForRules } from '../../src/domain/contracts.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { DEFAULT_CALENDAR } from '../../src/domain/calendar/index.ts';
import { applyEvent, selectDefinitions } from '../../src/domain/clocks/index.ts';
import { complaintFacts } from '../helpers/complaint-facts.ts';

const calendar = DEFAULT_CALENDAR;
const bj = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => bj(local).toISOString();

const DISPATCH: ClockDefinition = {
  name: 'dispatch',
  ruleId: 'R-TL-2',
  label: 'Forward to the responsible specialist',
  labelZh: '转达责任人',
  startOn: ['received'],
  stopOn: ['dispatched'],
  due: {
    kind: 'by_receipt_class',
    inHours: { kind: 'business_minutes', minutes: 30 },
    outsideHoursWorkday: { kind: 'business_minutes', minutes: 60 },
    restDay: { kind: 'end_of_day' },
  },
  byChannel: {
    forum: {
      kind: 'by_receipt_class',
      inHours: { kind: 'business_minutes', minutes: 60 },
      outsideHoursWorkday: { kind: 'business_minutes', minutes: 60 },
      restDay: { kind: 'end_of_day' },
    },
  },
  channels: ['phone', 'email', 'forum'],
};
const REPLY: ClockDefinition = {
  name: 'reply',
  ruleId: 'R-TL-4',
  label: 'Reply',
  labelZh: '答复',
  startOn: ['dispatched', 'disputed', 'reopened'],
  stopOn: ['replied'],
  due: { kind: 'calendar_hours', hours: 24 },
};
const FIRST_ANSWER: ClockDefinition = {
  name: 'first_answer',
  ruleId: 'R-TL-3',
  label: 'First answer on a major complaint',
  labelZh: '重大投诉首次答复',
  startOn: ['qualified', 'level_changed'],
  stopOn: ['replied'],
  due: { kind: 'calendar_hours', hours: 24 },
  levels: ['major'],
};
const ACCEPT_2019: ClockDefinition = {
  name: 'accept',
  ruleId: 'R-TL-7/samr-order-20',
  label: 'Accept',
  labelZh: '受理',
  startOn: ['received'],
  stopOn: ['qualified'],
  due: { kind: 'business_days', days: 7 },
  channels: ['regulator'],
  effective: { from: '2020-01-01', to: '2026-04-15' },
};
const ACCEPT_2026: ClockDefinition = {
  ...ACCEPT_2019,
  ruleId: 'R-TL-7/samr-order-121',
  due: { kind: 'business_days', days: 5 },
  effective: { from: '2026-04-15' },
};
const DEFS = [DISPATCH, REPLY, FIRST_ANSWER, ACCEPT_2019, ACCEPT_2026];

const facts = (over: Partial<ComplaintFacts> = {}): ComplaintFacts =>
  complaintFacts(bj('2026-03-10T10:00:00'), { level: 'general', qualification: null, ...over });

function run(clocks: ClockRecord[], event: LifecycleEventForRules, f: ComplaintFacts = facts()) {
  return applyEvent({ definitions: DEFS, calendar, facts: f, clocks, event });
}

const receivedPhone = (f = facts()) => run([], { type: 'received', at: new Date(f.receivedAt.getTime() + 25 * 60_000) }, f);
const byName = (clocks: ClockRecord[], name: string) => clocks.find((c) => c.name === name)!;

test('R-TL-2: a phone complaint logged 25 min after the call still counts from receivedAt', () => {
  const { clocks, changes } = receivedPhone();
  assert.deepEqual(changes, [{ name: 'dispatch', change: 'started' }]);
  const c = byName(clocks, 'dispatch');
  assert.equal(c.startedAt, iso('2026-03-10T10:00:00'));
  assert.equal(c.dueAt, iso('2026-03-10T10:30:00'));
  assert.equal(c.state, 'running');
  assert.equal(c.ruleId, 'R-TL-2');
  assert.equal(c.calendarVersion, 1);
  assert.equal(c.trace[0].kind, 'clock');
  assert.ok(c.trace.some((s) => s.kind === 'receipt-class'));
});

test('R-TL-2: byChannel gives a forum complaint 1 h', () => {
  const { clocks } = receivedPhone(facts({ channel: 'forum' }));
  assert.equal(byName(clocks, 'dispatch').dueAt, iso('2026-03-10T11:00:00'));
});

test('R-TL-1: a clock limited to other channels does not start', () => {
  const { clocks } = receivedPhone(facts({ channel: 'letter' }));
  assert.deepEqual(clocks, []);
});

test('R-TL-2: the stopping event meets a running clock and records metAt', () => {
  const started = receivedPhone().clocks;
  const { clocks, changes } = run(started, { type: 'dispatched', at: bj('2026-03-10T10:20:00') });
  const c = byName(clocks, 'dispatch');
  assert.equal(c.state, 'met');
  assert.equal(c.metAt, iso('2026-03-10T10:20:00'));
  assert.deepEqual(changes, [
    { name: 'dispatch', change: 'met' },
    { name: 'reply', change: 'started' },
  ]);
  assert.equal(byName(clocks, 'reply').dueAt, iso('2026-03-11T10:20:00'));
});

test('R-TL-2: a breached clock stays breached when finally met, but records metAt', () => {
  const started = receivedPhone().clocks.map((c) => ({ ...c, state: 'breached' as const, breachedAt: iso('2026-03-10T10:31:00') }));
  const { clocks } = run(started, { type: 'dispatched', at: bj('2026-03-10T11:00:00') });
  const c = byName(clocks, 'dispatch');
  assert.equal(c.state, 'breached');
  assert.equal(c.metAt, iso('2026-03-10T11:00:00'));
  assert.equal(c.breachedAt, iso('2026-03-10T10:31:00'));
});

test('R-TL-8: a pause without a stated reason is refused', () => {
  const started = receivedPhone().clocks;
  for (const reason of [undefined, '', '   ']) {
    assert.throws(
      () => run(started, { type: 'clock_paused', at: bj('2026-03-10T10:10:00'), data: { name: 'dispatch', reason } }),
      (e: unknown) => e instanceof DomainError && e.code === 'VALIDATION' && e.details.field === 'reason',
    );
  }
});

test('R-TL-8: pausing an unknown clock or a clock that is not running is refused', () => {
  const started = receivedPhone().clocks;
  assert.throws(
    () => run(started, { type: 'clock_paused', at: bj('2026-03-10T10:10:00'), data: { name: 'reply', reason: 'x' } }),
    (e: unknown) => e instanceof DomainError && e.code === 'NOT_FOUND',
  );
  const met = run(started, { type: 'dispatched', at: bj('2026-03-10T10:20:00') }).clocks;
  assert.throws(
    () => run(met, { type: 'clock_paused', at: bj('2026-03-10T10:25:00'), data: { name: 'dispatch', reason: 'x' } }),
    (e: unknown) => e instanceof DomainError && e.code === 'ILLEGAL_TRANSITION',
  );
  assert.throws(
    () => run(started, { type: 'clock_resumed', at: bj('2026-03-10T10:25:00'), data: { name: 'dispatch' } }),
    (e: unknown) => e instanceof DomainError && e.code === 'ILLEGAL_TRANSITION',
  );
});

test('R-TL-8: pause over the night moves a business due by the paused working time only', () => {
  const started = receivedPhone().clocks; // due 10:30
  const paused = run(started, {
    type: 'clock_paused',
    at: bj('2026-03-10T10:10:00'),
    data: { name: 'dispatch', reason: 'waiting for the customer' },
  });
  assert.deepEqual(paused.changes, [{ name: 'dispatch', change: 'paused' }]);
  const p = byName(paused.clocks, 'dispatch');
  assert.equal(p.state, 'paused');
  assert.equal(p.pauseReason, 'waiting for the customer');
  assert.equal(p.pausedAt, iso('2026-03-10T10:10:00'));
  // 20 working minutes were left at the pause, so 20 remain after resuming at 09:40 Wednesday.
  const resumed = run(paused.clocks, { type: 'clock_resumed', at: bj('2026-03-11T09:40:00'), data: { name: 'dispatch' } });
  const r = byName(resumed.clocks, 'dispatch');
  assert.deepEqual(resumed.changes, [{ name: 'dispatch', change: 'resumed' }]);
  assert.equal(r.state, 'running');
  assert.equal(r.dueAt, iso('2026-03-11T10:00:00'));
  assert.equal(r.pausedMs, (23 * 60 + 30) * 60_000, 'pausedMs accumulates wall time');
  assert.equal(r.pausedAt, null);
  assert.equal(r.trace.at(-1)?.kind, 'resume');
  assert.match(r.trace.at(-1)?.detail ?? '', /waiting for the customer/);
});

test('R-TL-8: pausedMs accumulates over two pauses; a pause entirely out of hours does not move a business due', () => {
  let clocks = receivedPhone(facts({ receivedAt: bj('2026-03-10T17:50:00') })).clocks; // due Wed 09:20
  clocks = run(clocks, {
    type: 'clock_paused',
    at: bj('2026-03-10T18:30:00'),
    data: { name: 'dispatch', reason: 'customer asked to call back' },
  }).clocks;
  clocks = run(clocks, { type: 'clock_resumed', at: bj('2026-03-11T08:30:00'), data: { name: 'dispatch' } }).clocks;
  assert.equal(byName(clocks, 'dispatch').dueAt, iso('2026-03-11T09:20:00'));
  clocks = run(clocks, {
    type: 'clock_paused',
    at: bj('2026-03-11T09:00:00'),
    data: { name: 'dispatch', reason: 'waiting for photos' },
  }).clocks;
  clocks = run(clocks, { type: 'clock_resumed', at: bj('2026-03-11T09:15:00'), data: { name: 'dispatch' } }).clocks;
  const c = byName(clocks, 'dispatch');
  assert.equal(c.dueAt, iso('2026-03-11T09:35:00'));
  assert.equal(c.pausedMs, (14 * 60 + 15) * 60_000);
});

test('R-TL-8: a wall-clock rule is moved by the wall time paused', () => {
  let clocks = run([], { type: 'dispatched', at: bj('2026-03-10T10:00:00') }).clocks; // reply due Wed 10:00
  clocks = run(clocks, {
    type: 'clock_paused',
    at: bj('2026-03-10T12:00:00'),
    data: { name: 'reply', reason: 'site visit booked' },
  }).clocks;
  clocks = run(clocks, { type: 'clock_resumed', at: bj('2026-03-10T20:00:00'), data: { name: 'reply' } }).clocks;
  assert.equal(byName(clocks, 'reply').dueAt, iso('2026-03-11T18:00:00'));
});

test('R-TL-8: a clock met while paused adds the open pause to pausedMs', () => {
  let clocks = receivedPhone().clocks;
  clocks = run(clocks, { type: 'clock_paused', at: bj('2026-03-10T10:10:00'), data: { name: 'dispatch', reason: 'waiting' } }).clocks;
  clocks = run(clocks, { type: 'dispatched', at: bj('2026-03-10T10:40:00') }).clocks;
  const c = byName(clocks, 'dispatch');
  assert.equal(c.state, 'met');
  assert.equal(c.pausedMs, 30 * 60_000);
  assert.equal(c.pausedAt, null);
});

test('R-TL-8: an approved extension in minutes moves a business due by working minutes, with a trace step', () => {
  const started = receivedPhone(facts({ receivedAt: bj('2026-03-10T17:00:00') })).clocks; // due 17:30
  const { clocks, changes } = run(started, {
    type: 'extension_approved',
    at: bj('2026-03-10T17:20:00'),
    data: { name: 'dispatch', minutes: 60, reason: 'specialist on site' },
  });
  assert.deepEqual(changes, [{ name: 'dispatch', change: 'extended' }]);
  const c = byName(clocks, 'dispatch');
  assert.equal(c.dueAt, iso('2026-03-11T09:30:00'));
  assert.equal(c.trace.at(-1)?.kind, 'extension');
  assert.match(c.trace.at(-1)?.detail ?? '', /specialist on site/);
});

test('R-TL-8: an extension to an explicit due instant is applied; one that is earlier, reasonless or ambiguous is refused', () => {
  const started = receivedPhone().clocks;
  const ok = run(started, {
    type: 'extension_approved',
    at: bj('2026-03-10T10:20:00'),
    data: { name: 'dispatch', dueAt: iso('2026-03-10T15:00:00'), reason: 'customer away' },
  });
  assert.equal(byName(ok.clocks, 'dispatch').dueAt, iso('2026-03-10T15:00:00'));
  const bad = [
    { name: 'dispatch', dueAt: iso('2026-03-10T10:15:00'), reason: 'earlier' },
    { name: 'dispatch', dueAt: iso('2026-03-10T15:00:00') },
    { name: 'dispatch', dueAt: iso('2026-03-10T15:00:00'), minutes: 30, reason: 'both' },
    { name: 'dispatch', minutes: -30, reason: 'negative' },
    { name: 'dispatch', dueAt: 'not a date', reason: 'garbage' },
  ];
  for (const data of bad) {
    assert.throws(
      () => run(started, { type: 'extension_approved', at: bj('2026-03-10T10:20:00'), data }),
      (e: unknown) => e instanceof DomainError && e.code === 'VALIDATION',
      JSON.stringify(data),
    );
  }
});

test('R-LC-3: a dispute restarts the reply clock from the dispute instant', () => {
  let clocks = run([], { type: 'dispatched', at: bj('2026-03-10T10:00:00') }).clocks;
  clocks = run(clocks, { type: 'replied', at: bj('2026-03-10T16:00:00') }).clocks;
  assert.equal(byName(clocks, 'reply').state, 'met');
  const { clocks: after, changes } = run(clocks, { type: 'disputed', at: bj('2026-03-12T09:00:00') });
  assert.deepEqual(changes, [{ name: 'reply', change: 'restarted' }]);
  const c = byName(after, 'reply');
  assert.equal(c.state, 'running');
  assert.equal(c.startedAt, iso('2026-03-12T09:00:00'));
  assert.equal(c.dueAt, iso('2026-03-13T09:00:00'));
  assert.equal(c.metAt, null);
  assert.equal(after.filter((x) => x.name === 'reply').length, 1);
});

test('R-LC-3: reopening restarts a running clock too; a repeated ordinary start event does not', () => {
  const clocks = run([], { type: 'dispatched', at: bj('2026-03-10T10:00:00') }).clocks;
  assert.deepEqual(run(clocks, { type: 'dispatched', at: bj('2026-03-10T11:00:00') }).changes, []);
  const reopened = run(clocks, { type: 'reopened', at: bj('2026-03-20T11:00:00') });
  assert.deepEqual(reopened.changes, [{ name: 'reply', change: 'restarted' }]);
  assert.equal(byName(reopened.clocks, 'reply').dueAt, iso('2026-03-21T11:00:00'));
});

test('R-TL-3: a level-gated clock starts when the level becomes major, and not before', () => {
  assert.deepEqual(run([], { type: 'qualified', at: bj('2026-03-10T11:00:00') }).clocks, []);
  const { clocks, changes } = run(
    [],
    { type: 'level_changed', at: bj('2026-03-10T12:00:00'), data: { level: 'major' } },
    facts({ level: 'major' }),
  );
  assert.deepEqual(changes, [{ name: 'first_answer', change: 'started' }]);
  assert.equal(byName(clocks, 'first_answer').dueAt, iso('2026-03-11T12:00:00'));
});

test('R-TL-7: a regulator complaint received before 2026-04-15 runs under the 2019 rules, from that local date under the new ones', () => {
  const before = facts({ channel: 'regulator', receivedAt: bj('2026-04-14T23:30:00') });
  const after = facts({ channel: 'regulator', receivedAt: bj('2026-04-15T00:30:00') }); // 2026-04-14T16:30Z
  assert.deepEqual(
    selectDefinitions(DEFS, before, calendar).map((d) => d.ruleId),
    ['R-TL-4', 'R-TL-7/samr-order-20'],
  );
  assert.deepEqual(
    selectDefinitions(DEFS, after, calendar).map((d) => d.ruleId),
    ['R-TL-4', 'R-TL-7/samr-order-121'],
  );
  const a = byName(run([], { type: 'received', at: bj('2026-04-15T09:00:00') }, after).clocks, 'accept');
  assert.equal(a.ruleId, 'R-TL-7/samr-order-121');
  assert.equal(a.dueAt, iso('2026-04-22T23:59:59.999'));
});

test('R-TL-7: selectDefinitions filters by level and channel and never returns two clocks of one name', () => {
  const names = (f: ComplaintFacts) => selectDefinitions(DEFS, f, calendar).map((d) => d.name);
  assert.deepEqual(names(facts()), ['dispatch', 'reply']);
  assert.deepEqual(names(facts({ level: 'major' })), ['dispatch', 'reply', 'first_answer']);
  assert.deepEqual(names(facts({ level: null })), ['dispatch', 'reply']);
  const overlapping = [ACCEPT_2026, { ...ACCEPT_2026, ruleId: 'dup' }];
  assert.deepEqual(
    selectDefinitions(overlapping, facts({ channel: 'regulator', receivedAt: bj('2026-05-01T10:00:00') }), calendar).map((d) => d.ruleId),
    ['R-TL-7/samr-order-121'],
  );
});

test('R-TL-1: applyEvent leaves the input clocks untouched', () => {
  const started = receivedPhone().clocks;
  const snapshot = structuredClone(started);
  run(started, { type: 'dispatched', at: bj('2026-03-10T10:20:00') });
  run(started, { type: 'clock_paused', at: bj('2026-03-10T10:10:00'), data: { name: 'dispatch', reason: 'x' } });
  assert.deepEqual(started, snapshot);
});

test('R-TL-6, S2 5.2.3, #15 item 6: the property pack counts a major complaint’s 24 h answer and 3 days from its report, however late it is found major', async () => {
  const { getPack } = await import('../../src/policies/index.ts');
  const property = getPack('property');
  const reported = facts({ receivedAt: bj('2026-03-10T10:00:00'), level: 'major' });
  const apply = (clocks: ClockRecord[], event: LifecycleEventForRules, f = reported) =>
    applyEvent({ definitions: property.clocks, calendar, facts: f, clocks, event });
  // Found major at qualification five hours after the report: still due 24 h and 3 days after the report.
  const late = apply(apply([], { type: 'received', at: bj('2026-03-10T10:05:00') }, facts({ level: 'general' })).clocks, {
    type: 'level_changed',
    at: bj('2026-03-10T15:00:00'),
    data: { level: 'major' },
  });
  assert.equal(byName(late.clocks, 'first_answer').startedAt, iso('2026-03-10T10:00:00'));
  assert.equal(byName(late.clocks, 'first_answer').dueAt, iso('2026-03-11T10:00:00'));
  assert.equal(byName(late.clocks, 'resolve').dueAt, iso('2026-03-13T10:00:00'));
  // Major at intake: the same instants, from the start.
  const atIntake = apply([], { type: 'received', at: bj('2026-03-10T10:05:00') });
  assert.equal(byName(atIntake.clocks, 'first_answer').dueAt, iso('2026-03-11T10:00:00'));
  assert.equal(byName(atIntake.clocks, 'resolve').dueAt, iso('2026-03-13T10:00:00'));
  // A clock without countFrom still runs from its event (the generic engine is unchanged).
  const plain = run([], { type: 'level_changed', at: bj('2026-03-10T12:00:00'), data: { level: 'major' } }, facts({ level: 'major' }));
  assert.equal(byName(plain.clocks, 'first_answer').dueAt, iso('2026-03-11T12:00:00'));
});
