/**
 * The factories (test/helpers/factories.ts): missing parents are made, a user of the test's own logs in
 * and sees what is in its scope only, and a complaint goes through intake like any other.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from './test-app.ts';
import { buildComplaint, buildDepartments, buildUnit, buildUser, buildUsers } from './factories.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => t?.close());

const node = (id: string) => t.deps.db.selectFrom('org_nodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

test('factories: a unit gets a company and a group; a user without a node gets a unit of the pack asked for', async () => {
  const unit = await buildUnit(t, { pack: 'food' });
  const company = await node(unit.companyId);
  assert.equal(company.kind, 'company');
  assert.equal((await node(company.parent_id ?? '')).kind, 'group');
  const [dept] = await buildDepartments(t, unit, ['生产部']);
  assert.equal((await node(dept.id)).parent_id, unit.id);
  const specialist = await buildUser(t, { role: 'specialist', pack: 'fuel-retail' });
  const home = await node(specialist.orgNodeId ?? '');
  assert.deepEqual([home.kind, home.policy_id], ['unit', 'fuel-retail']);
});

test('factories: a complaint is taken in at its unit, and a user at another unit does not see it', async () => {
  const unit = await buildUnit(t, { pack: 'real-estate' });
  const specialist = await buildUser(t, { role: 'specialist', orgNodeId: unit.id });
  const outsider = await buildUser(t, { role: 'specialist' });
  const made = await buildComplaint(t, { unitId: unit.id, actor: specialist });
  assert.equal(made.complaint.unit_id, unit.id);
  assert.equal((await t.api('GET', `/api/complaints/${made.complaint.id}`, undefined, { as: specialist })).statusCode, 200);
  assert.equal((await t.api('GET', `/api/complaints/${made.complaint.id}`, undefined, { as: outsider })).statusCode, 404);
});

test('factories: buildUsers places one user per role at its node, and each logs in as that role', async () => {
  const unit = await buildUnit(t, { pack: 'real-estate' });
  const [eng] = await buildDepartments(t, unit, ['工程管理部']);
  const staff = await buildUsers(t, { agent: unit.companyId, handler: eng.id, auditor: null });
  assert.deepEqual(
    Object.values(staff).map((u) => [u.role, u.orgNodeId]),
    [
      ['agent', unit.companyId],
      ['handler', eng.id],
      ['auditor', null],
    ],
  );
  for (const u of Object.values(staff)) {
    const me = await t.api('GET', '/api/me', undefined, { as: u });
    assert.equal(me.statusCode, 200, me.body);
    assert.deepEqual([me.json().user.role, me.json().user.orgNodeId], [u.role, u.orgNodeId]);
  }
});
