/**
 * Report schedules as periods and due dates (R-RP-1; issue #15 item 1), pure. The dates come from each
 * pack's own schedule: Vanke's half-monthly report by the 18th, monthly report by the 3rd of the next
 * month, maintenance record by the 27th (S0 Vanke 5.6.1.1, 5.6.1.2), quarterly summary within the quarter
 * (5.6.1.3); S1 第十九条's statistics by the 5th. No pack's schedule yields another pack's day.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  nextDuePeriod,
  periodContainingDate,
  previousDuePeriod,
  reminderOwed,
  type ScheduleDue,
} from '../../src/domain/reports/schedules.ts';
import { loadPack, PACKS, PackValidationError } from '../../src/policies/index.ts';

const dueOf = (packId: string, id: string): ScheduleDue => {
  const s = PACKS.find((p) => p.id === packId)!.reports.find((r) => r.id === id)!;
  assert.notEqual(s.due.kind, 'at_closure');
  return s.due as ScheduleDue;
};

test('S0 Vanke 5.6.1.1: the maintenance record is due by the 27th, covering the month up to the 26th', () => {
  const p = nextDuePeriod(dueOf('real-estate', 'maintenance_record'), '2026-11-24');
  assert.equal(p.dueDate, '2026-11-27');
  assert.equal(p.startDate, '2026-10-27');
  assert.equal(p.endDate, '2026-11-26');
  assert.equal(p.remindDate, '2026-11-24');
  // The day after its due date, the next one is a month away.
  assert.equal(nextDuePeriod(dueOf('real-estate', 'maintenance_record'), '2026-11-28').dueDate, '2026-12-27');
});

test('S0 Vanke 5.6.1.2: the half-monthly report covers the 1st–15th, due the 18th; the monthly report is due the 3rd of the next month', () => {
  const half = nextDuePeriod(dueOf('real-estate', 'half_monthly'), '2026-11-10');
  assert.deepEqual([half.startDate, half.endDate, half.dueDate], ['2026-11-01', '2026-11-15', '2026-11-18']);
  const monthly = nextDuePeriod(dueOf('real-estate', 'monthly'), '2026-11-24');
  assert.deepEqual([monthly.startDate, monthly.endDate, monthly.dueDate], ['2026-11-01', '2026-11-30', '2026-12-03']);
  assert.equal(monthly.labelZh, '2026年11月');
  // On the 2nd, the report still due is October's.
  assert.equal(nextDuePeriod(dueOf('real-estate', 'monthly'), '2026-12-02').startDate, '2026-11-01');
});

test('S0 Vanke 5.6.1.3: the quarterly summary is of this quarter, due by its last day (not S1’s 5th)', () => {
  const q = nextDuePeriod(dueOf('real-estate', 'quarterly'), '2026-11-24');
  assert.deepEqual([q.startDate, q.endDate, q.dueDate, q.labelZh], ['2026-10-01', '2026-12-31', '2026-12-31', '2026年第四季度']);
});

test('S1 第十九条: the statistics are due by the 5th, covering the month before', () => {
  const s = nextDuePeriod(dueOf('manufacturing', 'statistics'), '2026-12-01');
  assert.deepEqual([s.startDate, s.endDate, s.dueDate, s.remindDate], ['2026-11-01', '2026-11-30', '2026-12-05', '2026-12-02']);
  assert.equal(reminderOwed(s, new Date('2026-12-01T16:00:00Z')), true, '00:00 on the 2nd in Shanghai');
  assert.equal(reminderOwed(s, new Date('2026-12-01T15:59:59Z')), false, 'still the 1st in Shanghai');
  assert.equal(reminderOwed(s, new Date('2026-12-05T15:59:59Z')), true, 'the due day itself');
});

test('Vanke daily report: the day before, due today', () => {
  const d = nextDuePeriod(dueOf('real-estate', 'daily'), '2026-11-24');
  assert.deepEqual([d.startDate, d.endDate, d.dueDate], ['2026-11-23', '2026-11-23', '2026-11-24']);
});

test('no pack borrows another pack’s dates: every monthly due day is the pack’s own, every quarter due on its last day', () => {
  for (const pack of PACKS) {
    const ownDays = new Set(pack.reports.flatMap((r) => (r.due.kind === 'monthly' ? [r.due.day] : [])));
    for (const r of pack.reports) {
      if (r.due.kind === 'at_closure') continue;
      for (let m = 1; m <= 12; m++) {
        const p = nextDuePeriod(r.due as ScheduleDue, `2027-${String(m).padStart(2, '0')}-10`);
        const day = Number(p.dueDate.slice(8));
        if (r.due.kind === 'monthly') assert.ok(ownDays.has(day), `${pack.id}/${r.id} due on the ${day}th`);
        if (r.due.kind === 'quarterly') assert.equal(p.dueDate, p.endDate, `${pack.id}/${r.id}`);
      }
    }
  }
  // The seeds' days: Vanke 3, 18, 27; S1 5. The manufacturing pack has only S1's.
  const days = (id: string) =>
    PACKS.find((p) => p.id === id)!
      .reports.flatMap((r) => (r.due.kind === 'monthly' ? [r.due.day] : []))
      .sort((a, b) => a - b);
  assert.deepEqual(days('real-estate'), [3, 18, 27]);
  assert.deepEqual(days('manufacturing'), [5]);
});

const anyDue: fc.Arbitrary<ScheduleDue> = fc.oneof(
  fc.constant<ScheduleDue>({ kind: 'daily' }),
  fc.constant<ScheduleDue>({ kind: 'quarterly' }),
  fc.record({
    kind: fc.constant('monthly' as const),
    day: fc.integer({ min: 1, max: 28 }),
    period: fc.constant('previous_month' as const),
  }),
  fc.record({ kind: fc.constant('monthly' as const), day: fc.integer({ min: 1, max: 28 }), period: fc.constant('current_month' as const) }),
  fc.integer({ min: 2, max: 28 }).chain((day) =>
    fc.record({
      kind: fc.constant('monthly' as const),
      day: fc.constant(day),
      period: fc.constant('current_month' as const),
      through: fc.integer({ min: 1, max: day - 1 }),
    }),
  ),
);
const anyDate = fc
  .integer({ min: 0, max: 365 * 8 })
  .map((n) => DateTime.fromISO('2024-01-01', { zone: 'Asia/Shanghai' }).plus({ days: n }).toFormat('yyyy-MM-dd'));

test('property: the next due date is on or after the day, the one before it is before the day, and the due day is the schedule’s', () => {
  fc.assert(
    fc.property(anyDue, anyDate, (due, date) => {
      const p = nextDuePeriod(due, date);
      const prev = previousDuePeriod(due, p);
      assert.ok(p.dueDate >= date && prev.dueDate < date, `${JSON.stringify(due)} ${date}: ${prev.dueDate} < ${date} <= ${p.dueDate}`);
      assert.ok(p.startDate <= p.endDate && p.endDate <= p.dueDate);
      assert.ok(p.startDate <= p.remindDate && p.remindDate <= p.dueDate);
      if (due.kind === 'monthly') assert.equal(Number(p.dueDate.slice(8)), due.day);
      if (due.kind === 'monthly' && due.period === 'previous_month') assert.ok(p.endDate < p.dueDate.slice(0, 7), 'the month before');
      if (due.kind === 'monthly' && due.through !== undefined) assert.equal(Number(p.endDate.slice(8)), due.through);
    }),
  );
});

test('property: without a `through` day the periods follow each other with no gap and no overlap', () => {
  fc.assert(
    fc.property(
      anyDue.filter((d) => !(d.kind === 'monthly' && d.through !== undefined)),
      anyDate,
      (due, date) => {
        const p = nextDuePeriod(due, date);
        const prev = previousDuePeriod(due, p);
        const dayAfter = DateTime.fromISO(prev.endDate).plus({ days: 1 }).toFormat('yyyy-MM-dd');
        assert.equal(dayAfter, p.startDate);
        const containing = periodContainingDate(due, date);
        assert.ok(containing.startDate <= date && date <= containing.endDate);
      },
    ),
  );
});

test('a `through` day only bounds a current-month report and ends before its due day; otherwise the pack is refused by path', () => {
  const pack = structuredClone(PACKS.find((p) => p.id === 'real-estate')!) as unknown as {
    reports: { id: string; due: Record<string, unknown> }[];
  };
  const half = pack.reports.findIndex((r) => r.id === 'half_monthly');
  pack.reports[half]!.due = { kind: 'monthly', day: 18, period: 'current_month', through: 18 };
  assert.throws(
    () => loadPack(pack),
    (e: unknown) => e instanceof PackValidationError && /reports\[\d+\]\.due\.through/.test(String(e.message)),
  );
  pack.reports[half]!.due = { kind: 'monthly', day: 18, period: 'previous_month', through: 15 };
  assert.throws(
    () => loadPack(pack),
    (e: unknown) => e instanceof PackValidationError && /due\.through/.test(String(e.message)),
  );
});
