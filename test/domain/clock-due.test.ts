import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BusinessCalendar, DueRule } from '../../src/domain/contracts.ts';
import { DEFAULT_CALENDAR } from '../../src/domain/calendar/index.ts';
import { computeDue, describeRule, receiptClassOf, resolveRule } from '../../src/domain/clocks/index.ts';

const cal = DEFAULT_CALENDAR;
const bj = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => bj(local).toISOString();

// Vanke 5.2.2 as the real-estate pack writes it (R-TL-2).
const PHONE: DueRule = {
  kind: 'by_receipt_class',
  inHours: { kind: 'business_minutes', minutes: 30 },
  outsideHoursWorkday: { kind: 'business_minutes', minutes: 60 },
  restDay: { kind: 'end_of_day' },
};
const FORUM: DueRule = { ...PHONE, inHours: { kind: 'business_minutes', minutes: 60 } };

test('R-TL-2: phone complaint on Tuesday 2026-03-10 10:00 is due 10:30', () => {
  const { due, trace } = computeDue(cal, PHONE, bj('2026-03-10T10:00:00'));
  assert.equal(due.toISOString(), iso('2026-03-10T10:30:00'));
  assert.equal(trace[0].kind, 'receipt-class');
  assert.match(trace[0].detail, /received in working hours/);
  assert.match(trace[0].detail, /30 working minutes/);
  assert.match(trace[0].detailZh ?? '', /工作时间内收到/);
  assert.equal(trace.at(-1)?.kind, 'due');
  assert.equal(trace.at(-1)?.to, iso('2026-03-10T10:30:00'));
});

test('R-TL-2: phone complaint at 17:50 gets 30 working minutes spanning the night: due 09:20 next morning', () => {
  const { due, trace } = computeDue(cal, PHONE, bj('2026-03-10T17:50:00'));
  assert.equal(due.toISOString(), iso('2026-03-11T09:20:00'));
  assert.deepEqual(
    trace.map((s) => s.kind),
    ['receipt-class', 'working-period', 'working-period', 'due'],
  );
});

test('R-TL-2: forum complaint in working hours is due in 1 h', () => {
  assert.equal(computeDue(cal, FORUM, bj('2026-03-10T14:15:00')).due.toISOString(), iso('2026-03-10T15:15:00'));
});

test('R-TL-2: received Wednesday 20:00 (working day, after hours) is due 1 h after work starts Thursday: 10:00', () => {
  const { due, trace } = computeDue(cal, PHONE, bj('2026-03-11T20:00:00'));
  assert.equal(due.toISOString(), iso('2026-03-12T10:00:00'));
  assert.match(trace[0].detail, /working day outside working hours/);
  assert.equal(trace[1].kind, 'count-from');
  assert.equal(trace[1].from, iso('2026-03-12T09:00:00'));
});

test('R-TL-2: received before work on a working day counts 1 h from that morning', () => {
  assert.equal(computeDue(cal, FORUM, bj('2026-03-12T07:10:00')).due.toISOString(), iso('2026-03-12T10:00:00'));
});

test('R-TL-2: received after hours on the last day before National Day waits for 2026-10-08', () => {
  assert.equal(computeDue(cal, PHONE, bj('2026-09-30T19:00:00')).due.toISOString(), iso('2026-10-08T10:00:00'));
});

test('R-TL-2: received on National Day 2026-10-03 14:00 is due by the end of 2026-10-03', () => {
  const { due, trace } = computeDue(cal, PHONE, bj('2026-10-03T14:00:00'));
  assert.equal(due.toISOString(), iso('2026-10-03T23:59:59.999'));
  assert.match(trace[0].detail, /rest day or public holiday/);
  assert.match(trace[0].detail, /National Day/);
  assert.match(trace[0].detail, /by the end of the same day/);
  assert.match(trace[0].detailZh ?? '', /国庆节/);
});

test('R-TL-2: an ordinary Saturday is a rest day; an adjusted working Saturday is a working day', () => {
  assert.equal(receiptClassOf(cal, bj('2026-03-14T10:00:00')), 'rest_day');
  assert.equal(receiptClassOf(cal, bj('2026-10-10T10:00:00')), 'in_hours');
  assert.equal(receiptClassOf(cal, bj('2026-10-10T07:00:00')), 'outside_hours_workday');
  assert.equal(computeDue(cal, PHONE, bj('2026-10-10T10:00:00')).due.toISOString(), iso('2026-10-10T10:30:00'));
});

