import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PACKS, getPack, loadPack, PackValidationError, UnknownPackError } from '../../src/policies/index.ts';
import type { ClockDefinition } from '../../src/domain/contracts.ts';

function clone<T>(value: T): T {
  return structuredClone(value);
}

function rejection(input: unknown): PackValidationError {
  try {
    loadPack(input);
  } catch (error) {
    assert.ok(error instanceof PackValidationError, `expected PackValidationError, got ${String(error)}`);
    return error;
  }
  assert.fail('loadPack accepted an invalid pack');
}

const vanke = () => clone(getPack('real-estate')) as unknown as Record<string, any>;

test('every shipped pack passes loadPack, and the seven ids are distinct', () => {
  assert.deepEqual(PACKS.map((p) => p.id).sort(), [
    'food',
    'fuel-retail',
    'manufacturing',
    'property',
    'real-estate',
    'restaurant',
    'service-centre',
  ]);
  for (const pack of PACKS) assert.doesNotThrow(() => loadPack(clone(pack)), pack.id);
});

test('getPack finds a shipped pack and names an unknown one in its error', () => {
  assert.equal(getPack('food').id, 'food');
  assert.throws(
    () => getPack('bank'),
    (e: unknown) => e instanceof UnknownPackError && /bank/.test(e.message),
  );
});

test('loadPack names the path of a field of the wrong type', () => {
  const input = vanke();
  input.severity.levels[2].rank = 'high';
  const error = rejection(input);
  assert.equal(error.issues[0].path, 'severity.levels[2].rank');
  assert.match(error.message, /severity\.levels\[2\]\.rank: expected integer/);
});

test('loadPack names a missing field and an unknown field by path', () => {
  const input = vanke();
  delete input.taxonomy[1].nameZh;
  input.clocks[0].colour = 'red';
  const paths = rejection(input).issues.map((i) => `${i.path}: ${i.message}`);
  assert.ok(paths.includes('taxonomy[1].nameZh: required field missing'), paths.join('\n'));
  assert.ok(paths.includes('clocks[0].colour: unknown field'), paths.join('\n'));
});

test('loadPack reports the due-rule branch its kind selects, also when nested', () => {
  const bad = vanke();
  const dispatch = bad.clocks.findIndex((c: ClockDefinition) => c.name === 'dispatch');
  bad.clocks[dispatch].due.inHours.minutes = '30';
  assert.deepEqual(rejection(bad).issues, [{ path: `clocks[${dispatch}].due.inHours.minutes`, message: 'expected integer' }]);

  const unknownKind = vanke();
  unknownKind.clocks[0].due = { kind: 'fortnight' };
  const issue = rejection(unknownKind).issues[0];
  assert.equal(issue.path, 'clocks[0].due.kind');
  assert.match(issue.message, /expected one of .*"business_minutes"/);
});

test('loadPack lists the allowed values of an enumerated field', () => {
  const input = vanke();
  input.severity.rules[0].when = { kind: 'flag', flag: 'drunk' };
  const issue = rejection(input).issues[0];
  assert.equal(issue.path, 'severity.rules[0].when.flag');
  assert.match(issue.message, /expected one of "media" \| "lawsuit"/);
});

test('R-SV-1 cross-reference: a severity rule naming a level that does not exist is rejected', () => {
  const input = vanke();
  input.severity.rules[3].level = 'critical';
  const error = rejection(input);
  assert.deepEqual(error.issues, [{ path: 'severity.rules[3].level', message: "unknown severity level 'critical'" }]);
  assert.match(error.message, /^pack real-estate: severity\.rules\[3\]\.level: unknown severity level 'critical'$/);
});

test('R-Q-3 cross-reference: duplicate category ids anywhere in the tree are rejected', () => {
  const input = clone(getPack('fuel-retail')) as unknown as Record<string, any>;
  input.taxonomy[0].children[2].children[1].id = 'station-service-attitude';
  const issue = rejection(input).issues[0];
  assert.equal(issue.path, 'taxonomy[0].children[2].children[1].id');
  assert.match(
    issue.message,
    /duplicate category id 'station-service-attitude' \(first at taxonomy\[0\]\.children\[0\]\.children\[0\]\.id\)/,
  );
});

test('cross-references: unknown category in a rule, unknown guide, unknown report and bad penalty split are rejected', () => {
  const food = clone(getPack('food')) as unknown as Record<string, any>;
  food.severity.rules[0].when.categoryIds.push('glass-shards');
  food.crisis.guideId = 'panic';
  const foodPaths = rejection(food).issues.map((i) => i.path);
  assert.ok(foodPaths.includes('severity.rules[0].when.categoryIds[11]'), foodPaths.join());
  assert.ok(foodPaths.includes('crisis.guideId'), foodPaths.join());

  const report = vanke();
  report.notifications[0].when.reports = ['yearly'];
  assert.equal(rejection(report).issues[0].path, 'notifications[0].when.reports[0]');

  const fuel = clone(getPack('fuel-retail')) as unknown as Record<string, any>;
  fuel.penalties.split[2].percent = 20;
  assert.deepEqual(rejection(fuel).issues, [{ path: 'penalties.split', message: 'shares add up to 110 %, expected 100 %' }]);
});

