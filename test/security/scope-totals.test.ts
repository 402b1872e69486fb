/**
 * Organisation scoping of everything that counts or lists: the queue and its total, search, the
 * dashboard and the units list only ever include what lies in the user's scope.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { placeComplaint, type Placed } from './security-fixtures.ts';

let t: TestApp;
let garden: Placed[];
let gardenSales: Placed;
let fuel: Placed[];
let mfg: Placed;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  garden = [await placeComplaint(t, 'u-re-garden', 'u-re-garden-eng'), await placeComplaint(t, 'u-re-garden', 'u-re-garden-eng')];
  gardenSales = await placeComplaint(t, 'u-re-garden', 'u-re-garden-sales');
  fuel = [
    await placeComplaint(t, 'u-fuel-s1', 'u-fuel-s1-ops'),
    await placeComplaint(t, 'u-fuel-s1', null),
    await placeComplaint(t, 'u-fuel-s1', null),
  ];
  mfg = await placeComplaint(t, 'u-mfg-qa', 'u-mfg-qa-qa');
  // A complaint co-handled by the engineering department: the handler sees it too.
  const coHandled = await placeComplaint(t, 'u-re-garden', null);
  for (const body of [
    { type: 'qualify', result: 'valid' },
    { type: 'dispatch', leadDepartmentId: 'u-re-garden-pm', coDepartmentIds: ['u-re-garden-eng'] },
  ]) {
    assert.equal((await t.api('POST', `/api/complaints/${coHandled.id}/actions`, body, { role: 'admin' })).statusCode, 200);
  }
  garden.push({ ...coHandled, leadDepartmentId: 'u-re-garden-pm' });
});
after(async () => t.close());

async function listIds(role: string, query = ''): Promise<{ ids: Set<string>; total: number }> {
  const res = await t.api('GET', `/api/complaints?limit=200${query}`, undefined, { role });
  assert.equal(res.statusCode, 200, res.body);
  return { ids: new Set(res.json().items.map((i: { id: string }) => i.id)), total: res.json().total };
}

test('scope: the list and its total for a unit specialist hold only that unit’s complaints', async () => {
  const { ids, total } = await listIds('specialist');
  assert.equal(total, 4);
  assert.deepEqual(ids, new Set([...garden, gardenSales].map((c) => c.id)));
  // Asking for another unit by filter does not widen the scope.
  assert.equal((await listIds('specialist', '&unitId=u-fuel-s1')).total, 0);
});

test('scope: a department handler lists only complaints dispatched to the department, as lead or co-handler', async () => {
  const { ids, total } = await listIds('handler');
  assert.equal(total, 3);
  assert.deepEqual(ids, new Set(garden.map((c) => c.id)));
  assert.equal(
    (await t.api('GET', `/api/complaints/${gardenSales.id}`, undefined, { role: 'handler' })).statusCode,
    404,
    'another department’s complaint does not exist for the handler',
  );
});

test('scope: QA of the manufacturing company sees that company only; group-level roles see everything', async () => {
  assert.deepEqual((await listIds('qa')).ids, new Set([mfg.id]));
  for (const role of ['agent', 'manager', 'admin', 'auditor']) assert.equal((await listIds(role)).total, 8, role);
});

test('scope: search cannot reach outside the scope', async () => {
  const code = (await t.api('GET', `/api/complaints/${fuel[0].id}`, undefined, { role: 'admin' })).json().code as string;
  assert.equal((await listIds('admin', `&q=${code}`)).total, 1);
  assert.equal((await listIds('specialist', `&q=${code}`)).total, 0);
});

test('scope: dashboard counts for a scoped user exclude out-of-scope complaints', async () => {
  const sum = (rows: { count: number }[]) => rows.reduce((s, r) => s + r.count, 0);
  const dash = async (role: string) => {
    const res = await t.api('GET', '/api/stats/dashboard', undefined, { role });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const all = await dash('manager');
  assert.equal(sum(all.openByLevel), 8);
  assert.equal(sum(all.intakePerDay), 8);
  assert.equal(sum(all.byCategory), 8);
  const specialist = await dash('specialist');
  assert.equal(sum(specialist.openByLevel), 4);
  assert.equal(sum(specialist.intakePerDay), 4);
  assert.equal(sum(specialist.byCategory), 4);
  assert.equal(sum((await dash('handler')).openByLevel), 3);
  assert.equal(sum((await dash('qa')).openByLevel), 1);
});

test('scope: the units list is the user’s subtree and the chain above it, never a sibling branch', async () => {
  const units = async (role: string) =>
    new Set(((await t.api('GET', '/api/units', undefined, { role })).json() as { id: string }[]).map((u) => u.id));
  const specialist = await units('specialist');
  for (const id of ['grp', 'co-re', 'u-re-garden', 'u-re-garden-eng', 'u-re-garden-cs']) assert.ok(specialist.has(id), id);
  for (const id of ['co-fuel', 'u-fuel-s1', 'u-mfg-qa', 'u-re-garden-x']) assert.ok(!specialist.has(id), id);
  assert.deepEqual(await units('handler'), new Set(['grp', 'co-re', 'u-re-garden', 'u-re-garden-eng']));
  assert.ok((await units('agent')).has('u-fuel-s1'));
  // A unit's calendar: readable by the departments below it, not by other branches.
  assert.equal((await t.api('GET', '/api/units/u-re-garden/calendar', undefined, { role: 'handler' })).statusCode, 200);
  assert.equal((await t.api('GET', '/api/units/u-fuel-s1/calendar', undefined, { role: 'specialist' })).statusCode, 404);
});
