/**
 * Issue #16 item 4, tuned packs: GET / PUT /api/units/:id/policy and its preview, on PGlite and (with
 * DATABASE_URL) PostgreSQL. The judged scenario: a real-estate unit's phone dispatch limit in hours goes
 * from 30 business minutes to 20; a complaint received after the change is due 20 minutes later and its
 * trace names the new version, one received before keeps 30 and the standard pack, and its later steps
 * keep using its own version.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildDepartments, buildUnit, buildUser, type Node, type Unit, type User } from '../helpers/factories.ts';
import { getPack } from '../../src/policies/index.ts';

// Tuesday 24 November 2026, a working day in Shanghai (09:00–18:00 on the default calendar).
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

let t: TestApp;
let companyA: Node, companyB: Node;
let unit: Unit, sibling: Unit, unitB: Unit;
let eng: Node;
let adminA: User, adminB: User, agentA: User, managerA: User;

before(async () => {
  t = await createTestApp({ now: sh('2026-11-24T10:00:00') });
  companyA = await buildCompany(t);
  companyB = await buildCompany(t);
  unit = await buildUnit(t, { pack: 'real-estate', companyId: companyA.id });
  sibling = await buildUnit(t, { pack: 'real-estate', companyId: companyA.id });
  unitB = await buildUnit(t, { pack: 'real-estate', companyId: companyB.id });
  [eng] = await buildDepartments(t, unit, ['工程部']);
  adminA = await buildUser(t, { role: 'admin', orgNodeId: companyA.id });
  adminB = await buildUser(t, { role: 'admin', orgNodeId: companyB.id });
  agentA = await buildUser(t, { role: 'agent', orgNodeId: companyA.id });
  managerA = await buildUser(t, { role: 'manager', orgNodeId: companyA.id });
});
after(async () => t.close());

/** The real-estate clocks with the dispatch clock's in-hours limit set to `minutes` (arrays are replaced whole, RFC 7396). */
function dispatchIn(minutes: number, acknowledgeHours?: number): Record<string, unknown> {
  const clocks = structuredClone(getPack('real-estate').clocks) as unknown as Record<string, any>[];
  const dispatch = clocks.findIndex((c) => c.name === 'dispatch');
  assert.equal(dispatch, 1, 'the path named in the tests below is /clocks/1/…');
  clocks[dispatch].due.inHours.minutes = minutes;
  if (acknowledgeHours) clocks.find((c) => c.name === 'acknowledge')!.due = { kind: 'business_hours', hours: acknowledgeHours };
  return { clocks };
}

