/** KPI arithmetic (R-RS-4: Vanke 4.1.6 closure rate, S3 KPI sheet timeliness, food 7.3 satisfaction; R-RS-3 fuel). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  closureRate,
  hoursLate,
  monthTimelinessScore,
  quarterTimelinessScore,
  S3_TIMELINESS_RULES,
  timelinessFullScore,
  satisfactionAverage,
  stationPenalties,
  rankBy,
  ratio,
} from '../../src/domain/kpi/index.ts';
import { getPack } from '../../src/policies/index.ts';

/** The shipped fuel-retail pack's penalty table (S0 第五篇 §14–15): the calculator reads its numbers. */
const FUEL_PENALTIES = getPack('fuel-retail').penalties!;

const at = (iso: string) => new Date(iso);

test('R-RS-4 (Vanke 4.1.6): closure rate is closed over received valid complaints; none received is null, not 0 or 1', () => {
  assert.equal(closureRate({ validReceived: 4, validClosed: 3 }), 0.75);
  assert.equal(closureRate({ validReceived: 3, validClosed: 1 }), 0.3333);
  assert.equal(closureRate({ validReceived: 0, validClosed: 0 }), null);
});

test('R-RS-4 (S3 ①): the record is due within 1 h of receipt; every started hour late costs 0.5', () => {
  const r = at('2026-11-10T02:00:00Z');
  assert.equal(hoursLate(r, at('2026-11-10T03:00:00Z')), 0, 'exactly 1 h is on time');
  assert.equal(hoursLate(r, at('2026-11-10T03:00:01Z')), 1);
  assert.equal(hoursLate(r, at('2026-11-10T05:30:00Z')), 3, '3.5 h after the call: 2.5 h late, 3 started hours');
  assert.equal(hoursLate(r, at('2026-11-10T01:00:00Z')), 0, 'a record before the call (clock skew) is never negative');
  const s = monthTimelinessScore({ complaints: 1, lateHours: 3, lateCompletions: 0, timely: 0 });
  assert.deepEqual(s, { score: 10 - 1.5, deductions: 1.5, bonus: 0, timelyRate: 0 });
});

test('R-RS-4 (S3 ②③): −1 per late completion; +1 per timely complaint up to +3; a month without complaints is full score', () => {
  assert.equal(monthTimelinessScore({ complaints: 2, lateHours: 0, lateCompletions: 1, timely: 1 }).score, 10 - 1 + 1);
  assert.equal(monthTimelinessScore({ complaints: 5, lateHours: 0, lateCompletions: 0, timely: 5 }).score, 13, 'bonus capped at 3');
  assert.equal(monthTimelinessScore({ complaints: 0, lateHours: 0, lateCompletions: 0, timely: 0 }).score, S3_TIMELINESS_RULES.fullScore);
  assert.equal(monthTimelinessScore({ complaints: 30, lateHours: 100, lateCompletions: 30, timely: 0 }).score, 0, 'never below 0');
  assert.equal(
    quarterTimelinessScore([
      { complaints: 0, lateHours: 0, lateCompletions: 0, timely: 0 },
      { complaints: 1, lateHours: 3, lateCompletions: 0, timely: 0 },
      { complaints: 1, lateHours: 0, lateCompletions: 0, timely: 1 },
    ]),
    Math.round(((10 + 8.5 + 11) / 3) * 100) / 100,
  );
});

test('R-RS-4 (food 7.3): satisfaction average of visit scores; none is null', () => {
  assert.equal(satisfactionAverage(12, 3), 4);
  assert.equal(satisfactionAverage(10, 3), 3.33);
  assert.equal(satisfactionAverage(0, 0), null);
});

test('R-RS-3 (fuel §14–15): station totals — level 3 800 yuan and 5 points, level 2 1000, level 1 dismissal and 20 points, the manager doubles from the 2nd valid complaint, overdue fines', () => {
  const [s] = stationPenalties(
    [
      { stationId: 'st', level: 'level3', valid: true, escalated: false, overdue: 'none', count: 1 },
      { stationId: 'st', level: 'level2', valid: true, escalated: true, overdue: 'overdue', count: 1 },
      { stationId: 'st', level: 'level1', valid: true, escalated: true, overdue: 'overdue_12h', count: 1 },
      { stationId: 'st', level: 'level3', valid: false, escalated: false, overdue: 'none', count: 2 },
    ],
    FUEL_PENALTIES,
  );
  assert.equal(s.complaints, 5);
  assert.equal(s.validComplaints, 3);
  assert.deepEqual(s.byLevel, { level1: 1, level2: 1, level3: 1 });
  assert.equal(s.dismissals, 1);
  assert.equal(s.pointsDeducted, 5 + 5 + 20);
  // 800 + (1000 with the manager's 400 doubled = 1400); level 1 carries no fine.
  assert.equal(s.fineYuan, 800 + 1400);
  assert.equal(s.overdueFineYuan, 300 + 700);
  assert.equal(s.totalYuan, 3200);
});

