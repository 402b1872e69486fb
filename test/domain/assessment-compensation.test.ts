import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  assessComplaint,
  foodCompensation,
  restaurantDiscount,
  splitByWeights,
  percentOf,
  yuanToFen,
} from '../../src/domain/assessment/index.ts';
import { getPack } from '../../src/policies/index.ts';

// The shipped packs' tables (S0 food §9.2, restaurant 14c): the calculators read their numbers (#15 item 1).
const FOOD = getPack('food');
const RESTAURANT = getPack('restaurant');
const foodComp = (input: Parameters<typeof foodCompensation>[0]) => foodCompensation(input, FOOD.compensation!);
const discount = (input: Parameters<typeof restaurantDiscount>[0]) => restaurantDiscount(input, RESTAURANT.compensation!);

test('R-RS-2: food class A with serious harm → visit, medical costs, consolation gift, company approval (§9.2.1a)', () => {
  const r = foodComp({ cls: 'A', seriousHarm: true, productValueYuan: 12 });
  assert.equal(r.method, 'visit_medical_gift');
  assert.equal(r.needsCompanyApproval, true);
  assert.equal(r.coversMedicalCosts, true);
  assert.equal(r.giftRatio, undefined);
  assert.equal(r.ruleId, 'R-RS-2/food-9.2.1a');
});

test('R-RS-2: food class A with harm that is not serious → visit and medical costs, company approval (§9.2.1b)', () => {
  const r = foodComp({ cls: 'A', harm: 'minor', productValueYuan: 12 });
  assert.equal(r.method, 'visit_medical');
  assert.equal(r.needsCompanyApproval, true);
  assert.equal(r.giftValueYuan, undefined);
});

test('R-RS-2: food class A without harm → apology and gifts at 1:10 of the product value (§9.2.1c)', () => {
  const r = foodComp({ cls: 'A', seriousHarm: false, productValueYuan: 3.5 });
  assert.equal(r.method, 'apology_gift');
  assert.equal(r.giftRatio, 10);
  assert.equal(r.giftValueYuan, 35);
  assert.equal(r.needsCompanyApproval, false);
  assert.equal(r.apology, 'phone_or_letter');
});

test('R-RS-2: food class B → 1:2, class C → 1:1, whatever the harm flag (§9.2.2, §9.2.3)', () => {
  assert.deepEqual(
    [foodComp({ cls: 'B', productValueYuan: 8.8 }).giftValueYuan, foodComp({ cls: 'B', productValueYuan: 8.8 }).giftRatio],
    [17.6, 2],
  );
  const c = foodComp({ cls: 'C', seriousHarm: true, productValueYuan: 0.1 });
  assert.deepEqual([c.method, c.giftRatio, c.giftValueFen], ['apology_gift', 1, 10]);
});

test('R-RS-2 (property): gift value is exactly ratio × product value in fen, never drifting', () => {
  fc.assert(
    fc.property(fc.constantFrom('A' as const, 'B' as const, 'C' as const), fc.integer({ min: 0, max: 10_000_000 }), (cls, fen) => {
      const r = foodComp({ cls, harm: 'none', productValueYuan: fen / 100 });
      assert.equal(r.giftValueFen, fen * r.giftRatio!);
      assert.ok(Number.isInteger(r.giftValueFen));
    }),
  );
});

test('R-RS-2: restaurant discount offers 九折 (10 %) and 九五折 (5 %) when all 14c conditions hold', () => {
  const r = discount({ billYuan: 386, raisedAtCheckout: true, qualityConfirmed: true, regularCustomer: true });
  assert.equal(r.eligible, true);
  assert.deepEqual(
    r.options.map((o) => [o.ratePercent, o.discountYuan, o.payableYuan]),
    [
      [10, 38.6, 347.4],
      [5, 19.3, 366.7],
    ],
  );
  assert.equal(r.chosen, undefined);
  const chosen = discount({
    billYuan: 386,
    raisedAtCheckout: true,
    qualityConfirmed: true,
    regularCustomer: true,
    ratePercent: 5,
  });
  assert.equal(chosen.chosen?.payableYuan, 366.7);
});