async function phoneComplaint(unitId: string, receivedAt: string, title: string, as: User = agentA) {
  const res = await t.api(
    'POST',
    '/api/complaints',
    { unitId, channel: 'phone', receivedAt, customer: { name: '业主', phone: '13900005678' }, title, content: `${title}，请尽快处理。` },
    { as },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const clock = (c: { clocks: { name: string; dueAt: string; trace: { detail: string; detailZh?: string }[] }[] }, name: string) => {
  const found = c.clocks.find((k) => k.name === name);
  assert.ok(found, `clock ${name} is running`);
  return found;
};

test('#16 item 4: GET a unit with no overrides answers the shipped pack at version 0', async () => {
  const res = await t.api('GET', `/api/units/${unit.id}/policy`, undefined, { as: adminA });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.policyId, 'real-estate');
  assert.equal(body.version, 0);
  assert.deepEqual(body.overrides, {});
  assert.deepEqual(body.inherited, []);
  assert.deepEqual(body.effective, body.standard);
  assert.deepEqual(body.effective.clocks, getPack('real-estate').clocks);
});

test('#16 item 4 (judged): a phone dispatch limit of 20 minutes applies to complaints received after the change; earlier ones keep 30 and their version', async () => {
  t.clock.set(sh('2026-11-24T10:05:00'));
  const before = await phoneComplaint(unit.id, sh('2026-11-24T10:00:00'), '电梯异响');
  assert.equal(before.policyVersion, 0);
  assert.equal(clock(before, 'dispatch').dueAt, sh('2026-11-24T10:30:00'), 'standard: 30 business minutes');
  assert.match(clock(before, 'dispatch').trace[0].detail, /policy real-estate standard/);
  assert.match(clock(before, 'dispatch').trace[0].detailZh!, /政策包 real-estate 标准版/);

  const put = await t.api('PUT', `/api/units/${unit.id}/policy`, { overrides: dispatchIn(20) }, { as: adminA });
  assert.equal(put.statusCode, 200, put.body);
  const saved = put.json();
  const v = saved.version;
  assert.ok(v > 0);
  assert.equal(saved.ownVersion, v);
  assert.equal(saved.effective.clocks[1].due.inHours.minutes, 20);
  assert.equal(saved.standard.clocks[1].due.inHours.minutes, 30, 'the shipped pack is untouched');

  t.clock.set(sh('2026-11-24T10:45:00'));
  const afterChange = await phoneComplaint(unit.id, sh('2026-11-24T10:40:00'), '车库漏水');
  assert.equal(afterChange.policyVersion, v);
  assert.equal(clock(afterChange, 'dispatch').dueAt, sh('2026-11-24T11:00:00'), 'tuned: 20 business minutes');
  assert.match(clock(afterChange, 'dispatch').trace[0].detail, new RegExp(`policy real-estate v${v}\\b`));
  assert.match(clock(afterChange, 'dispatch').trace[0].detailZh!, new RegExp(`政策包 real-estate 第${v}版`));

  // The earlier complaint, read again, keeps its 30 minutes and its version.
  const again = (await t.api('GET', `/api/complaints/${before.id}`, undefined, { as: agentA })).json();
  assert.equal(again.policyVersion, 0);
  assert.equal(clock(again, 'dispatch').dueAt, sh('2026-11-24T10:30:00'));

  // A later version shortens the acknowledgement to 2 hours: the earlier complaint's dispatch still starts
  // its acknowledge clock under its own (standard) pack, 4 business hours.
  const put2 = await t.api('PUT', `/api/units/${unit.id}/policy`, { overrides: dispatchIn(20, 2) }, { as: adminA });
  assert.equal(put2.statusCode, 200, put2.body);
  const v2 = put2.json().version;
  assert.ok(v2 > v);
  t.clock.set(sh('2026-11-24T11:00:00'));
  for (const c of [before, afterChange]) {
    assert.equal(
      (await t.api('POST', `/api/complaints/${c.id}/actions`, { type: 'qualify', result: 'valid' }, { as: agentA })).statusCode,
      200,
    );
    const d = await t.api('POST', `/api/complaints/${c.id}/actions`, { type: 'dispatch', leadDepartmentId: eng.id }, { as: agentA });
    assert.equal(d.statusCode, 200, d.body);
  }
  const early = (await t.api('GET', `/api/complaints/${before.id}`, undefined, { as: agentA })).json();
  assert.equal(clock(early, 'acknowledge').dueAt, sh('2026-11-24T15:00:00'), 'its own pack: 4 business hours');
  assert.match(clock(early, 'acknowledge').trace[0].detail, /policy real-estate standard/);
  const later = (await t.api('GET', `/api/complaints/${afterChange.id}`, undefined, { as: agentA })).json();
  assert.equal(later.policyVersion, v, 'a complaint keeps the version it was received under');
  assert.equal(clock(later, 'acknowledge').dueAt, sh('2026-11-24T15:00:00'), `version ${v}: acknowledgement unchanged at 4 hours`);
  assert.match(clock(later, 'acknowledge').trace[0].detail, new RegExp(`policy real-estate v${v}\\b`));

  t.clock.set(sh('2026-11-24T11:10:00'));
  const newest = await phoneComplaint(unit.id, sh('2026-11-24T11:05:00'), '门禁故障');
  assert.equal(newest.policyVersion, v2);
});

test('#16 item 4: a bad override answers 400 naming its JSON path; changing the pack id is refused; nothing is saved', async () => {
  const before = (await t.api('GET', `/api/units/${sibling.id}/policy`, undefined, { as: adminA })).json();
  const bad = await t.api('PUT', `/api/units/${sibling.id}/policy`, { overrides: dispatchIn(0) }, { as: adminA });
  assert.equal(bad.statusCode, 400, bad.body);
  const error = bad.json().error;
  assert.equal(error.code, 'VALIDATION');
  assert.equal(error.path, '/clocks/1/due/inHours/minutes');
  assert.match(error.message, /\/clocks\/1\/due\/inHours\/minutes: expected a number >= 1/);
  assert.deepEqual(error.issues[0], { path: '/clocks/1/due/inHours/minutes', message: 'expected a number >= 1' });

  const unknownField = await t.api(
    'PUT',
    `/api/units/${sibling.id}/policy`,
    { overrides: { returnVisit: { requird: true } } },
    { as: adminA },
  );
  assert.equal(unknownField.statusCode, 400);
  assert.ok(
    unknownField.json().error.issues.some((i: { path: string }) => i.path === '/returnVisit/requird'),
    unknownField.body,
  );

  const id = await t.api('PUT', `/api/units/${sibling.id}/policy`, { overrides: { id: 'fuel-retail' } }, { as: adminA });
  assert.equal(id.statusCode, 400);
  assert.equal(id.json().error.path, '/id');
  const idNull = await t.api('PUT', `/api/units/${sibling.id}/policy`, { overrides: { id: null } }, { as: adminA });
  assert.equal(idNull.statusCode, 400);

  const notObject = await t.api('PUT', `/api/units/${sibling.id}/policy`, { overrides: [] }, { as: adminA });
  assert.equal(notObject.statusCode, 400);

  const after = (await t.api('GET', `/api/units/${sibling.id}/policy`, undefined, { as: adminA })).json();
  assert.deepEqual(after.history, before.history, 'a refused override writes nothing');
});

test("#16 item 4: a company's override is inherited by its units, a unit's own applies on top, and a company patch must leave every unit valid", async () => {
  const company = await buildCompany(t);
  const u1 = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  const u2 = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  const admin = await buildUser(t, { role: 'admin', orgNodeId: company.id });

  const co = await t.api('PUT', `/api/units/${company.id}/policy`, { overrides: { returnVisit: { required: false } } }, { as: admin });
  assert.equal(co.statusCode, 200, co.body);
  assert.equal(co.json().policyId, 'real-estate', 'a company naming no pack takes the one its units follow');
  const vCo = co.json().version;

  const own = await t.api('PUT', `/api/units/${u1.id}/policy`, { overrides: dispatchIn(20) }, { as: admin });
  assert.equal(own.statusCode, 200, own.body);
  const vOwn = own.json().version;

  const g1 = (await t.api('GET', `/api/units/${u1.id}/policy`, undefined, { as: admin })).json();
  assert.equal(g1.version, vOwn);
  assert.equal(g1.effective.returnVisit.required, false, 'inherited from the company');
  assert.equal(g1.effective.clocks[1].due.inHours.minutes, 20, 'its own on top');
  assert.deepEqual(
    g1.inherited.map((i: { nodeId: string; version: number }) => [i.nodeId, i.version]),
    [[company.id, vCo]],
  );
  assert.deepEqual(g1.overrides, dispatchIn(20));

  const g2 = (await t.api('GET', `/api/units/${u2.id}/policy`, undefined, { as: admin })).json();
  assert.equal(g2.version, vCo);
  assert.deepEqual(g2.overrides, {});
  assert.equal(g2.effective.returnVisit.required, false);
  assert.equal(g2.effective.clocks[1].due.inHours.minutes, 30);

  const agent = await buildUser(t, { role: 'agent', orgNodeId: company.id });
  t.clock.set(sh('2026-11-24T11:30:00'));
  const c2 = await phoneComplaint(u2.id, sh('2026-11-24T11:00:00'), '绿化损坏', agent);
  assert.equal(c2.policyVersion, vCo, 'a complaint at a unit that only inherits takes the company version');

  // A company patch that breaks its units' packs is refused and names the path.
  const broken = await t.api(
    'PUT',
    `/api/units/${company.id}/policy`,
    { overrides: { severity: { defaultLevel: 'nope' } } },
    { as: admin },
  );
  assert.equal(broken.statusCode, 400, broken.body);
  assert.match(broken.json().error.message, /severity/);

  // Returning to the inherited pack: an empty patch is a new version too.
  const reset = await t.api('PUT', `/api/units/${u1.id}/policy`, { overrides: {} }, { as: admin });
  assert.equal(reset.statusCode, 200);
  assert.ok(reset.json().version > vOwn);
  assert.equal(reset.json().effective.clocks[1].due.inHours.minutes, 30);
  assert.equal(reset.json().history.length, 2);
});

test('#16 item 4: scope: a company admin gets 404 for another company and its units; other roles 403', async () => {
  for (const [method, body] of [
    ['GET', undefined],
    ['PUT', { overrides: dispatchIn(20) }],
  ] as const) {
    for (const node of [unitB.id, companyB.id]) {
      const res = await t.api(method, `/api/units/${node}/policy`, body, { as: adminA });
      assert.equal(res.statusCode, 404, `${method} ${node}: ${res.body}`);
    }
  }
  const preview = await t.api(
    'POST',
    `/api/units/${unitB.id}/policy/preview`,
    { overrides: {}, sample: { channel: 'phone', receivedAt: sh('2026-11-24T10:00:00') } },
    { as: adminA },
  );
  assert.equal(preview.statusCode, 404);
  assert.equal(
    (await t.api('GET', `/api/units/${unitB.id}/policy`, undefined, { as: adminB })).statusCode,
    200,
    'its own admin reaches it',
  );
  assert.equal((await t.api('GET', `/api/units/${unitB.id}/policy`, undefined, { as: adminB })).json().version, 0, 'untouched');
  for (const who of [agentA, managerA]) {
    assert.equal((await t.api('GET', `/api/units/${unit.id}/policy`, undefined, { as: who })).statusCode, 403);
    assert.equal((await t.api('PUT', `/api/units/${unit.id}/policy`, { overrides: {} }, { as: who })).statusCode, 403);
  }
  assert.equal((await t.api('GET', `/api/units/${eng.id}/policy`, undefined, { as: adminA })).statusCode, 404, 'a department has no pack');
});

test('#16 item 4: the preview gives each intake clock its due instant under the pack in force and the proposed one, and saves nothing', async () => {
  const u = await buildUnit(t, { pack: 'real-estate', companyId: companyA.id });
  const res = await t.api(
    'POST',
    `/api/units/${u.id}/policy/preview`,
    { overrides: dispatchIn(20), sample: { channel: 'phone', receivedAt: sh('2026-11-24T10:00:00') } },
    { as: adminA },
  );
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  const dispatch = body.clocks.find((c: { name: string }) => c.name === 'dispatch');
  assert.equal(dispatch.current.dueAt, sh('2026-11-24T10:30:00'));
  assert.equal(dispatch.proposed.dueAt, sh('2026-11-24T10:20:00'));
  const accept = body.clocks.find((c: { name: string }) => c.name === 'accept');
  assert.equal(accept.current.dueAt, accept.proposed.dueAt);
  assert.equal(body.calendarUnitId, u.id);

  const web = await t.api(
    'POST',
    `/api/units/${u.id}/policy/preview`,
    { overrides: dispatchIn(20), sample: { channel: 'web', receivedAt: sh('2026-11-24T10:00:00') } },
    { as: adminA },
  );
  const webDispatch = web.json().clocks.find((c: { name: string }) => c.name === 'dispatch');
  assert.equal(webDispatch.proposed.dueAt, sh('2026-11-24T11:00:00'), 'web has its own byChannel rule, untouched');

  const bad = await t.api(
    'POST',
    `/api/units/${u.id}/policy/preview`,
    { overrides: dispatchIn(-5), sample: { channel: 'phone', receivedAt: sh('2026-11-24T10:00:00') } },
    { as: adminA },
  );
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.path, '/clocks/1/due/inHours/minutes');
  assert.equal((await t.api('GET', `/api/units/${u.id}/policy`, undefined, { as: adminA })).json().version, 0, 'nothing saved');
});

