/**
 * Issue #15 item 1: the packs' compensation and penalty tables drive the calculators. Two checks:
 * - every number and switch of every shipped pack's `compensation` and `penalties` tables changes some
 *   assessment when it is changed (a tuned table is never a label without behaviour);
 * - src/domain/assessment holds no amount, ratio, percentage or split of its own (a scan of its numeric
 *   literals against a short list of arithmetic constants, each justified below).
 * And the seed examples not yet covered by assessment-compensation / assessment-fuel-penalty tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import {
  assessComplaint,
  fuelPenalty,
  overdueTier,
  type AssessmentFacts,
  type AssessmentPack,
  type FoodHarm,
} from '../../src/domain/assessment/index.ts';
import { getPack, loadPack, PACKS, type Pack } from '../../src/policies/index.ts';
import { decideCompensation } from '../../src/domain/assessment/compensation-authority.ts';
import { DomainError } from '../../src/domain/errors.ts';

type Leaf = { path: (string | number)[]; value: number | boolean };

function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (typeof value === 'number' || typeof value === 'boolean') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [];
}

function setAt(root: unknown, path: (string | number)[], v: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path.at(-1)!] = v;
}

/** The table with one leaf changed, still a valid pack (a split share moves 10 points to its neighbour). */
function tuned(pack: Pack, leaf: Leaf): Pack {
  const copy = structuredClone(pack) as Pack;
  const [table, ...rest] = leaf.path;
  if (table === 'penalties' && rest[0] === 'split' && rest[2] === 'percent') {
    const split = copy.penalties!.split;
    const i = rest[1] as number;
    const j = (i + 1) % split.length;
    const moved = split[i].percent >= 10 ? -10 : 10;
    split[i].percent += moved;
    split[j].percent -= moved;
  } else if (typeof leaf.value === 'boolean') {
    setAt(copy, leaf.path, !leaf.value);
  } else {
    setAt(copy, leaf.path, leaf.value + 1);
  }
  return loadPack(copy);
}

const HARMS: (FoodHarm | undefined)[] = ['serious', 'minor', 'none', undefined];
const LATE_HOURS = [null, 0, 0.5, 1.5, 6, 11.5, 12, 12.5, 13.5, 24, 48];

/** Every assessment of a probe grid, without the texts (a number in a sentence is not behaviour). */
function probe(pack: AssessmentPack): unknown[] {
  const out: unknown[] = [];
  const levels = [null, ...pack.severity.levels.map((l) => l.id)];
  const run = (level: string | null, facts: AssessmentFacts) => {
    const r = assessComplaint({ pack, level, qualification: 'valid', facts });
    out.push(
      JSON.parse(JSON.stringify(r, (k, v) => (/^(explanation|explanationZh|detail|detailZh|message|messageZh)$/.test(k) ? undefined : v))),
    );
  };
  for (const level of levels) {
    if (pack.compensation) {
      for (const harm of HARMS) run(level, { productValueYuan: 12.5, ...(harm ? { harm } : {}) });
      run(level, { billYuan: 386, raisedAtCheckout: true, qualityConfirmed: true, regularCustomer: true });
    }
    if (pack.penalties) {
      for (const valid of [true, false])
        for (const prior of [0, 1, 2, 3])
          for (const late of LATE_HOURS)
            for (const byPerson of [undefined, 0, 1, 2, 3])
              run(level, {
                valid,
                directPersonId: 'd',
                stationManagerId: 'm',
                areaManagerId: 'a',
                priorValidComplaintsThisYearAtStation: prior,
                overdue: overdueTier(pack.penalties, late),
                ...(byPerson === undefined ? {} : { priorComplaintsThisYearByDirectPerson: byPerson }),
              });
    }
    // #15 item 5: the authority tiers decide whose approval a compensation given needs (S0 food 9.2).
    if (pack.compensation?.authority)
      for (const entry of pack.compensation.entries)
        for (const gift of [1, 3, 30])
          for (const positions of [null, [], ...pack.compensation.authority.map((t) => (t.positionId ? [t.positionId] : []))]) {
            try {
              const given = { entryId: entry.id, items: 'x', giftQuantity: gift, affectedQuantity: 2 };
              out.push(decideCompensation(pack.compensation, level, given, positions && { positions }).required.id);
            } catch (e) {
              out.push(e instanceof DomainError ? e.code : String(e));
            }
          }
  }
  return out;
}