test('R-TL-2: a lunch break is working hours under Vanke 5.2.2 (off-hours = after close until start)', () => {
  const lunch: BusinessCalendar = {
    ...cal,
    workingPeriods: [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ],
  };
  assert.equal(receiptClassOf(lunch, bj('2026-03-10T12:30:00')), 'in_hours');
  assert.equal(computeDue(lunch, PHONE, bj('2026-03-10T12:30:00')).due.toISOString(), iso('2026-03-10T14:00:00'));
  assert.equal(receiptClassOf(lunch, bj('2026-03-10T18:00:00')), 'outside_hours_workday');
});

test('R-TL-2: resolveRule names the leaf rule and the instant counting starts from', () => {
  const r = resolveRule(cal, PHONE, bj('2026-03-11T20:00:00'));
  assert.deepEqual(r.rule, { kind: 'business_minutes', minutes: 60 });
  assert.equal(r.receiptClass, 'outside_hours_workday');
  assert.equal(r.countFrom.toISOString(), iso('2026-03-12T09:00:00'));
});

const KIND_TABLE: { rule: DueRule; start: string; due: string; cite: string }[] = [
  { cite: 'R-TL-6', rule: { kind: 'calendar_minutes', minutes: 10 }, start: '2026-10-03T23:55:00', due: '2026-10-04T00:05:00' },
  { cite: 'R-TL-4', rule: { kind: 'calendar_hours', hours: 24 }, start: '2026-09-30T17:00:00', due: '2026-10-01T17:00:00' },
  { cite: 'R-TL-7', rule: { kind: 'calendar_days', days: 60 }, start: '2026-09-30T17:00:00', due: '2026-11-29T17:00:00' },
  { cite: 'R-TL-3', rule: { kind: 'business_hours', hours: 4 }, start: '2026-09-30T16:00:00', due: '2026-10-08T11:00:00' },
  { cite: 'R-TL-2', rule: { kind: 'business_minutes', minutes: 30 }, start: '2026-10-03T14:00:00', due: '2026-10-08T09:30:00' },
  { cite: 'R-TL-4', rule: { kind: 'business_days', days: 3 }, start: '2026-09-29T10:00:00', due: '2026-10-09T23:59:59.999' },
  { cite: 'R-TL-2', rule: { kind: 'end_of_day' }, start: '2026-03-10T00:00:00', due: '2026-03-10T23:59:59.999' },
];

for (const { rule, start, due, cite } of KIND_TABLE) {
  test(`${cite}: ${describeRule(rule).en} from ${start} is due ${due}`, () => {
    const r = computeDue(cal, rule, bj(start));
    assert.equal(r.due.toISOString(), iso(due));
    assert.equal(r.trace[0].kind, 'rule');
    assert.equal(r.trace.at(-1)?.kind, 'due');
  });
}

test('R-TL-1: a nested by_receipt_class rule counts its inner rule from the next working start', () => {
  const nested: DueRule = {
    kind: 'by_receipt_class',
    inHours: { kind: 'calendar_minutes', minutes: 5 },
    outsideHoursWorkday: PHONE,
    restDay: { kind: 'end_of_day' },
  };
  assert.equal(computeDue(cal, nested, bj('2026-03-11T20:00:00')).due.toISOString(), iso('2026-03-12T09:30:00'));
});

test('R-TL-1: calendar_days keep the local wall time across a DST change', () => {
  const ny: BusinessCalendar = { ...cal, timeZone: 'America/New_York' };
  const start = new Date('2026-03-07T12:00:00-05:00');
  assert.equal(
    computeDue(ny, { kind: 'calendar_days', days: 2 }, start).due.toISOString(),
    new Date('2026-03-09T12:00:00-04:00').toISOString(),
  );
});

test('R-TL-1: a negative rule amount is refused', () => {
  assert.throws(() => computeDue(cal, { kind: 'calendar_hours', hours: -1 }, bj('2026-03-10T10:00:00')), RangeError);
  assert.throws(() => computeDue(cal, { kind: 'business_minutes', minutes: -5 }, bj('2026-03-10T10:00:00')), RangeError);
});
