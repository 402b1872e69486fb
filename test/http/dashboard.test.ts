/**
 * The dashboard's counts (issue #20): exact when taken, at most DASHBOARD_FRESH_MS old, with `asOf`
 * saying when; kept per scope, so users with another scope never get counts taken for someone else's.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { DASHBOARD_FRESH_MS } from '../../src/use-cases/read-dashboard.ts';
import { buildCompany, buildGroup, buildUnit, buildUser, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
// The file's own group: a property developer's project, a manufacturer's complaints desk and a fuel station.
let gardenUnit: Unit, mfgUnit: Unit, fuelUnit: Unit;
let users: Record<'admin' | 'manager' | 'qa' | 'specialist' | 'auditor', User>;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  const group = await buildGroup(t);
  gardenUnit = await buildUnit(t, { pack: 'real-estate', companyId: (await buildCompany(t, { groupId: group.id })).id });
  mfgUnit = await buildUnit(t, { pack: 'manufacturing', companyId: (await buildCompany(t, { groupId: group.id })).id });
  fuelUnit = await buildUnit(t, { pack: 'fuel-retail', companyId: (await buildCompany(t, { groupId: group.id })).id });
  users = {
    admin: await buildUser(t, { role: 'admin', orgNodeId: group.id }),
    manager: await buildUser(t, { role: 'manager', orgNodeId: group.id }),
    qa: await buildUser(t, { role: 'qa', orgNodeId: mfgUnit.companyId }),
    specialist: await buildUser(t, { role: 'specialist', orgNodeId: gardenUnit.id }),
    auditor: await buildUser(t, { role: 'auditor', orgNodeId: group.id }),
  };
});
after(async () => t.close());

type Dash = { asOf: string; openByLevel: { level: string | null; count: number }[]; intakePerDay: { day: string; count: number }[] };
const open = (d: Dash) => d.openByLevel.reduce((s, r) => s + r.count, 0);
const dash = async (role: keyof typeof users): Promise<Dash> => {
  const res = await t.api('GET', '/api/stats/dashboard', undefined, { as: users[role] });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Dash;
};
const complain = async (unit: Unit) => {
  const res = await t.api(
    'POST',
    '/api/complaints',
    { unitId: unit.id, channel: 'phone', customer: { name: '王先生', phone: '13800000001' }, title: '看板计数', content: '测试看板。' },
    { as: users.admin },
  );
  assert.equal(res.statusCode, 201, res.body);
};

test(`#20 dashboard: counts are taken at asOf and kept at most ${DASHBOARD_FRESH_MS / 1000} s; a new complaint shows once they are renewed`, async () => {
  const first = await dash('manager');
  assert.equal(first.asOf, t.clock.now.toISOString());
  await complain(gardenUnit);
  t.clock.advance(DASHBOARD_FRESH_MS - 1000);
  const kept = await dash('manager');
  assert.equal(kept.asOf, first.asOf, 'the same counts, saying when they were taken');
  assert.equal(open(kept), open(first));
  t.clock.advance(1000);
  const renewed = await dash('manager');
  assert.equal(renewed.asOf, t.clock.now.toISOString());
  assert.equal(open(renewed), open(first) + 1);
});

test('#20 dashboard: counts kept for one scope are never given to another (QA of the manufacturer, the group manager, the garden specialist)', async () => {
  for (const unit of [mfgUnit, fuelUnit, fuelUnit]) await complain(unit);
  t.clock.advance(DASHBOARD_FRESH_MS);
  const group = await dash('manager');
  const mfg = await dash('qa');
  const garden = await dash('specialist');
  assert.deepEqual([open(group), open(mfg), open(garden)], [4, 1, 1], 'group, manufacturer, garden');
  // Renewed for the garden only: the group's kept counts are not touched.
  await complain(gardenUnit);
  t.clock.advance(DASHBOARD_FRESH_MS);
  assert.equal(open(await dash('specialist')), open(garden) + 1);
  assert.equal(open(await dash('qa')), open(mfg));
});

test('#20 dashboard: a clock set back never serves counts taken in its future', async () => {
  const now = await dash('auditor');
  t.clock.advance(-60_000);
  const earlier = await dash('auditor');
  assert.equal(earlier.asOf, t.clock.now.toISOString());
  assert.notEqual(earlier.asOf, now.asOf);
});
