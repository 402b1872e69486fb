import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ComplaintFacts } from '../../src/domain/contracts.ts';
import { addMonths, defaultLevel, evaluateSeverity, isCrisis, levelRank, validateManualLevel } from '../../src/domain/severity/index.ts';
import { getPack, PACKS } from '../../src/policies/index.ts';
import { complaintFacts } from '../helpers/complaint-facts.ts';

const RECEIVED = new Date('2025-03-03T02:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const facts = (overrides: Partial<ComplaintFacts> = {}): ComplaintFacts => complaintFacts(RECEIVED, overrides);

const vanke = getPack('real-estate');
const fuel = getPack('fuel-retail');
const food = getPack('food');
const soon = new Date(RECEIVED.getTime() + HOUR);

const table: [string, string, Partial<ComplaintFacts>, Date, string, string][] = [
  ['R-SV-1: a lawsuit makes a major complaint', 'real-estate', { flags: { lawsuit: true } }, soon, 'major', 'R-SV-1/lawsuit'],
  ['R-SV-1: media exposure makes a major complaint', 'real-estate', { flags: { media: true } }, soon, 'major', 'R-SV-1/media'],
  [
    'R-SV-1: 10 complainants together make a major complaint',
    'real-estate',
    { complainantCount: 10 },
    soon,
    'major',
    'R-SV-1/collective-10',
  ],
  ['R-SV-1: 9 complainants together make a hot complaint', 'real-estate', { complainantCount: 9 }, soon, 'hot', 'R-SV-1/collective-3'],
  ['R-SV-1: 3 complainants together make a hot complaint', 'real-estate', { complainantCount: 3 }, soon, 'hot', 'R-SV-1/collective-3'],
  ['R-SV-1: 2 complainants stay general', 'real-estate', { complainantCount: 2 }, soon, 'general', 'R-SV-1/default'],
  [
    'R-SV-1: 3 similar complaints from different customers within a month make a hot complaint',
    'real-estate',
    { similarCount: 3 },
    soon,
    'hot',
    'R-SV-1/similar-3',
  ],
  [
    'R-SV-1: a possible lawsuit makes a hot complaint',
    'real-estate',
    { flags: { lawsuitThreat: true } },
    soon,
    'hot',
    'R-SV-1/lawsuit-threat',
  ],
  [
    'R-SV-1: unresolved one week after receipt makes a hot complaint',
    'real-estate',
    {},
    new Date(RECEIVED.getTime() + 7 * DAY),
    'hot',
    'R-SV-1/unresolved-1-week',
  ],
  [
    'R-SV-1: unresolved one month after receipt makes a major complaint',
    'real-estate',
    {},
    new Date('2025-04-03T02:00:00Z'),
    'major',
    'R-SV-1/unresolved-1-month',
  ],
  ['R-SV-1: a repeat complaint is important', 'real-estate', { repeatCount: 1 }, soon, 'important', 'R-SV-1/repeat'],
  [
    'R-SV-1: needing consultant support is important',
    'real-estate',
    { flags: { supportNeeded: true } },
    soon,
    'important',
    'R-SV-1/support-needed',
  ],
  ['R-SV-2: media involvement is level 1', 'fuel-retail', { flags: { media: true } }, soon, 'level1', 'R-SV-2/media'],
  ['R-SV-2: a safety incident is level 1', 'fuel-retail', { flags: { safety: true } }, soon, 'level1', 'R-SV-2/safety'],
  [
    'R-SV-2: several quality complaints are level 1',
    'fuel-retail',
    { categoryId: 'fuel-quality', categoryCount: 2 },
    soon,
    'level1',
    'R-SV-2/quality-multiple',
  ],
  [
    'R-SV-2: two quantity complaints at a station are level 2',
    'fuel-retail',
    { categoryId: 'fuel-quantity', categoryCount: 2 },
    soon,
    'level2',
    'R-SV-2/quantity-repeat',
  ],
  [
    // S0 第五篇 §5: counted by category, not by the wording: two similar texts are not two quantity complaints.
    'R-SV-2: a quantity complaint worded like another stays level 3 when it is the only quantity complaint',
    'fuel-retail',
    { categoryId: 'fuel-quantity', similarCount: 2, categoryCount: 1 },
    soon,
    'level3',
    'R-SV-2/default',
  ],
  [
    'R-SV-2: two similar invoice complaints stay level 3',
    'fuel-retail',
    { categoryId: 'finance-invoice', similarCount: 2 },
    soon,
    'level3',
    'R-SV-2/default',
  ],
  ['R-SV-2: an insistent customer is level 2', 'fuel-retail', { flags: { insistent: true } }, soon, 'level2', 'R-SV-2/insistent'],
  ['R-SV-3: foreign matter is class A', 'food', { categoryId: 'foreign-matter' }, soon, 'A', 'R-SV-3/class-a'],
  ['R-SV-3: mould is class A', 'food', { categoryId: 'spoiled' }, soon, 'A', 'R-SV-3/class-a'],
  ['R-SV-3: an empty bag is class B', 'food', { categoryId: 'empty-or-missing-pack' }, soon, 'B', 'R-SV-3/class-b'],
  ['R-SV-3: underweight is class C', 'food', { categoryId: 'underweight' }, soon, 'C', 'R-SV-3/class-c'],
  ['R-SV-3: a complaint filed under the class A heading itself is class A', 'food', { categoryId: 'class-a' }, soon, 'A', 'R-SV-3/class-a'],
  ['S3 6.2: a specification mismatch is Major', 'manufacturing', { categoryId: 'spec-mismatch' }, soon, 'major', 'R-Q-3/major-categories'],
  ['S3 6.2: a slight appearance defect stays Minor', 'manufacturing', { categoryId: 'slight-appearance' }, soon, 'minor', 'R-Q-3/default'],
];

for (const [name, packId, overrides, now, level, ruleId] of table) {
  test(name, () => {
    const decision = evaluateSeverity(getPack(packId), facts(overrides), now, { level: null });
    assert.ok(decision);
    assert.equal(decision.level, level);
    assert.equal(decision.ruleId, ruleId);
  });
}

test('R-SV-1: the highest level reached wins, with the rule that set it', () => {
  const decision = evaluateSeverity(vanke, facts({ complainantCount: 4, repeatCount: 1, flags: { media: true } }), soon, { level: null });
  assert.deepEqual([decision?.level, decision?.ruleId], ['major', 'R-SV-1/media']);
});

test('R-SV-1: time spent paused waiting for the customer does not count as unresolved on our side', () => {
  const eightDays = new Date(RECEIVED.getTime() + 8 * DAY);
  assert.equal(evaluateSeverity(vanke, facts({ pausedMs: 2 * DAY }), eightDays, { level: 'general' }), null);
  assert.equal(evaluateSeverity(vanke, facts({ pausedMs: 1 * DAY }), eightDays, { level: 'general' })?.level, 'hot');
});

test('R-SV-1: a resolved complaint is not escalated by elapsed time', () => {
  assert.equal(evaluateSeverity(vanke, facts({ resolved: true }), new Date(RECEIVED.getTime() + 60 * DAY), { level: 'general' }), null);
});

test('R-SV-4: the level is never lowered automatically', () => {
  assert.equal(evaluateSeverity(vanke, facts({ complainantCount: 3 }), soon, { level: 'major' }), null);
  assert.equal(evaluateSeverity(vanke, facts(), soon, { level: 'important' }), null);
  assert.equal(evaluateSeverity(fuel, facts({ flags: { insistent: true } }), soon, { level: 'level1' }), null);
  assert.equal(evaluateSeverity(food, facts({ categoryId: 'underweight' }), soon, { level: 'A' }), null);
});

test('R-SV-4: an equal level is not a change; a higher one is', () => {
  assert.equal(evaluateSeverity(vanke, facts({ complainantCount: 5 }), soon, { level: 'hot' }), null);
  assert.equal(evaluateSeverity(vanke, facts({ complainantCount: 12 }), soon, { level: 'hot' })?.level, 'major');
});

test('R-LC-2: invalid complaints and suggestions are not graded automatically', () => {
  assert.equal(evaluateSeverity(vanke, facts({ qualification: 'invalid', flags: { media: true } }), soon, { level: null }), null);
  assert.equal(evaluateSeverity(vanke, facts({ qualification: 'suggestion', complainantCount: 20 }), soon, { level: null }), null);
});

test('R-SV-4: a property over any facts and any current level — a decision only ever raises the level', () => {
  const levels = vanke.severity.levels.map((l) => l.id);
  fc.assert(
    fc.property(
      fc.record({
        complainantCount: fc.integer({ min: 1, max: 30 }),
        repeatCount: fc.integer({ min: 0, max: 3 }),
        similarCount: fc.integer({ min: 1, max: 6 }),
        media: fc.boolean(),
        lawsuitThreat: fc.boolean(),
        supportNeeded: fc.boolean(),
        resolved: fc.boolean(),
        elapsedHours: fc.integer({ min: 0, max: 24 * 60 }),
      }),
      fc.constantFrom<string | null>(null, ...levels),
      (f, current) => {
        const now = new Date(RECEIVED.getTime() + f.elapsedHours * HOUR);
        const input = facts({ ...f, flags: { media: f.media, lawsuitThreat: f.lawsuitThreat, supportNeeded: f.supportNeeded } });
        const decision = evaluateSeverity(vanke, input, now, { level: current });
        if (decision === null) return current !== null;
        if (current === null) return true;
        return levelRank(vanke, decision.level) > levelRank(vanke, current);
      },
    ),
  );
});

test('R-SV-4: a property over elapsed time — re-evaluating later never asks for a lower level', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 24 * 90 }), fc.integer({ min: 0, max: 24 * 90 }), (a, b) => {
      const [early, late] = [Math.min(a, b), Math.max(a, b)].map((h) => new Date(RECEIVED.getTime() + h * HOUR));
      const first = evaluateSeverity(vanke, facts(), early, { level: null })!;
      const second = evaluateSeverity(vanke, facts(), late, { level: null })!;
      return levelRank(vanke, second.level) >= levelRank(vanke, first.level);
    }),
  );
});