test('ranking: competition ranks (1, 2, 2, 4), nulls last without a rank, lower-is-better for fines', () => {
  const rows = [
    { id: 'a', v: 0.5 },
    { id: 'b', v: 0.9 },
    { id: 'c', v: 0.5 },
    { id: 'd', v: null },
    { id: 'e', v: 0.1 },
  ];
  assert.deepEqual(
    rankBy(rows, (r) => r.v).map((r) => [r.id, r.rank]),
    [
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['e', 4],
      ['d', null],
    ],
  );
  assert.deepEqual(
    rankBy(rows, (r) => r.v, false).map((r) => [r.id, r.rank]),
    [
      ['e', 1],
      ['a', 2],
      ['c', 2],
      ['b', 4],
      ['d', null],
    ],
  );
});

const counts = fc.tuple(fc.nat(1000), fc.nat(1000)).map(([a, b]) => ({ validReceived: Math.max(a, b), validClosed: Math.min(a, b) }));
const month = fc.record({ complaints: fc.nat(50), lateHours: fc.nat(500), lateCompletions: fc.nat(50), timely: fc.nat(50) });

test('property (R-RS-4): rates are in [0, 1] (or null for nothing received); closing one more never lowers the rate', () => {
  fc.assert(
    fc.property(counts, (c) => {
      const r = closureRate(c);
      if (c.validReceived === 0) return assert.equal(r, null);
      assert.ok(r !== null && r >= 0 && r <= 1);
      if (c.validClosed < c.validReceived) assert.ok(closureRate({ ...c, validClosed: c.validClosed + 1 })! >= r);
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: -5, max: 100 }), fc.integer({ min: -5, max: 100 }), (a, b) => {
      const r = ratio(a, b);
      assert.ok(r === null || (r >= 0 && r <= 1));
    }),
  );
});

test('property (S3): the score is never below 0 nor above full score + max bonus; deductions are never negative; another late hour never raises it', () => {
  fc.assert(
    fc.property(month, (m) => {
      const s = monthTimelinessScore(m);
      assert.ok(s.score >= 0 && s.score <= S3_TIMELINESS_RULES.fullScore + S3_TIMELINESS_RULES.maxBonus);
      assert.ok(s.deductions >= 0);
      assert.ok(s.bonus >= 0 && s.bonus <= S3_TIMELINESS_RULES.maxBonus);
      if (m.complaints > 0) {
        assert.equal(s.deductions, m.lateHours * 0.5 + m.lateCompletions);
        assert.ok(monthTimelinessScore({ ...m, lateHours: m.lateHours + 1 }).score <= s.score);
      }
    }),
  );
  fc.assert(
    fc.property(
      fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
      fc.integer({ min: -7_200_000, max: 100 * 3_600_000 }),
      (received, delta) => {
        const h = hoursLate(received, new Date(received.getTime() + delta));
        assert.ok(Number.isInteger(h) && h >= 0);
        assert.equal(h === 0, delta <= 3_600_000);
      },
    ),
  );
});

test('property (R-RS-3): station totals equal the sum of fines and overdue fines, points never negative', () => {
  const group = fc.record({
    stationId: fc.constantFrom('s1', 's2'),
    level: fc.constantFrom('level1' as const, 'level2' as const, 'level3' as const),
    valid: fc.boolean(),
    escalated: fc.boolean(),
    overdue: fc.constantFrom('none' as const, 'overdue' as const, 'overdue_12h' as const),
    count: fc.nat(5),
  });
  fc.assert(
    fc.property(fc.array(group, { maxLength: 12 }), (groups) => {
      for (const s of stationPenalties(groups, FUEL_PENALTIES)) {
        assert.ok(s.pointsDeducted >= 0 && s.fineYuan >= 0 && s.overdueFineYuan >= 0);
        assert.equal(Math.round(s.totalYuan * 100), Math.round(s.fineYuan * 100) + Math.round(s.overdueFineYuan * 100));
        assert.ok(s.validComplaints <= s.complaints);
      }
    }),
  );
});

test('#15 item 9 (S3 KPI sheet): the timeliness full score is the packs’ one when they all set the same, else 10 assumed', () => {
  assert.deepEqual(timelinessFullScore([]), { fullScore: 10, fullScoreAssumed: true });
  assert.deepEqual(timelinessFullScore([undefined, undefined]), { fullScore: 10, fullScoreAssumed: true });
  assert.deepEqual(timelinessFullScore([20, 20]), { fullScore: 20, fullScoreAssumed: false });
  // One unit still on the assumption, or two that disagree: the report cannot claim a set full score.
  assert.deepEqual(timelinessFullScore([20, undefined]), { fullScore: 10, fullScoreAssumed: true });
  assert.deepEqual(timelinessFullScore([20, 15]), { fullScore: 10, fullScoreAssumed: true });
});
