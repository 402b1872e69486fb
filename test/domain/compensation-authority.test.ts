/** S0 第四篇 §9.2 compensation within authority (#15 item 5): which level must approve, as a table. Pure. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideCompensation } from '../../src/domain/assessment/compensation-authority.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { getPack } from '../../src/policies/index.ts';

const table = getPack('food').compensation!;
const HANDLER: string[] = [];
const SUPERIOR = ['direct_superior'];
const COMPANY = ['company'];

type Row = [string, string, Parameters<typeof decideCompensation>[2], string[] | null, string | number];
// [paragraph, level, given, approver positions (null: none named), expected tier id or HTTP status]
const TABLE: Row[] = [
  ['9.2.3 C 1:1, 5 packs for 5', 'C', { entryId: 'c', items: '豆干 5 包', giftQuantity: 5, affectedQuantity: 5 }, null, 'handler'],
  [
    '9.2.3 C 1:1, 6 packs for 5: 特例 → direct superior',
    'C',
    { entryId: 'c', items: '豆干 6 包', giftQuantity: 6, affectedQuantity: 5 },
    SUPERIOR,
    'direct-superior',
  ],
  [
    '9.2.3 C 1:1, 6 packs for 5 without an approver',
    'C',
    { entryId: 'c', items: '豆干 6 包', giftQuantity: 6, affectedQuantity: 5 },
    null,
    400,
  ],
  [
    '9.2.3 C 1:1, 6 packs for 5 approved by someone without the position',
    'C',
    { entryId: 'c', items: '豆干 6 包', giftQuantity: 6, affectedQuantity: 5 },
    HANDLER,
    403,
  ],
  ['9.2.2 B 1:2, 10 packs for 5', 'B', { entryId: 'b', items: '豆干 10 包', giftQuantity: 10, affectedQuantity: 5 }, null, 'handler'],
  [
    '9.2.2 B 1:2, 11 packs for 5, the company approves (higher is enough)',
    'B',
    { entryId: 'b', items: '豆干 11 包', giftQuantity: 11, affectedQuantity: 5 },
    COMPANY,
    'direct-superior',
  ],
  [
    '9.2.1c A no harm 1:10, 20 packs for 2',
    'A',
    { entryId: 'a-no-harm', items: '礼品豆制品 20 包', giftQuantity: 20, affectedQuantity: 2 },
    null,
    'handler',
  ],
  [
    '9.2.1c A no harm 1:10, 21 packs for 2',
    'A',
    { entryId: 'a-no-harm', items: '礼品豆制品 21 包', giftQuantity: 21, affectedQuantity: 2 },
    SUPERIOR,
    'direct-superior',
  ],
  [
    '9.2.1b A harm, medical costs: 需由公司同意',
    'A',
    { entryId: 'a-harm-not-serious', items: '拜访并支付检查费', medicalCostsYuan: 300 },
    COMPANY,
    'company',
  ],
  [
    '9.2.1b A harm: the direct superior is below the company',
    'A',
    { entryId: 'a-harm-not-serious', items: '拜访并支付检查费', medicalCostsYuan: 300 },
    SUPERIOR,
    403,
  ],
  [
    '9.2.1a A serious harm: 需由公司同意',
    'A',
    { entryId: 'a-serious-harm', items: '拜访、医疗费、慰问品', medicalCostsYuan: 2000 },
    COMPANY,
    'company',
  ],
  ['an entry of another class', 'C', { entryId: 'b', items: '豆干', giftQuantity: 1, affectedQuantity: 1 }, null, 409],
  ['an unknown entry', 'C', { entryId: 'z', items: '豆干' }, null, 400],
  ['a gift without the affected quantity', 'C', { entryId: 'c', items: '豆干', giftQuantity: 1 }, null, 400],
  ['medical costs under an entry without them', 'C', { entryId: 'c', items: '豆干', medicalCostsYuan: 10 }, null, 400],
];
const STATUS: Record<string, number> = { VALIDATION: 400, FORBIDDEN: 403, ILLEGAL_TRANSITION: 409 };

for (const [paragraph, level, given, positions, expected] of TABLE) {
  test(`S0 第四篇 §${paragraph}`, () => {
    const approver = positions === null ? null : { positions };
    if (typeof expected === 'string') {
      assert.equal(decideCompensation(table, level, given, approver).required.id, expected);
      return;
    }
    assert.throws(
      () => decideCompensation(table, level, given, approver),
      (e: unknown) => e instanceof DomainError && STATUS[e.code] === expected,
    );
  });
}
