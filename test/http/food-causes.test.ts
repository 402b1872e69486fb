/**
 * Issue #15 item 1 (S0 food §5, 「客户抱怨原因」: 设计品质不良、制造品质不良、饮食后发生不良反映、运输及储存过程不良、
 * 消费者保存或处理不当、过期产品): the investigation report names one of the food pack's causes by id
 * (`causeId`), checked against the pack (400 naming the field), stored in the report as `causeId`, shown
 * with the complaint and counted in the periodic report by cause. The organisation is the test's own.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildComplaint, buildDepartments, buildUnit, buildUser, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let food: Unit;
let estate: Unit;
let admin: User;
let foodDept: string;
let estateDept: string;

before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  food = await buildUnit(t, { pack: 'food' });
  estate = await buildUnit(t, { pack: 'real-estate', companyId: food.companyId });
  admin = await buildUser(t, { role: 'admin', orgNodeId: food.companyId });
  foodDept = (await buildDepartments(t, food, ['质检部']))[0]!.id;
  estateDept = (await buildDepartments(t, estate, ['工程部']))[0]!.id;
});
after(async () => t.close());

const REPORT = {
  type: 'report',
  cause: '产品超过保质期仍在货架销售',
  sequence: '经销商未按先进先出出货',
  responsible: '经销商仓管',
  conclusion: '属实',
  countermeasures: '下架同批次产品',
  prevention: '每周巡查保质期',
};

/** A complaint at `unit` brought to the investigation step. */
async function investigating(unit: Unit, dept: string): Promise<string> {
  const { complaint } = await buildComplaint(t, { unitId: unit.id, title: '买到过期饼干' });
  for (const body of [{ type: 'qualify', result: 'valid' }, { type: 'dispatch', leadDepartmentId: dept }, { type: 'acknowledge' }]) {
    const res = await t.api('POST', `/api/complaints/${complaint.id}/actions`, body, { as: admin });
    assert.equal(res.statusCode, 200, `${body.type}: ${res.body}`);
  }
  return complaint.id;
}

test('S0 food §5: the report names a cause from the food pack’s list; it is stored as causeId and shown with the complaint', async () => {
  const id = await investigating(food, foodDept);
  const res = await t.api('POST', `/api/complaints/${id}/actions`, { ...REPORT, causeId: 'expired' }, { as: admin });
  assert.equal(res.statusCode, 200, res.body);
  const c = (await t.api('GET', `/api/complaints/${id}`, undefined, { as: admin })).json();
  assert.equal(c.report.causeId, 'expired');
  assert.equal(c.report.cause, REPORT.cause);
  const reported = c.events.find((e: { type: string }) => e.type === 'reported');
  assert.equal(reported.data.causeId, 'expired', 'the event log carries the cause too');
  const pack = (await t.api('GET', '/api/policies/food')).json();
  assert.equal(pack.causes.find((x: { id: string }) => x.id === 'expired').nameZh, '过期产品');
});

test('S0 food §5: a cause not in the pack’s list is refused with 400 naming causeId; a pack without causes refuses any', async () => {
  const id = await investigating(food, foodDept);
  const bad = await t.api('POST', `/api/complaints/${id}/actions`, { ...REPORT, causeId: 'weather' }, { as: admin });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.match(bad.json().error.message, /causeId/);
  assert.match(bad.json().error.message, /expired/, 'the answer names the causes it accepts');
  const other = await investigating(estate, estateDept);
  const none = await t.api('POST', `/api/complaints/${other}/actions`, { ...REPORT, causeId: 'expired' }, { as: admin });
  assert.equal(none.statusCode, 400, none.body);
  assert.match(none.json().error.message, /causeId/);
  // Without a cause the report is as before.
  const plain = await t.api('POST', `/api/complaints/${other}/actions`, REPORT, { as: admin });
  assert.equal(plain.statusCode, 200, plain.body);
});

test('S0 food §5: the periodic report counts complaints by the cause their report named', async () => {
  const id = await investigating(food, foodDept);
  const res = await t.api('POST', `/api/complaints/${id}/actions`, { ...REPORT, causeId: 'transport-storage' }, { as: admin });
  assert.equal(res.statusCode, 200, res.body);
  const r = (await t.api('GET', `/api/reports/periodic?nodeId=${food.id}&kind=monthly&period=2026-11-24`, undefined, { as: admin })).json();
  const by = Object.fromEntries(r.byCause.map((b: { key: string; labelZh: string; count: number }) => [b.key, [b.labelZh, b.count]]));
  assert.deepEqual(by, { expired: ['过期产品', 1], 'transport-storage': ['运输及储存过程不良', 1] });
  const page = await t.api('GET', `/api/reports/periodic.html?nodeId=${food.id}&kind=monthly&period=2026-11-24`, undefined, { as: admin });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /按原因[\s\S]*过期产品/, 'the printable report lists the causes too');
});