test('addMonths: a property — one month later lands in the next calendar month, never on a later day of month', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.integer({ min: 1, max: 24 }),
      (start, n) => {
        const end = addMonths(start, n);
        const monthsApart = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
        return monthsApart === n && end.getUTCDate() <= start.getUTCDate() && end.getUTCHours() === start.getUTCHours() && end > start;
      },
    ),
  );
  assert.equal(addMonths(new Date('2024-01-31T10:00:00Z'), 1).toISOString(), '2024-02-29T10:00:00.000Z');
});

test("defaultLevel gives each pack's lowest level", () => {
  assert.deepEqual(Object.fromEntries(PACKS.map((p) => [p.id, defaultLevel(p)])), {
    'real-estate': 'general',
    'fuel-retail': 'level3',
    food: 'C',
    restaurant: 'general',
    property: 'general',
    manufacturing: 'minor',
    'service-centre': 'general',
  });
});

test('levelRank orders Vanke levels major > hot > important > general and rejects an unknown level', () => {
  assert.ok(levelRank(vanke, 'major') > levelRank(vanke, 'hot'));
  assert.ok(levelRank(vanke, 'hot') > levelRank(vanke, 'important'));
  assert.ok(levelRank(vanke, 'important') > levelRank(vanke, 'general'));
  assert.throws(() => levelRank(vanke, 'level1'), /no severity level 'level1'/);
});

test('R-SV-4: a person may set any level, even a lower one, with a non-empty reason', () => {
  const lowered = validateManualLevel(vanke, 'general', '  媒体报道已澄清 ');
  assert.deepEqual(lowered, { ok: true, decision: { level: 'general', ruleId: 'R-SV-4/manual', reason: '媒体报道已澄清' } });
  assert.deepEqual(validateManualLevel(vanke, 'major', '   ').ok, false);
  const unknown = validateManualLevel(vanke, 'level1', 'reason');
  assert.equal(unknown.ok === false && unknown.code, 'severity_level_unknown');
});

test('R-SV-3: special complaints (regulator, consumer association, extortion) follow the food crisis procedure', () => {
  assert.equal(isCrisis(food, facts({ flags: { special: true } })), true);
  assert.equal(isCrisis(food, facts({ channel: 'regulator' })), true);
  assert.equal(isCrisis(food, facts()), false);
  assert.equal(isCrisis(vanke, facts({ flags: { special: true } })), false);
});
