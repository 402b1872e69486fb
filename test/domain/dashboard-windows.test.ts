/**
 * The dashboard's windows (issue #20; src/domain/reports/dashboard-windows.ts): whole local days of
 * Asia/Shanghai whatever the process's time zone, 30 days of intake with today the last, 12 weeks of
 * satisfaction from a Monday with this week the last.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dashboardWindows, INTAKE_DAYS, SATISFACTION_WEEKS } from '../../src/domain/reports/dashboard-windows.ts';

const DAY = 86400_000;
/** The local date in Shanghai (UTC+8 all year, no daylight saving), by arithmetic rather than a zone database. */
const shanghaiDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

test('#20 dashboard windows: 1 December 2026 at 23:59 and at 00:01 the next day in Shanghai', () => {
  assert.deepEqual(dashboardWindows(new Date('2026-12-01T15:59:00Z')), { intakeFrom: '2026-11-02', satisfactionFrom: '2026-09-14' });
  assert.deepEqual(dashboardWindows(new Date('2026-12-01T16:01:00Z')), { intakeFrom: '2026-11-03', satisfactionFrom: '2026-09-14' });
  // Monday 7 December 00:00 local: a new week begins, the oldest leaves.
  assert.deepEqual(dashboardWindows(new Date('2026-12-06T16:00:00Z')).satisfactionFrom, '2026-09-21');
});

test('#20 dashboard windows: for any instant, intake is today and the 29 days before; satisfaction starts on the Monday 11 weeks before this week’s', () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
      const today = shanghaiDate(ms);
      const w = dashboardWindows(new Date(ms));
      assert.equal((dayMs(today) - dayMs(w.intakeFrom)) / DAY, INTAKE_DAYS - 1);
      assert.equal(new Date(dayMs(w.satisfactionFrom)).getUTCDay(), 1, 'a Monday');
      const weeksBack = (dayMs(today) - dayMs(w.satisfactionFrom)) / DAY;
      assert.ok(weeksBack >= 7 * (SATISFACTION_WEEKS - 1) && weeksBack < 7 * SATISFACTION_WEEKS, `${today}: ${w.satisfactionFrom}`);
    }),
    { numRuns: 2000 },
  );
});
