import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuelPenalty as fuelPenaltyOf, splitByWeights, type FuelPenaltyInput } from '../../src/domain/assessment/index.ts';
import { getPack, type PenaltyTable } from '../../src/policies/index.ts';

// The shipped fuel-retail pack's penalty table (S0 第五篇 §14–15): the calculator reads its numbers (#15 item 1).
const SEED: PenaltyTable = getPack('fuel-retail').penalties!;
const fuelPenalty = (input: FuelPenaltyInput, table: PenaltyTable = SEED) => fuelPenaltyOf(input, table);

const base: FuelPenaltyInput = {
  level: 'level2',
  valid: true,
  directPersonId: 'p-direct',
  stationManagerId: 'p-manager',
  areaManagerId: 'p-area',
  priorValidComplaintsThisYearAtStation: 0,
  overdue: 'none',
};
const yuanOf = (r: ReturnType<typeof fuelPenalty>, id: string) => r.shares.find((s) => s.personId === id)?.yuan;

test('R-RS-3: level 2 fine 1000 yuan split 50/40/10 and −5 area points (§14.1–14.2)', () => {
  const r = fuelPenalty(base);
  assert.equal(r.fineYuan, 1000);
  assert.equal(r.baseFineYuan, 1000);
  assert.deepEqual(
    r.shares.map((s) => [s.personId, s.roles, s.yuan]),
    [
      ['p-direct', ['direct'], 500],
      ['p-manager', ['station_manager'], 400],
      ['p-area', ['area_manager'], 100],
    ],
  );
  assert.equal(r.areaPoints, -5);
  assert.equal(r.dismissal, false);
});

test('R-RS-3: level 3 fine 800 yuan split 400/320/80 (§14.1–14.2)', () => {
  const r = fuelPenalty({ ...base, level: 'level3' });
  assert.equal(r.fineYuan, 800);
  assert.deepEqual(
    r.shares.map((s) => s.yuan),
    [400, 320, 80],
  );
  assert.equal(r.areaPoints, -5);
});

test('R-RS-3: level 1 dismisses the directly responsible person, −20 area points, no fine (§14.1)', () => {
  const r = fuelPenalty({ ...base, level: 'level1' });
  assert.equal(r.dismissal, true);
  assert.equal(r.areaPoints, -20);
  assert.equal(r.fineYuan, 0);
  assert.deepEqual(r.shares, []);
  assert.ok(r.sanctions.some((s) => s.kind === 'dismissal' && s.personId === 'p-direct'));
});

test('R-RS-3: one person in two roles gets the sum of both shares on one line (§14.2 比例疊加)', () => {
  const r = fuelPenalty({ ...base, stationManagerId: 'p-direct' });
  assert.deepEqual(
    r.shares.map((s) => [s.personId, s.roles, s.yuan]),
    [
      ['p-direct', ['direct', 'station_manager'], 900],
      ['p-area', ['area_manager'], 100],
    ],
  );
  const all = fuelPenalty({ ...base, level: 'level3', stationManagerId: 'p-x', areaManagerId: 'p-x', directPersonId: 'p-x' });
  assert.deepEqual(
    all.shares.map((s) => [s.personId, s.roles.length, s.yuan]),
    [['p-x', 3, 800]],
  );
});

test('R-RS-3: the 2nd valid complaint in the year doubles only the station manager share, total rises (§14.4)', () => {
  const r = fuelPenalty({ ...base, priorValidComplaintsThisYearAtStation: 1 });
  assert.equal(yuanOf(r, 'p-manager'), 800);
  assert.equal(yuanOf(r, 'p-direct'), 500);
  assert.equal(yuanOf(r, 'p-area'), 100);
  assert.equal(r.fineYuan, 1400);
  assert.equal(r.baseFineYuan, 1000);
  assert.equal(r.managerShareEscalated, true);
  assert.ok(r.sanctions.some((s) => s.kind === 'awards_revoked' && s.personId === 'p-manager'));
  assert.ok(!r.sanctions.some((s) => s.kind === 'demotion_to_trainee_manager'));
});

