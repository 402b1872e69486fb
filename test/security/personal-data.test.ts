/**
 * R-IN-4: personal data is masked in lists for everyone and in the detail for roles that do not
 * handle the case; the unmasked contact is one logged request away for those who do.
 * The test owns its organisation and users (test/helpers/factories.ts): under a group of its own, a
 * real-estate project with a department and a manufacturer with a quality department, each under its own
 * company, and one user of each role placed where the demo organisation places it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { ROLES, roleHas } from '../../src/security/permissions.ts';
import { placeComplaint, type Placed } from './security-fixtures.ts';
import { buildCompany, buildDepartments, buildGroup, buildUnit, buildUsers, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let users: Record<(typeof ROLES)[number], User>;
let garden: Unit;
let c: Placed;
let cq: Placed;
const PHONE = '13812345678';
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  const group = await buildGroup(t);
  garden = await buildUnit(t, {
    pack: 'real-estate',
    companyId: (await buildCompany(t, { groupId: group.id })).id,
    settings: { portal: true },
  });
  const mfg = await buildUnit(t, { pack: 'manufacturing', companyId: (await buildCompany(t, { groupId: group.id })).id });
  const [eng] = await buildDepartments(t, garden, ['工程管理部']);
  const [quality] = await buildDepartments(t, mfg, ['质量部']);
  users = await buildUsers(t, {
    agent: group.id,
    specialist: garden.id,
    handler: eng.id,
    qa: mfg.companyId,
    manager: group.id,
    admin: group.id,
    auditor: group.id,
  });
  // Dispatched to the handler's department: in scope for every role but qa, whose company gets its own.
  c = await placeComplaint(t, garden.id, eng.id, { phone: PHONE, as: users.admin });
  cq = await placeComplaint(t, mfg.id, quality.id, { phone: PHONE, as: users.admin });
});
const caseFor = (role: string) => (role === 'qa' ? cq : c);
after(async () => t.close());

test('R-IN-4: every role sees the phone and e-mail masked in the list', async () => {
  for (const role of ROLES) {
    const res = await t.api('GET', '/api/complaints?limit=200', undefined, { as: users[role] });
    assert.equal(res.statusCode, 200, res.body);
    const item = res.json().items.find((i: { id: string }) => i.id === caseFor(role).id);
    assert.ok(item, `${role} lists the complaint`);
    assert.equal(item.customer.phone, '138****5678', role);
    assert.equal(item.customer.email, 'z***@example.com', role);
    assert.ok(!res.body.includes(PHONE), `${role}: the full number appears nowhere in the list`);
  }
});

test('R-IN-4: the detail shows the contact only to roles that handle the case (not handler, not auditor)', async () => {
  for (const role of ROLES) {
    const res = await t.api('GET', `/api/complaints/${caseFor(role).id}`, undefined, { as: users[role] });
    assert.equal(res.statusCode, 200, res.body);
    const shown = roleHas(role, 'contact.view');
    assert.equal(res.json().customer.phone, shown ? PHONE : '138****5678', role);
    assert.equal(res.json().customer.email, shown ? 'zhang.wei@example.com' : 'z***@example.com', role);
    if (!shown) assert.ok(!res.body.includes(PHONE), `${role}: the full number appears nowhere in the detail`);
  }
  assert.equal(roleHas('handler', 'contact.view'), false);
  assert.equal(roleHas('auditor', 'contact.view'), false);
});

test('R-IN-4: GET /contact returns the unmasked contact and writes a contact_viewed event naming who looked; refused roles leave no trace', async () => {
  const before = (await t.api('GET', `/api/complaints/${c.id}/events`, undefined, { as: users.agent })).json().length;
  const refused = await t.api('GET', `/api/complaints/${c.id}/contact`, undefined, { as: users.auditor });
  assert.equal(refused.statusCode, 403);
  assert.equal((await t.api('GET', `/api/complaints/${c.id}/contact`, undefined, { as: users.handler })).statusCode, 403);

  const res = await t.api('GET', `/api/complaints/${c.id}/contact`, undefined, { as: users.specialist });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(
    { phone: res.json().phone, email: res.json().email, name: res.json().name },
    { phone: PHONE, email: 'zhang.wei@example.com', name: '张伟' },
  );

  const events = (await t.api('GET', `/api/complaints/${c.id}/events`, undefined, { as: users.agent })).json();
  assert.equal(events.length, before + 1, 'one event per view, none for the refused requests');
  const viewed = events.at(-1);
  assert.equal(viewed.type, 'contact_viewed');
  assert.equal(viewed.actor.name, users.specialist.name);
  assert.deepEqual(viewed.data.fields, ['phone', 'email']);
  assert.equal(viewed.seq, events.at(-2).seq + 1, 'the event continues the hash chain');
  assert.equal(viewed.at, '2026-11-24T02:00:00.000Z');
});

test('R-IN-4: contact_viewed never reaches the customer portal timeline', async () => {
  // A portal complaint whose contact an agent has viewed shows no such step to its customer.
  const sub = await t.app.inject({
    method: 'POST',
    url: '/api/portal/complaints',
    payload: { unitId: garden.id, customer: { name: '王五', phone: '13700001111' }, title: '门禁故障', content: '小区门禁卡无法使用' },
  });
  assert.equal(sub.statusCode, 201, sub.body);
  const { code, secret } = sub.json();
  const found = (await t.api('GET', `/api/complaints?q=${encodeURIComponent(code)}`, undefined, { as: users.agent })).json().items[0];
  assert.equal((await t.api('GET', `/api/complaints/${found.id}/contact`, undefined, { as: users.agent })).statusCode, 200);
  const track = await t.app.inject({ method: 'POST', url: '/api/portal/track', payload: { code, secret } });
  assert.equal(track.statusCode, 200, track.body);
  assert.ok(!track.json().timeline.some((e: { type: string }) => e.type === 'contact_viewed'));
});

test('R-IN-4: searching by phone number finds the complaint only for roles that may see the number', async () => {
  for (const role of ['agent', 'auditor', 'handler'] as const) {
    const res = await t.api('GET', `/api/complaints?q=${PHONE}`, undefined, { as: users[role] });
    assert.equal(res.statusCode, 200);
    const ids = res.json().items.map((i: { id: string }) => i.id);
    assert.equal(ids.includes(c.id), roleHas(role, 'contact.view'), role);
    if (!roleHas(role, 'contact.view')) assert.equal(res.json().total, 0, role);
  }
});