test('R-RS-2: restaurant discount needs checkout, confirmation and a regular customer (14c)', () => {
  const r = discount({ billYuan: 200, raisedAtCheckout: true, qualityConfirmed: true, regularCustomer: false });
  assert.equal(r.eligible, false);
  assert.deepEqual(r.unmet, ['regular_customer']);
  assert.deepEqual(r.options, []);
  assert.deepEqual(discount({ billYuan: 200, raisedAtCheckout: false, qualityConfirmed: false, regularCustomer: true }).unmet, [
    'raised_at_checkout',
    'quality_confirmed',
  ]);
});

test('R-RS-2 (property): discount + payable = bill, in fen, for both options', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000 }), (fen) => {
      const r = discount({ billYuan: fen / 100, raisedAtCheckout: true, qualityConfirmed: true, regularCustomer: true });
      for (const o of r.options) {
        assert.equal(o.discountFen + o.payableFen, fen);
        assert.ok(o.discountFen >= 0 && Number.isInteger(o.discountFen));
      }
    }),
  );
});

test('money (property): splitByWeights parts are non-negative and always sum to the total', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1_000_000_000 }),
      fc.array(fc.nat(1000), { minLength: 1, maxLength: 6 }).filter((w) => w.some((x) => x > 0)),
      (total, weights) => {
        const parts = splitByWeights(total, weights);
        assert.equal(
          parts.reduce((a, b) => a + b, 0),
          total,
        );
        parts.forEach((p, i) => {
          assert.ok(p >= 0);
          assert.ok(Math.abs(p - (total * weights[i]) / weights.reduce((a, b) => a + b, 0)) < 1);
        });
      },
    ),
  );
});

test('money: yuanToFen rounds at the fen without float drift; percentOf rounds half up', () => {
  assert.equal(yuanToFen(1.005), 101);
  assert.equal(yuanToFen(0.1 + 0.2), 30);
  assert.equal(percentOf(5, 1000), 1); // 0.5 fen rounds up
  assert.equal(percentOf(4, 1000), 0);
});

test('R-RS-2/R-RS-3: assessComplaint dispatches by pack and normalises level names', () => {
  const food = assessComplaint({ pack: FOOD, level: 'class_b', qualification: 'valid', facts: { productValueYuan: 5 } });
  assert.equal(food.assessments[0]?.kind, 'food_compensation');
  const fuel = assessComplaint({
    pack: getPack('fuel-retail'),
    level: '二级',
    qualification: 'valid',
    facts: { directPersonId: 'd', stationManagerId: 'm', areaManagerId: 'a', priorValidComplaintsThisYearAtStation: 1, overdue: 'overdue' },
  });
  const p = fuel.assessments[0];
  assert.equal(p?.kind, 'fuel_penalty');
  if (p?.kind === 'fuel_penalty') assert.equal(p.totalYuan, 1400 + 300);
  const rest = assessComplaint({
    pack: RESTAURANT,
    level: null,
    facts: { billYuan: 100, raisedAtCheckout: true, qualityConfirmed: true, regularCustomer: true },
  });
  assert.equal(rest.assessments[0]?.kind, 'restaurant_discount');
});

test('R-RS-2: assessComplaint returns an empty list with a note for packs without a standard or missing facts', () => {
  const none = assessComplaint({ pack: getPack('real-estate'), level: 'hot', facts: {} });
  assert.deepEqual(none.assessments, []);
  assert.equal(none.notes[0]?.code, 'no_rules_for_pack');
  const missing = assessComplaint({ pack: FOOD, level: 'A', facts: { productValueYuan: 3 } });
  assert.deepEqual(missing.notes[0]?.fields, ['harm']);
  const badLevel = assessComplaint({ pack: getPack('fuel-retail'), level: 'major', facts: {} });
  assert.equal(badLevel.notes[0]?.code, 'unknown_level');
  const invalid = assessComplaint({ pack: FOOD, level: 'C', qualification: 'invalid', facts: { productValueYuan: 3 } });
  assert.equal(invalid.notes[0]?.code, 'not_valid');
});
