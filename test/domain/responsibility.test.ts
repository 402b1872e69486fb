/** The responsibility matrix of S0 第四篇 §10 (R-RS-1), row by row as a table test. Pure. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { responsibleDepartments, responsibilityChanged } from '../../src/domain/responsibility/responsible-departments.ts';
import { getPack } from '../../src/policies/index.ts';

const food = getPack('food');
const names = (categoryId: string, causeId: string | null = null, casesAffected: number | null = null) =>
  responsibleDepartments(food, { categoryId, causeId, casesAffected })?.departments.map((d) => d.nameZh) ?? null;

const TABLE: [string, string, string | null, number | null, string[] | null][] = [
  // [clause, category, cause, cases, departments]
  ['10.1.1.1a', 'foreign-matter-equipment-part', null, null, ['生产该品种班组', '设施保障部']],
  ['10.1.1.1b', 'same-batch-symptoms', null, null, ['生产该品种班组', '煮浆人员', '质检部']],
  ['10.1.1.1c', 'spoiled', null, null, ['煮浆人员', '生产该品种班组']],
  ['10.1.1.1c', 'abnormal-colour', null, null, ['煮浆人员', '生产该品种班组']],
  ['10.1.1.1d', 'burnt-or-rancid', null, null, ['生产该品种班组']],
  ['10.1.1.1e', 'foreign-matter-sealed', null, null, ['生产该品种班组']],
  ['10.1.1.1f', 'batch-underweight', null, null, ['生产该品种班组', '质检部']],
  ['10.1.1.1g', 'batch-equipment', 'manufacturing', 21, ['生产该品种班组', '设施保障部', '质检部']],
  ['10.1.1.1g (>20箱: 20 is no batch)', 'batch-equipment', 'manufacturing', 20, null],
  ['10.1.1.1g (cases not yet known)', 'batch-equipment', null, null, null],
  ['10.1.1.1h', 'design-nonconformity', null, null, ['设计中心']],
  ['10.1.1.2a', 'packaging-misaligned', null, null, ['生产该品种班组']],
  ['10.1.1.2b', 'poor-seal', null, null, ['生产该品种班组']],
  ['10.1.1.2c', 'black-spots', null, null, ['生产该品种班组']],
  ['10.1.1.3a', 'seal-defect-equipment', null, null, ['生产该品种班组']],
  ['10.1.1.3b', 'bag-torn-by-corner', null, null, ['生产该品种班组']],
  ['10.1.1.3c', 'date-print-error', null, null, ['生产该品种班组']],
  ['10.1.2.1a', 'rain-damage-in-transport', null, null, ['营销部']],
  ['10.1.2.1b', 'inconsistent-dates', null, null, ['营销部']],
  ['10.1.2.1c', 'distributor-storage', null, null, ['营销部']],
  ['10.1.2.2a', 'case-missing-packs', null, null, ['营销部']],
  ['10.1.2.2b', 'promotional-material', null, null, ['营销部']],
  ['10.1.2.2c', 'compensation-not-delivered', null, null, ['营销部']],
  ['10.1.2.3a (非制造原因)', 'packaging-damaged', 'transport-storage', null, ['营销部']],
  ['10.1.2.3a (a manufacturing cause is not the channel’s)', 'packaging-damaged', 'manufacturing', null, null],
  ['10.1.2.3a (cause not yet known)', 'packaging-damaged', null, null, null],
  ['10.1.2.3b', 'broken', null, null, ['营销部']],
  ['foreign matter of an unknown kind: 10.1.1.1a or e, not yet known', 'foreign-matter', null, null, null],
];

for (const [clause, category, cause, cases, expected] of TABLE) {
  test(`S0 第四篇 §${clause}: ${category}${cause ? ` / ${cause}` : ''}${cases !== null ? ` / ${cases} 箱` : ''}`, () => {
    assert.deepEqual(names(category, cause, cases), expected);
    if (expected && /^10\./.test(clause))
      assert.equal(
        responsibleDepartments(food, { categoryId: category, causeId: cause, casesAffected: cases })!.clause,
        clause.split(' ')[0],
      );
  });
}

test('R-RS-1: a pack without a matrix assigns nothing; a new row is a change, the same row is not', () => {
  assert.equal(responsibleDepartments(getPack('property'), { categoryId: 'engineering', causeId: null, casesAffected: null }), null);
  const a = responsibleDepartments(food, { categoryId: 'broken', causeId: null, casesAffected: null });
  assert.equal(responsibilityChanged(null, a), true);
  assert.equal(responsibilityChanged(a, a), false);
  assert.equal(responsibilityChanged(a, null), false, 'a later write that matches no row keeps the stored assignment');
});