test('R-RS-3: first valid complaint of the year leaves the manager share at 40 % (§14.4)', () => {
  const r = fuelPenalty({ ...base, level: 'level3' });
  assert.equal(yuanOf(r, 'p-manager'), 320);
  assert.equal(r.managerShareEscalated, false);
});

test('R-RS-3: 3rd complaint keeps the doubled share and demotes the station manager (§14.4)', () => {
  const r = fuelPenalty({ ...base, level: 'level3', priorValidComplaintsThisYearAtStation: 2 });
  assert.equal(yuanOf(r, 'p-manager'), 640);
  assert.equal(r.fineYuan, 400 + 640 + 80);
  assert.ok(r.sanctions.some((s) => s.kind === 'demotion_to_trainee_manager' && s.personId === 'p-manager'));
});

test('R-RS-3: doubling applies to the manager role only when the manager is also the direct person (§14.4)', () => {
  const r = fuelPenalty({ ...base, stationManagerId: 'p-direct', priorValidComplaintsThisYearAtStation: 1 });
  assert.equal(yuanOf(r, 'p-direct'), 500 + 800);
  assert.equal(r.fineYuan, 1400);
});

test('R-RS-3: overdue costs the station manager 200 and the direct person 100 (§15.1)', () => {
  const r = fuelPenalty({ ...base, overdue: 'overdue' });
  assert.deepEqual(
    r.overdueShares.map((s) => [s.personId, s.yuan]),
    [
      ['p-manager', 200],
      ['p-direct', 100],
    ],
  );
  assert.equal(r.overdueFineYuan, 300);
  assert.equal(r.totalYuan, 1300);
  assert.ok(r.ruleIds.includes('R-RS-3/fuel-15.1'));
});

test('R-RS-3: 12 h overdue costs the station manager 500 and the direct person 200 (§15.2)', () => {
  const r = fuelPenalty({ ...base, level: 'level3', overdue: 'overdue_12h' });
  assert.deepEqual(
    r.overdueShares.map((s) => [s.personId, s.yuan]),
    [
      ['p-manager', 500],
      ['p-direct', 200],
    ],
  );
  assert.equal(r.overdueFineYuan, 700);
  assert.deepEqual(
    r.totalByPerson.map((s) => [s.personId, s.yuan]),
    [
      ['p-direct', 600],
      ['p-manager', 820],
      ['p-area', 80],
    ],
  );
});

test('R-RS-3: overdue fines apply even when the complaint turned out invalid; §14 does not (§15)', () => {
  const r = fuelPenalty({ ...base, valid: false, overdue: 'overdue' });
  assert.equal(r.fineYuan, 0);
  assert.equal(r.areaPoints, 0);
  assert.deepEqual(r.sanctions, []);
  assert.equal(r.overdueFineYuan, 300);
});

test('R-RS-3: same person as manager and direct pays both overdue amounts on one line (§15)', () => {
  const r = fuelPenalty({ ...base, stationManagerId: 'p-direct', overdue: 'overdue_12h' });
  assert.deepEqual(
    r.overdueShares.map((s) => [s.personId, s.yuan]),
    [['p-direct', 700]],
  );
});

test('R-RS-3: direct person’s 2nd complaint → warning and transfer, 3rd → contract termination (§14.5)', () => {
  const second = fuelPenalty({ ...base, priorComplaintsThisYearByDirectPerson: 1 });
  assert.ok(second.sanctions.some((s) => s.kind === 'warning_and_transfer' && s.personId === 'p-direct'));
  const third = fuelPenalty({ ...base, priorComplaintsThisYearByDirectPerson: 2 });
  assert.ok(third.sanctions.some((s) => s.kind === 'contract_termination'));
  assert.ok(!fuelPenalty(base).sanctions.some((s) => s.kind === 'warning_and_transfer' || s.kind === 'contract_termination'));
});

test('R-RS-3: rejects negative prior counts and empty person ids', () => {
  assert.throws(() => fuelPenalty({ ...base, priorValidComplaintsThisYearAtStation: -1 }), RangeError);
  assert.throws(() => fuelPenalty({ ...base, areaManagerId: '' }), RangeError);
});

