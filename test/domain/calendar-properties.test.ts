import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BusinessCalendar } from '../../src/domain/contracts.ts';
import {
  DEFAULT_CALENDAR,
  addBusinessDays,
  addBusinessMinutes,
  businessMinutesBetween,
  dayInfo,
  isWorkingInstant,
  localDateOf,
  nextWorkingStart,
} from '../../src/domain/calendar/index.ts';

const LUNCH: BusinessCalendar = {
  ...DEFAULT_CALENDAR,
  workingPeriods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
  overrides: { '2026-06-01': { kind: 'holiday', name: 'Sports day' }, '2026-06-06': { kind: 'workday' } },
};
const CALENDARS = [DEFAULT_CALENDAR, LUNCH];

// 2025-01-01 .. 2027-12-31 Beijing: official data, the 2026 holidays, and the unflagged 2027.
const FROM = Date.parse('2024-12-31T16:00:00Z');
const TO = Date.parse('2027-12-31T16:00:00Z');
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const minutes = fc.integer({ min: 0, max: 60 * 9 * 25 });
const calendar = fc.constantFrom(...CALENDARS);
const RUNS = { numRuns: 300 };

test('R-TL-1 property: measuring the business time from start to due gives back the minutes added', () => {
  fc.assert(
    fc.property(calendar, instant, minutes, (cal, start, m) => {
      const { due } = addBusinessMinutes(cal, start, m);
      assert.equal(businessMinutesBetween(cal, start, due), m);
    }),
    RUNS,
  );
});

test('R-TL-1 property: a due instant for minutes > 0 is inside working time or at the end of a working period', () => {
  fc.assert(
    fc.property(calendar, instant, fc.integer({ min: 1, max: 60 * 9 * 25 }), (cal, start, m) => {
      const { due } = addBusinessMinutes(cal, start, m);
      const justBefore = new Date(due.getTime() - 1);
      assert.ok(isWorkingInstant(cal, justBefore), `the last millisecond before ${due.toISOString()} is working time`);
      assert.ok(dayInfo(cal, localDateOf(cal, justBefore)).working);
    }),
    RUNS,
  );
});

test('R-TL-1 property: a later start never gives an earlier due instant', () => {
  fc.assert(
    fc.property(calendar, instant, fc.integer({ min: 0, max: 7 * 24 * 3_600_000 }), minutes, (cal, start, delta, m) => {
      const later = new Date(start.getTime() + delta);
      assert.ok(addBusinessMinutes(cal, later, m).due.getTime() >= addBusinessMinutes(cal, start, m).due.getTime());
    }),
    RUNS,
  );
});

test('R-TL-1 property: adding a + b equals adding a then b', () => {
  fc.assert(
    fc.property(calendar, instant, minutes, minutes, (cal, start, a, b) => {
      const once = addBusinessMinutes(cal, start, a + b).due;
      const twice = addBusinessMinutes(cal, addBusinessMinutes(cal, start, a).due, b).due;
      assert.equal(twice.toISOString(), once.toISOString());
    }),
    RUNS,
  );
});

test('R-TL-1 property: business time between a and b is additive over any split point', () => {
  fc.assert(
    fc.property(calendar, instant, instant, instant, (cal, x, y, z) => {
      const [a, m, b] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
      const whole = businessMinutesBetween(cal, a, b);
      const parts = businessMinutesBetween(cal, a, m) + businessMinutesBetween(cal, m, b);
      assert.ok(Math.abs(whole - parts) < 1e-6);
    }),
    RUNS,
  );
});

test('R-TL-1 property: nextWorkingStart is working time, not before t, with no working time skipped', () => {
  fc.assert(
    fc.property(calendar, instant, (cal, t) => {
      const next = nextWorkingStart(cal, t);
      assert.ok(next.getTime() >= t.getTime());
      assert.ok(isWorkingInstant(cal, next));
      assert.equal(businessMinutesBetween(cal, t, next), 0);
    }),
    RUNS,
  );
});

test('R-TL-7 property: N business days end on a working day, the last millisecond of it, with N working days after the start day', () => {
  fc.assert(
    fc.property(calendar, instant, fc.integer({ min: 1, max: 60 }), (cal, start, n) => {
      const { due } = addBusinessDays(cal, start, n);
      const dueDate = localDateOf(cal, due);
      assert.equal(localDateOf(cal, new Date(due.getTime() + 1)) > dueDate, true, 'due is the end of its local day');
      assert.equal(dayInfo(cal, dueDate).working, true);
      const previous = addBusinessDays(cal, start, n - 1).due;
      assert.ok(previous.getTime() < due.getTime());
    }),
    RUNS,
  );
});