for (const pack of PACKS.filter((p) => p.compensation || p.penalties)) {
  test(`#15 item 1: every number and switch of the ${pack.id} pack's compensation / penalty tables changes an assessment`, () => {
    const baseline = JSON.stringify(probe(pack));
    const all = [...leaves(pack.compensation, ['compensation']), ...leaves(pack.penalties, ['penalties'])];
    assert.ok(all.length > 0);
    const inert = all.filter((leaf) => JSON.stringify(probe(tuned(pack, leaf))) === baseline).map((l) => l.path.join('.'));
    assert.deepEqual(inert, [], `table fields without behaviour: ${inert.join(', ')}`);
  });
}

test('#15 item 1: tuned tables — food gift ratio, restaurant discount, fuel fine, split, multiplier, overdue hours — give tuned answers', () => {
  const food = structuredClone(getPack('food'));
  food.compensation!.entries.find((e) => e.level === 'B')!.giftRatio = 3;
  const b = assessComplaint({ pack: loadPack(food), level: 'B', qualification: 'valid', facts: { productValueYuan: 10 } }).assessments[0];
  assert.ok(b?.kind === 'food_compensation');
  assert.deepEqual([b.giftRatio, b.giftValueYuan], [3, 30]);

  const restaurant = structuredClone(getPack('restaurant'));
  restaurant.compensation!.discounts![0].percentOff = 12;
  const d = assessComplaint({
    pack: loadPack(restaurant),
    level: null,
    facts: { billYuan: 100, raisedAtCheckout: true, qualityConfirmed: true, regularCustomer: true, discountRatePercent: 12 },
  }).assessments[0];
  assert.ok(d?.kind === 'restaurant_discount');
  assert.deepEqual(
    d.options.map((o) => [o.ratePercent, o.discountYuan]),
    [
      [12, 12],
      [5, 5],
    ],
  );
  assert.equal(d.chosen?.payableYuan, 88);

  const fuel = structuredClone(getPack('fuel-retail'));
  const p = fuel.penalties!;
  p.byLevel.find((l) => l.level === 'level3')!.fineYuan = 600;
  p.split = [
    { role: 'direct_person', percent: 60 },
    { role: 'station_manager', percent: 30 },
    { role: 'area_manager', percent: 10 },
  ];
  p.repeatAtStation = { nthValidComplaintInYear: 3, role: 'station_manager', multiplier: 3 };
  p.overdue.find((o) => o.id === 'overdue_12h')!.overdueHoursAtLeast = 8;
  const table = loadPack(fuel).penalties!;
  const input = { level: 'level3', valid: true, directPersonId: 'd', stationManagerId: 'm', areaManagerId: 'a', overdue: 'none' };
  const second = fuelPenalty({ ...input, priorValidComplaintsThisYearAtStation: 1 }, table);
  assert.deepEqual(
    second.shares.map((s) => s.yuan),
    [360, 180, 60],
    '600 split 60/30/10; the 2nd complaint no longer doubles',
  );
  const third = fuelPenalty({ ...input, priorValidComplaintsThisYearAtStation: 2 }, table);
  assert.equal(third.shares.find((s) => s.personId === 'm')?.yuan, 540, 'the 3rd triples the manager share');
  assert.equal(overdueTier(table, 9), 'overdue_12h', 'the 8 h tier applies after 9 h');
  assert.equal(overdueTier(getPack('fuel-retail').penalties!, 9), 'overdue', 'the shipped table needs 12 h');
});

test('R-RS-3 (S0 第五篇 §15.2 with §14.2): a level 2 complaint 13 h overdue at the 2nd valid complaint — 1400 fine plus 700 overdue', () => {
  const r = assessComplaint({
    pack: getPack('fuel-retail'),
    level: 'level2',
    qualification: 'valid',
    facts: {
      directPersonId: 'd',
      stationManagerId: 'm',
      areaManagerId: 'a',
      priorValidComplaintsThisYearAtStation: 1,
      overdue: overdueTier(getPack('fuel-retail').penalties!, 13),
    },
  }).assessments[0];
  assert.ok(r?.kind === 'fuel_penalty');
  // §14.1 1000 split 500/400/100, §14.4 manager doubled to 800; §15.2 manager 500, direct 200.
  assert.deepEqual(
    r.totalByPerson.map((s) => [s.personId, s.yuan]),
    [
      ['d', 700],
      ['m', 1300],
      ['a', 100],
    ],
  );
  assert.equal(r.totalYuan, 2100);
  assert.ok(r.ruleIds.includes('R-RS-3/fuel-15.2'));
  assert.equal(r.areaPoints, -5);
});