test('#16 item 4: a company whose units follow two packs and that names none must say which pack it tunes (409, then policyId)', async () => {
  const company = await buildCompany(t);
  const re = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  await buildUnit(t, { pack: 'property', companyId: company.id });
  const admin = await buildUser(t, { role: 'admin', orgNodeId: company.id });
  const unnamed = await t.api('PUT', `/api/units/${company.id}/policy`, { overrides: { returnVisit: { required: false } } }, { as: admin });
  assert.equal(unnamed.statusCode, 409, unnamed.body);
  assert.match(unnamed.json().error.message, /policyId/);
  const named = await t.api(
    'PUT',
    `/api/units/${company.id}/policy`,
    { overrides: { returnVisit: { required: false } }, policyId: 'real-estate' },
    { as: admin },
  );
  assert.equal(named.statusCode, 200, named.body);
  assert.equal(named.json().policyId, 'real-estate');
  const unit = (await t.api('GET', `/api/units/${re.id}/policy`, undefined, { as: admin })).json();
  assert.equal(unit.effective.returnVisit.required, false, 'the real-estate unit inherits it');
  assert.equal(unit.version, named.json().version);
  const wrong = await t.api('PUT', `/api/units/${re.id}/policy`, { overrides: {}, policyId: 'property' }, { as: admin });
  assert.equal(wrong.statusCode, 400, 'a unit tunes only the pack it follows');
  assert.equal(wrong.json().error.field, 'policyId');
});