const ids = fc.constantFrom('a', 'b', 'c');
const inputs = fc.record({
  level: fc.constantFrom('level1' as const, 'level2' as const, 'level3' as const),
  valid: fc.boolean(),
  directPersonId: ids,
  stationManagerId: ids,
  areaManagerId: ids,
  priorValidComplaintsThisYearAtStation: fc.nat(5),
  overdue: fc.constantFrom('none' as const, 'overdue' as const, 'overdue_12h' as const),
});
const split = fc
  .tuple(fc.nat(100), fc.nat(100))
  .filter(([a, b]) => a + b <= 100)
  .map(([a, b]) => ({ direct: a, station_manager: b, area_manager: 100 - a - b }));
const fine = fc.integer({ min: 0, max: 100_000 }).map((f) => f / 100);
const rules: fc.Arbitrary<PenaltyTable> = fc
  .record({
    level2: fine,
    level3: fine,
    split,
    escalation: fc.record({ fromNthComplaint: fc.integer({ min: 1, max: 4 }), multiplier: fc.integer({ min: 1, max: 3 }) }),
  })
  .map(({ level2, level3, split: pct, escalation }) => ({
    ...SEED,
    byLevel: SEED.byLevel.map((b) =>
      b.level === 'level2' ? { ...b, fineYuan: level2 } : b.level === 'level3' ? { ...b, fineYuan: level3 } : b,
    ),
    split: [
      { role: 'direct_person', percent: pct.direct },
      { role: 'station_manager', percent: pct.station_manager },
      { role: 'area_manager', percent: pct.area_manager },
    ],
    repeatAtStation: { nthValidComplaintInYear: escalation.fromNthComplaint, role: 'station_manager', multiplier: escalation.multiplier },
  }));
const pctOf = (r: PenaltyTable, role: string) => r.split.find((s) => s.role === role)!.percent;

test('R-RS-3 (property): shares are non-negative integer fen, sum to the fine, and the fine is base + manager escalation', () => {
  fc.assert(
    fc.property(inputs, rules, (input, r) => {
      const out = fuelPenalty(input, r);
      for (const s of [...out.shares, ...out.overdueShares, ...out.totalByPerson]) {
        assert.ok(Number.isInteger(s.fen) && s.fen >= 0);
        assert.equal(s.yuan, s.fen / 100);
      }
      const sum = out.shares.reduce((a, s) => a + s.fen, 0);
      assert.equal(sum, out.fineFen);
      assert.equal(
        out.totalByPerson.reduce((a, s) => a + s.fen, 0),
        out.fineFen + out.overdueFineFen,
      );
      assert.equal(new Set(out.shares.map((s) => s.personId)).size, out.shares.length);
      if (!input.valid || input.level === 'level1') {
        assert.equal(out.fineFen, 0);
        return;
      }
      const baseFen = Math.round(out.baseFineYuan * 100);
      const managerBase = splitByWeights(baseFen, [pctOf(r, 'direct_person'), pctOf(r, 'station_manager'), pctOf(r, 'area_manager')])[1];
      const repeat = r.repeatAtStation!;
      const escalates = input.priorValidComplaintsThisYearAtStation + 1 >= repeat.nthValidComplaintInYear;
      assert.equal(out.fineFen, baseFen + (escalates ? managerBase * (repeat.multiplier - 1) : 0));
    }),
    { numRuns: 500 },
  );
});

test('R-RS-3 (property): with the seed rules the split is exactly 50/40/10 of the level fine', () => {
  fc.assert(
    fc.property(inputs, (input) => {
      const out = fuelPenalty({
        ...input,
        valid: true,
        level: input.level === 'level1' ? 'level2' : input.level,
        priorValidComplaintsThisYearAtStation: 0,
      });
      const fine = out.level === 'level2' ? 1000 : 800;
      const expected = new Map<string, number>();
      for (const [id, pct] of [
        [input.directPersonId, 50],
        [input.stationManagerId, 40],
        [input.areaManagerId, 10],
      ] as const) {
        expected.set(id, (expected.get(id) ?? 0) + (fine * pct) / 100);
      }
      assert.deepEqual(new Map(out.shares.map((s) => [s.personId, s.yuan])), expected);
    }),
  );
});