test('R-SV-4: the default level must be the lowest, since levels are only raised automatically', () => {
  const input = vanke();
  input.severity.defaultLevel = 'hot';
  assert.equal(rejection(input).issues[0].path, 'severity.defaultLevel');
});

test('R-TL-7: overlapping versions of the same regulator clock are rejected', () => {
  const input = vanke();
  const i = input.clocks.findIndex((c: ClockDefinition) => c.name === 'accept' && c.ruleId === 'R-TL-7/samr-order-20');
  input.clocks[i].effective = { from: '2019-06-01', to: '2026-04-15' };
  const issue = rejection(input).issues[0];
  assert.equal(issue.path, `clocks[${i}]`);
  assert.match(issue.message, /overlaps/);
});

function regulatorClock(packId: string, name: 'accept' | 'mediate', receiptDate: string): ClockDefinition[] {
  return getPack(packId).clocks.filter(
    (c) =>
      c.name === name &&
      c.channels?.includes('regulator') &&
      (c.effective?.from ?? '0000') <= receiptDate &&
      receiptDate < (c.effective?.to ?? '9999'),
  );
}

test('R-TL-7: every pack picks exactly one regulator rule set by receipt date: 60 days before 2020, 45 working days after', () => {
  const cases: [string, ClockDefinition['due'], string][] = [
    ['2018-06-01', { kind: 'calendar_days', days: 60 }, 'R-TL-7/saic-2014'],
    ['2019-12-31', { kind: 'calendar_days', days: 60 }, 'R-TL-7/saic-2014'],
    ['2020-01-01', { kind: 'business_days', days: 45 }, 'R-TL-7/samr-order-20'],
    ['2026-04-14', { kind: 'business_days', days: 45 }, 'R-TL-7/samr-order-20'],
    ['2026-04-15', { kind: 'business_days', days: 45 }, 'R-TL-7/samr-order-121'],
  ];
  for (const pack of PACKS) {
    for (const [date, mediateDue, ruleId] of cases) {
      const accept = regulatorClock(pack.id, 'accept', date);
      const mediate = regulatorClock(pack.id, 'mediate', date);
      assert.equal(accept.length, 1, `${pack.id} ${date}`);
      assert.equal(mediate.length, 1, `${pack.id} ${date}`);
      assert.deepEqual(accept[0].due, { kind: 'business_days', days: 7 });
      assert.deepEqual(mediate[0].due, mediateDue);
      assert.equal(mediate[0].ruleId, ruleId);
    }
  }
});

test('R-TL-2: Vanke dispatch is 30 working minutes for phone and e-mail, 1 h for forum and web, same day on a rest day', () => {
  const dispatch = getPack('real-estate').clocks.find((c) => c.name === 'dispatch')!;
  assert.deepEqual(dispatch.due, {
    kind: 'by_receipt_class',
    inHours: { kind: 'business_minutes', minutes: 30 },
    outsideHoursWorkday: { kind: 'business_minutes', minutes: 60 },
    restDay: { kind: 'end_of_day' },
  });
  for (const channel of ['forum', 'web'] as const) {
    const due = dispatch.byChannel?.[channel];
    assert.ok(due && due.kind === 'by_receipt_class');
    assert.deepEqual(due.inHours, { kind: 'business_minutes', minutes: 60 });
    assert.deepEqual(due.restDay, { kind: 'end_of_day' });
  }
});

test("R-TL-3, R-TL-4, R-TL-5, R-TL-6: pack clocks carry the seeds' numbers", () => {
  const due = (packId: string, name: string) =>
    getPack(packId).clocks.find((c) => c.name === name && !c.channels?.includes('regulator'))?.due;
  assert.deepEqual(due('real-estate', 'acknowledge'), { kind: 'business_hours', hours: 4 });
  assert.deepEqual(due('real-estate', 'courtesy'), { kind: 'business_hours', hours: 4 });
  assert.deepEqual(due('real-estate', 'first_answer'), { kind: 'calendar_hours', hours: 24 });
  assert.deepEqual(due('fuel-retail', 'acknowledge'), { kind: 'calendar_hours', hours: 2 });
  assert.deepEqual(due('fuel-retail', 'verify'), { kind: 'calendar_hours', hours: 4 });
  assert.deepEqual(due('fuel-retail', 'improvement'), { kind: 'business_days', days: 3 });
  assert.deepEqual(due('fuel-retail', 'reply'), { kind: 'calendar_hours', hours: 24 });
  assert.deepEqual(due('food', 'dispatch'), { kind: 'business_hours', hours: 1 });
  assert.deepEqual(due('manufacturing', 'first_answer'), { kind: 'calendar_hours', hours: 24 });
  assert.deepEqual(due('property', 'dispatch'), { kind: 'calendar_minutes', minutes: 10 });
  assert.deepEqual(due('property', 'resolve'), { kind: 'calendar_days', days: 3 });
});