test('R-RS-2 (S0 第四篇 §9.2.1a/b): class A with harm names the visit, medical costs and company approval, and no gift ratio', () => {
  const food = getPack('food');
  for (const [harm, method] of [
    ['serious', 'visit_medical_gift'],
    ['minor', 'visit_medical'],
  ] as const) {
    const r = assessComplaint({ pack: food, level: 'A', qualification: 'valid', facts: { harm, productValueYuan: 20 } }).assessments[0];
    assert.ok(r?.kind === 'food_compensation');
    assert.deepEqual(
      [r.method, r.apology, r.coversMedicalCosts, r.needsCompanyApproval, r.giftRatio],
      [method, 'visit', true, true, undefined],
    );
  }
});

test('R-RS-3 (S0 第五篇 §14.1): level 1 — dismissal, 20 area points, no fine, whatever the split', () => {
  const r = assessComplaint({
    pack: getPack('fuel-retail'),
    level: '一级',
    qualification: 'valid',
    facts: { directPersonId: 'd', stationManagerId: 'm', areaManagerId: 'a', priorValidComplaintsThisYearAtStation: 0 },
  }).assessments[0];
  assert.ok(r?.kind === 'fuel_penalty');
  assert.deepEqual([r.dismissal, r.areaPoints, r.fineYuan, r.shares], [true, -20, 0, []]);
});

// ---------------------------------------------------------------- no numbers of its own

/**
 * The numeric literals src/domain/assessment may hold, each an arithmetic constant rather than a rule:
 * 0 and 1 (empty sums, counting "this one"), 100 (fen per yuan; a whole in percent: shares add up to 100),
 * in station-overdue.ts 3600000 (milliseconds in an hour), and in money.ts 10000 / 5000 (basis points in a whole, half of it to round half up), 6 (decimal places
 * that absorb float noise before rounding) and 2 (digits of the fen when printed).
 */
const ALLOWED: Record<string, string[]> = {
  '*': ['0', '1', '100'],
  'money.ts': ['0', '1', '2', '6', '100', '5000', '10000'],
  // Milliseconds in an hour (lateness in hours, fuel §15).
  'station-overdue.ts': ['0', '1', '3600000'],
};

test('#15 item 1: src/domain/assessment writes no amount, ratio, percentage or split of its own', () => {
  const dir = new URL('../../src/domain/assessment/', import.meta.url);
  const found: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = ts.createSourceFile(file, readFileSync(new URL(file, dir), 'utf8'), ts.ScriptTarget.Latest, true);
    const allowed = ALLOWED[file] ?? ALLOWED['*'];
    const visit = (n: ts.Node) => {
      if (ts.isNumericLiteral(n) && !allowed.includes(n.text)) {
        found.push(`${file}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${n.text}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  assert.deepEqual(found, []);
});

test('R-RS-3 (S0 第五篇 §14.3, §14.5): any valid complaint costs the station its collective awards and the direct person theirs', () => {
  const table = getPack('fuel-retail').penalties!;
  const input = {
    level: 'level3',
    directPersonId: 'd',
    stationManagerId: 'm',
    areaManagerId: 'a',
    priorValidComplaintsThisYearAtStation: 0,
    overdue: 'none',
  };
  const kinds = (valid: boolean) =>
    fuelPenalty({ ...input, valid }, table).sanctions.map((s) => [s.kind, s.personId ?? 'station', s.ruleId] as const);
  assert.deepEqual(kinds(true), [
    ['station_awards_revoked', 'station', 'R-RS-3/fuel-14.3'],
    ['awards_revoked', 'd', 'R-RS-3/fuel-14.5'],
  ]);
  assert.deepEqual(kinds(false), []);
});
