/**
 * S0 第五篇 §14.5 「責任投訴的直接責任人取消本所有評先選優資格。同一直接責任人內發生2次責任投訴,給予警告處分,
 * 調離原工作崗位;同發生3次責任投訴,直接解除勞動合同。」 as a table over the person's count of the year.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuelPenalty, readsPersonComplaints, type FuelPenaltyInput } from '../../src/domain/assessment/index.ts';
import { getPack } from '../../src/policies/index.ts';

const pack = getPack('fuel-retail');
const table = pack.penalties!;
const base: FuelPenaltyInput = {
  level: 'level3',
  valid: true,
  directPersonId: 'E1024',
  stationManagerId: 'M1',
  areaManagerId: 'A1',
  priorValidComplaintsThisYearAtStation: 0,
  overdue: 'none',
};

test('S0 第五篇 §14.5: the directly responsible person’s sanctions by their count of the year', () => {
  const rows: [prior: number | undefined, count: number | null, kinds: string[]][] = [
    [undefined, null, ['awards_revoked']],
    [0, 1, ['awards_revoked']],
    [1, 2, ['awards_revoked', 'warning_and_transfer']],
    [2, 3, ['awards_revoked', 'contract_termination']],
    [5, 6, ['awards_revoked', 'contract_termination']],
  ];
  for (const [prior, count, kinds] of rows) {
    const r = fuelPenalty({ ...base, ...(prior === undefined ? {} : { priorComplaintsThisYearByDirectPerson: prior }) }, table);
    assert.equal(r.directPersonComplaintsThisYear, count, `prior ${prior}`);
    const mine = r.sanctions.filter((s) => s.personId === 'E1024').map((s) => s.kind);
    assert.deepEqual(mine, kinds, `prior ${prior}`);
  }
});

test('S0 第五篇 §14.5: the person’s count is read only when a sanction counts it and the person is known', () => {
  assert.equal(readsPersonComplaints(pack, { directPersonId: 'E1024' }), true);
  assert.equal(readsPersonComplaints(pack, {}), false);
  assert.equal(readsPersonComplaints(pack, { directPersonId: 'E1024', priorComplaintsThisYearByDirectPerson: 1 }), false);
  assert.equal(readsPersonComplaints(getPack('real-estate'), { directPersonId: 'E1024' }), false);
});