test('R-RP-3: the restaurant pack holds all 20 situations of S0 第三篇, each titled in English and Chinese', () => {
  const guides = getPack('restaurant').guides;
  assert.equal(guides.length, 20);
  assert.deepEqual(
    guides.map((g) => g.source),
    Array.from({ length: 20 }, (_, i) => `S0 第三篇 ${i + 1}`),
  );
  for (const guide of guides) {
    assert.ok(guide.title.length > 0 && guide.titleZh.length > 0 && guide.stepsZh.length > 0, guide.id);
    assert.ok(!/^[a-zа-я]\)/.test(guide.stepsZh[0]), `${guide.id} keeps a list marker`);
  }
  assert.match(guides[10].titleZh, /上錯了菜/);
  assert.match(guides[13].stepsZh[2], /九折或九五折/);
});

test("R-RS-2 and R-RS-3: compensation and penalty tables hold the seeds' numbers", () => {
  const food = getPack('food').compensation!;
  assert.deepEqual(
    food.entries.filter((e) => e.giftRatio).map((e) => [e.level, e.giftRatio]),
    [
      ['A', 10],
      ['B', 2],
      ['C', 1],
    ],
  );
  assert.equal(food.entries.find((e) => e.harm === 'serious')?.approvalRequired, true);
  assert.deepEqual(
    getPack('restaurant').compensation!.discounts!.map((d) => d.percentOff),
    [10, 5],
  );

  const fuel = getPack('fuel-retail').penalties!;
  assert.deepEqual(
    fuel.byLevel.map((r) => [r.level, r.dismissal, r.fineYuan, r.areaPointsDeducted]),
    [
      ['level1', true, 0, 20],
      ['level2', false, 1000, 5],
      ['level3', false, 800, 5],
    ],
  );
  assert.deepEqual(
    fuel.split.map((s) => s.percent),
    [50, 40, 10],
  );
  assert.deepEqual(
    fuel.overdue.map((o) => [o.overdueHoursAtLeast, o.fines.map((f) => f.yuan)]),
    [
      [0, [200, 100]],
      [12, [500, 200]],
    ],
  );
});

test('R-RP-1: report schedule — half-monthly by the 18th, monthly by the 3rd of next month, maintenance by the 27th, S1 statistics by the 5th', () => {
  const due = (packId: string, id: string) => getPack(packId).reports.find((r) => r.id === id)?.due;
  // 「每月的18日前提交投诉半月报」: the half month is the 1st–15th (issue #15).
  assert.deepEqual(due('real-estate', 'half_monthly'), { kind: 'monthly', day: 18, period: 'current_month', through: 15 });
  assert.deepEqual(due('real-estate', 'monthly'), { kind: 'monthly', day: 3, period: 'previous_month' });
  assert.deepEqual(due('real-estate', 'maintenance_record'), { kind: 'monthly', day: 27, period: 'current_month' });
  assert.deepEqual(due('real-estate', 'daily'), { kind: 'daily' });
  assert.deepEqual(due('real-estate', 'quarterly'), { kind: 'quarterly' });
  assert.deepEqual(due('manufacturing', 'statistics'), { kind: 'monthly', day: 5, period: 'previous_month' });
});

test('R-Q-3: the fuel taxonomy sorts complaints into valid, invalid and suggestion', () => {
  assert.deepEqual(
    getPack('fuel-retail').taxonomy.map((c) => [c.id, c.kind]),
    [
      ['valid', 'valid'],
      ['invalid', 'invalid'],
      ['suggestion', 'suggestion'],
    ],
  );
});

test('issue #14: every recipient a rule names is a declared position, named from the seeds; an undeclared one is refused by path', () => {
  const vk = getPack('real-estate');
  assert.deepEqual(
    vk.positions.filter((p) => ['group_coordination_centre', 'company', 'cs_specialist'].includes(p.id)).map((p) => p.nameZh),
    ['集团客户协调中心', '公司负责人', '客服专员'],
  );
  assert.deepEqual(
    getPack('fuel-retail').positions.map((p) => p.nameZh),
    ['主管领导', '加油站经理', '片区经理'],
  );
  const bad = vanke();
  bad.notifications[4].recipientRoles = ['company', 'ceo'];
  assert.deepEqual(rejection(bad).issues, [
    { path: 'notifications[4].recipientRoles[1]', message: "unknown position 'ceo' (declare it in positions)" },
  ]);
  const food = clone(getPack('food')) as unknown as Record<string, any>;
  food.crisis.notifyRoles = ['sales_manager', 'press_officer'];
  assert.equal(rejection(food).issues[0].path, 'crisis.notifyRoles[1]');
});
