/** Report periods (R-RP-1; S0 Vanke 5.6.1.2): bounds in Asia/Shanghai, due dates, closed periods. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  periodContaining,
  parseQuarter,
  closedPeriods,
  isClosed,
  isOverdue,
  adjacentPeriod,
  localDateOf,
  asOfInstant,
  REPORT_KINDS,
} from '../../src/domain/reports/periods.ts';
import { DomainError } from '../../src/domain/errors.ts';

test('R-RP-1: a monthly period is the local calendar month in UTC instants, due by the 3rd of the next month', () => {
  const p = periodContaining('monthly', '2026-11-15');
  assert.equal(p.key, '2026-11');
  assert.equal(p.startDate, '2026-11-01');
  assert.equal(p.endDate, '2026-11-30');
  assert.equal(p.start.toISOString(), '2026-10-31T16:00:00.000Z');
  assert.equal(p.end.toISOString(), '2026-11-30T16:00:00.000Z');
  assert.equal(p.dueDate, '2026-12-03');
  assert.equal(p.dueBy.toISOString(), '2026-12-03T16:00:00.000Z');
  assert.equal(p.labelZh, '2026年11月');
  const dec = periodContaining('monthly', '2026-12-31');
  assert.equal(dec.dueDate, '2027-01-03', 'December is due in January of the next year');
});

test('R-RP-1: the half-monthly report covers the 1st–15th and is due by the 18th; the 16th–end is due with the monthly report', () => {
  const h1 = periodContaining('half_monthly', '2026-02-15');
  assert.equal(h1.key, '2026-02-H1');
  assert.deepEqual([h1.startDate, h1.endDate, h1.dueDate], ['2026-02-01', '2026-02-15', '2026-02-18']);
  const h2 = periodContaining('half_monthly', '2026-02-16');
  assert.equal(h2.key, '2026-02-H2');
  assert.deepEqual([h2.startDate, h2.endDate, h2.dueDate], ['2026-02-16', '2026-02-28', '2026-03-03']);
  assert.equal(periodContaining('half_monthly', '2028-02-20').endDate, '2028-02-29', 'leap year');
});

test('R-RP-1: daily and quarterly periods', () => {
  const d = periodContaining('daily', '2026-11-24');
  assert.equal(d.start.toISOString(), '2026-11-23T16:00:00.000Z');
  assert.equal(d.end.toISOString(), '2026-11-24T16:00:00.000Z');
  assert.equal(d.dueDate, '2026-11-25');
  const q = parseQuarter('2026Q4');
  assert.deepEqual([q.key, q.startDate, q.endDate, q.dueDate], ['2026Q4', '2026-10-01', '2026-12-31', '2027-01-05']);
  assert.equal(q.labelZh, '2026年第四季度');
  assert.equal(periodContaining('quarterly', '2026-05-31').key, '2026Q2');
});

test('closed periods at now: the running period is not closed; the most recent closed ones newest first', () => {
  const now = new Date('2026-11-24T02:00:00.000Z'); // 24 Nov 10:00 local
  assert.equal(isClosed(periodContaining('monthly', '2026-11-01'), now), false);
  assert.deepEqual(
    closedPeriods('monthly', now, 3).map((p) => p.key),
    ['2026-10', '2026-09', '2026-08'],
  );
  assert.deepEqual(
    closedPeriods('half_monthly', now, 3).map((p) => p.key),
    ['2026-11-H1', '2026-10-H2', '2026-10-H1'],
  );
  assert.deepEqual(
    closedPeriods('daily', now, 1).map((p) => p.key),
    ['2026-11-23'],
  );
  assert.deepEqual(
    closedPeriods('quarterly', now, 1).map((p) => p.key),
    ['2026Q3'],
  );
  // 23:59 local on the last day of the month is still inside; 00:00 of the 1st closes it.
  assert.equal(isClosed(periodContaining('monthly', '2026-11-01'), new Date('2026-11-30T15:59:59.999Z')), false);
  assert.equal(isClosed(periodContaining('monthly', '2026-11-01'), new Date('2026-11-30T16:00:00.000Z')), true);
  assert.equal(
    isOverdue(periodContaining('monthly', '2026-10-01'), new Date('2026-11-03T15:59:00.000Z')),
    false,
    'on the 3rd it is on time',
  );
  assert.equal(isOverdue(periodContaining('monthly', '2026-10-01'), new Date('2026-11-03T16:00:00.000Z')), true);
  const running = periodContaining('monthly', '2026-11-01');
  assert.equal(asOfInstant(running, now), now);
  assert.equal(asOfInstant(periodContaining('monthly', '2026-10-01'), now).toISOString(), '2026-10-31T16:00:00.000Z');
});

test('malformed or impossible dates and quarters are VALIDATION errors naming the field', () => {
  for (const bad of ['2026-02-30', '2026-13-01', '26-11-01', '2026-11-1']) {
    assert.throws(
      () => periodContaining('monthly', bad),
      (e: unknown) => e instanceof DomainError && e.code === 'VALIDATION' && e.details.field === 'period',
    );
  }
  assert.throws(
    () => parseQuarter('2026Q0'),
    (e: unknown) => e instanceof DomainError && e.details.field === 'quarter',
  );
});

const localDates = fc
  .date({ min: new Date('2004-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => localDateOf(d));

test('property (R-RP-1): every period contains its date, periods of a kind tile time without gaps, due on or after the end', () => {
  fc.assert(
    fc.property(localDates, fc.constantFrom(...REPORT_KINDS), (date, kind) => {
      const p = periodContaining(kind, date);
      assert.ok(p.startDate <= date && date <= p.endDate);
      assert.ok(p.start.getTime() < p.end.getTime());
      const next = adjacentPeriod(p, 1);
      assert.equal(next.start.getTime(), p.end.getTime(), 'the next period starts where this one ends');
      assert.equal(adjacentPeriod(next, -1).key, p.key);
      assert.ok(p.dueDate > p.endDate, 'due after the period ends');
      // Shanghai has no DST: every day is 24 h and starts at 16:00 UTC the day before.
      assert.equal(p.start.getUTCHours(), 16);
      const days = DateTime.fromISO(p.endDate).diff(DateTime.fromISO(p.startDate), 'days').days + 1;
      assert.equal(p.end.getTime() - p.start.getTime(), days * 86_400_000);
      // Any date inside names the same period.
      assert.equal(periodContaining(kind, p.endDate).key, p.key);
    }),
    { numRuns: 300 },
  );
});
