/**
 * Issue #15 item 1 with #16 item 4: a tuned pack's compensation and penalty tables drive the assessment of
 * complaints received after the tuning (GET /api/complaints/:id/assessment), while complaints received
 * before keep the table of the version they were received under. Fuel §14.1 fine, food §9.2.2/9.2.3 gift
 * ratio and restaurant 14c discount, each tuned through PUT /api/units/:id/policy (a JSON Merge Patch;
 * arrays are replaced whole). Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildUnit, buildUser, type Node, type User } from '../helpers/factories.ts';
import { getPack } from '../../src/policies/index.ts';

// Tuesday 24 November 2026, a working day in Shanghai.
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

let t: TestApp;
let company: Node;
let admin: User, agent: User;

before(async () => {
  t = await createTestApp({ now: sh('2026-11-24T10:00:00') });
  company = await buildCompany(t);
  admin = await buildUser(t, { role: 'admin', orgNodeId: company.id });
  agent = await buildUser(t, { role: 'agent', orgNodeId: company.id });
});
after(async () => t.close());

let seq = 0;
async function receiveAndQualify(unitId: string, receivedAt: string, title: string) {
  seq += 1;
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId,
      channel: 'phone',
      receivedAt,
      customer: { name: `顾客${seq}`, phone: `1390000${String(7000 + seq)}` },
      title,
      content: `${title}，请处理。`,
    },
    { as: agent },
  );
  assert.equal(res.statusCode, 201, res.body);
  const c = res.json();
  const q = await t.api('POST', `/api/complaints/${c.id}/actions`, { type: 'qualify', result: 'valid' }, { as: agent });
  assert.equal(q.statusCode, 200, q.body);
  return q.json() as { id: string; level: string; policyVersion: number };
}

async function assessment(id: string, query: string) {
  const res = await t.api('GET', `/api/complaints/${id}/assessment?${query}`, undefined, { as: agent });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.assessments.length, 1, JSON.stringify(body.notes));
  return body.assessments[0];
}

async function tune(unitId: string, overrides: Record<string, unknown>): Promise<number> {
  const put = await t.api('PUT', `/api/units/${unitId}/policy`, { overrides }, { as: admin });
  assert.equal(put.statusCode, 200, put.body);
  return put.json().version;
}

test('#15 item 1 (fuel §14.1–14.2): a tuned fine applies to complaints received after the tuning; an earlier one keeps the seed fine', async () => {
  const station = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id });
  t.clock.set(sh('2026-11-24T10:05:00'));
  const before = await receiveAndQualify(station.id, sh('2026-11-24T10:00:00'), '加油数量不足');

  const byLevel = getPack('fuel-retail').penalties!.byLevel.map((b) => (b.fineYuan > 0 ? { ...b, fineYuan: b.fineYuan + 500 } : b));
  const v = await tune(station.id, { penalties: { byLevel } });

  t.clock.set(sh('2026-11-24T10:25:00'));
  const afterTuning = await receiveAndQualify(station.id, sh('2026-11-24T10:20:00'), '油品质量问题');
  assert.equal(before.policyVersion, 0);
  assert.equal(afterTuning.policyVersion, v);

  const persons = 'directPersonId=p-direct&stationManagerId=p-manager&areaManagerId=p-area';
  const seedFine = getPack('fuel-retail').penalties!.byLevel.find((b) => b.level === before.level)!.fineYuan;
  const a0 = await assessment(before.id, persons);
  assert.equal(a0.kind, 'fuel_penalty');
  assert.equal(a0.baseFineYuan, seedFine, `seed fine for ${before.level}`);
  const a1 = await assessment(afterTuning.id, persons);
  const tunedFine = byLevel.find((b) => b.level === afterTuning.level)!.fineYuan;
  assert.ok(tunedFine > 0, 'a level with a fine');
  assert.equal(a1.baseFineYuan, tunedFine, `tuned fine for ${afterTuning.level}`);
  // §14.2 50/40/10 of the tuned fine (the tuned complaint is the station's 2nd valid one: the manager doubles, §14.4).
  assert.equal(a1.shares.find((s: { personId: string }) => s.personId === 'p-direct').yuan, tunedFine / 2);

  // The quarterly KPI report sums each complaint's fine from its own version's table (R-RS-3): the seed fine
  // for the earlier one, the tuned fine with the manager's 40 % doubled (§14.4, 2nd valid) for the later one.
  const kpi = await t.api('GET', `/api/reports/kpi?nodeId=${company.id}&quarter=2026Q4`, undefined, { as: admin });
  assert.equal(kpi.statusCode, 200, kpi.body);
  const row = kpi.json().fuelStations.find((s: { stationId: string }) => s.stationId === station.id);
  assert.ok(row, 'the station is in the report');
  assert.equal(row.fineYuan, seedFine + tunedFine * 1.4);
});

test('#15 item 1 (food §9.2.2–9.2.3): a tuned gift ratio applies after the tuning only', async () => {
  const plant = await buildUnit(t, { pack: 'food', companyId: company.id });
  t.clock.set(sh('2026-11-24T11:05:00'));
  const before = await receiveAndQualify(plant.id, sh('2026-11-24T11:00:00'), '豆腐包装破损');

  const entries = getPack('food').compensation!.entries.map((e) => (e.giftRatio === undefined ? e : { ...e, giftRatio: e.giftRatio * 3 }));
  await tune(plant.id, { compensation: { entries } });

  t.clock.set(sh('2026-11-24T11:25:00'));
  const afterTuning = await receiveAndQualify(plant.id, sh('2026-11-24T11:20:00'), '豆干外观发黑');

  const facts = 'productValueYuan=10&harm=none';
  const a0 = await assessment(before.id, facts);
  const a1 = await assessment(afterTuning.id, facts);
  const seedRatio = getPack('food').compensation!.entries.find((e) => e.level === before.level && (e.harm ?? 'none') === 'none')!
    .giftRatio!;
  assert.deepEqual([a0.giftRatio, a0.giftValueYuan], [seedRatio, seedRatio * 10], `seed ratio for class ${before.level}`);
  const tunedRatio = entries.find((e) => e.level === afterTuning.level && (e.harm ?? 'none') === 'none')!.giftRatio!;
  assert.deepEqual([a1.giftRatio, a1.giftValueYuan], [tunedRatio, tunedRatio * 10], `tuned ratio for class ${afterTuning.level}`);
});

test('#15 item 1 (restaurant 14c): a tuned discount is offered after the tuning only', async () => {
  const restaurant = await buildUnit(t, { pack: 'restaurant', companyId: company.id });
  t.clock.set(sh('2026-11-24T12:05:00'));
  const before = await receiveAndQualify(restaurant.id, sh('2026-11-24T12:00:00'), '菜肴偏咸');

  const discounts = getPack('restaurant').compensation!.discounts!.map((d) =>
    d.percentOff === 10 ? { ...d, percentOff: 15, labelZh: '八五折' } : d,
  );
  await tune(restaurant.id, { compensation: { discounts } });

  t.clock.set(sh('2026-11-24T12:25:00'));
  const afterTuning = await receiveAndQualify(restaurant.id, sh('2026-11-24T12:20:00'), '菜肴不熟');

  const facts = 'billYuan=200&raisedAtCheckout=true&qualityConfirmed=true&regularCustomer=true';
  const rates = (a: { options: { ratePercent: number; discountYuan: number }[] }) => a.options.map((o) => [o.ratePercent, o.discountYuan]);
  assert.deepEqual(rates(await assessment(before.id, facts)), [
    [10, 20],
    [5, 10],
  ]);
  assert.deepEqual(rates(await assessment(afterTuning.id, facts)), [
    [15, 30],
    [5, 10],
  ]);
});
