/**
 * Issue #16, "Judged by", end to end through the HTTP API on an empty installation (no demo data, as
 * under NODE_ENV=production): setup; a company with a real-estate unit; a user with a position; the
 * unit's phone dispatch limit in working hours tuned from 30 to 20 minutes through
 * PUT /api/units/:id/policy; a complaint received after the change is due 20 minutes after receipt and
 * its trace names the version, one received before keeps 30 (R-TL-2, S0 Vanke 5.2.2 A). Then a bad
 * override names its JSON path, and a company administrator cannot touch another company's tree or pack.
 * Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

// Tuesday 24 November 2026, 09:00 in Shanghai: a working day on the default calendar (09:00–18:00).
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
let t: TestApp;
before(async () => {
  t = await createTestApp({ empty: true, now: sh('2026-11-24T09:00:00') });
});
after(async () => t.close());

const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, token: string | null, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as never, headers: token ? { authorization: `Bearer ${token}` } : {} });

async function login(email: string, password: string): Promise<string> {
  const res = await call('POST', '/api/auth/login', null, { email, password });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().token as string;
}

type Clock = { name: string; dueAt: string; trace: { detail: string; detailZh?: string }[] };
const dispatchOf = (c: { clocks: Clock[] }) => c.clocks.find((k) => k.name === 'dispatch')!;

test('#16 judged: setup, a company with a real-estate unit, a user with a position, a tuned dispatch limit; complaints before and after keep their versions', async () => {
  assert.equal((await call('GET', '/api/setup', null)).json().needed, true, 'an empty installation asks for setup');
  const setup = await call('POST', '/api/setup', null, {
    organisation: { name: '华南置业集团' },
    company: { name: '华南置业地产有限公司', policyId: 'real-estate' },
    admin: { email: 'admin@huanan.example', name: '陈立', password: 'a long setup phrase 7' },
  });
  assert.equal(setup.statusCode, 201, setup.body);
  const { organisationId, companyId } = setup.json();
  assert.equal((await call('GET', '/api/setup', null)).json().needed, false);
  assert.equal(
    (await call('POST', '/api/setup', null, { organisation: { name: 'x' }, company: { name: 'y', policyId: 'real-estate' } })).statusCode,
    409,
  );
  const admin = await login('admin@huanan.example', 'a long setup phrase 7');

  const unitRes = await call('POST', '/api/org-nodes', admin, { name: '滨海花园项目', kind: 'unit', parentId: companyId });
  assert.equal(unitRes.statusCode, 201, unitRes.body);
  const unitId = unitRes.json().id as string;
  assert.equal(unitRes.json().policyId, 'real-estate', "a unit follows its company's pack");

  const agentRes = await call('POST', '/api/users', admin, {
    email: 'kefu@huanan.example',
    name: '客服 王芳',
    role: 'agent',
    orgNodeId: companyId,
    password: 'another long phrase 8',
    positions: [{ positionId: 'service_centre', orgNodeId: companyId }],
  });
  assert.equal(agentRes.statusCode, 201, agentRes.body);
  assert.deepEqual(agentRes.json().positions, [{ positionId: 'service_centre', orgNodeId: companyId }]);
  const agent = await login('kefu@huanan.example', 'another long phrase 8');

  const intake = async (receivedAt: string, title: string) => {
    const res = await call('POST', '/api/complaints', agent, {
      unitId,
      channel: 'phone',
      receivedAt,
      customer: { name: '业主', phone: '13900007777' },
      title,
      content: `${title}，请尽快处理。`,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; policyVersion: number; clocks: Clock[] };
  };

  t.clock.set(sh('2026-11-24T10:05:00'));
  const before = await intake(sh('2026-11-24T10:00:00'), '电梯故障');
  assert.equal(dispatchOf(before).dueAt, sh('2026-11-24T10:30:00'), 'R-TL-2: 30 working minutes by the standard pack');
  assert.equal(before.policyVersion, 0);

  const policy = await call('GET', `/api/units/${unitId}/policy`, admin);
  assert.equal(policy.statusCode, 200, policy.body);
  const clocks = structuredClone(policy.json().effective.clocks) as { name: string; due: { inHours?: { minutes?: number } } }[];
  const i = clocks.findIndex((c) => c.name === 'dispatch');
  assert.equal(clocks[i]!.due.inHours?.minutes, 30);
  clocks[i]!.due.inHours!.minutes = 20;
  const tuned = await call('PUT', `/api/units/${unitId}/policy`, admin, { overrides: { clocks } });
  assert.equal(tuned.statusCode, 200, tuned.body);
  const version = tuned.json().version as number;
  assert.ok(version > 0);
  assert.equal(tuned.json().effective.clocks[i].due.inHours.minutes, 20);

  t.clock.set(sh('2026-11-24T10:45:00'));
  const after = await intake(sh('2026-11-24T10:40:00'), '车位被占');
  assert.equal(dispatchOf(after).dueAt, sh('2026-11-24T11:00:00'), 'the tuned limit: 20 working minutes');
  assert.equal(after.policyVersion, version);
  assert.match(dispatchOf(after).trace[0]!.detail, new RegExp(`real-estate v${version}`), 'the trace names the version');

  const earlier = (await call('GET', `/api/complaints/${before.id}`, agent)).json();
  assert.equal(dispatchOf(earlier).dueAt, sh('2026-11-24T10:30:00'), 'the earlier complaint keeps 30 minutes');
  assert.equal(earlier.policyVersion, 0);
  assert.match(dispatchOf(earlier).trace[0]!.detail, /standard/);

  // A bad override: the 400 names the JSON path of the bad value; nothing is saved.
  clocks[i]!.due.inHours!.minutes = -5;
  const bad = await call('PUT', `/api/units/${unitId}/policy`, admin, { overrides: { clocks } });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.match(bad.body, new RegExp(`/clocks/${i}/due/inHours/minutes`));
  assert.equal((await call('GET', `/api/units/${unitId}/policy`, admin)).json().version, version);

  // A second company with its own administrator: neither reaches the other's tree or pack.
  const other = await call('POST', '/api/org-nodes', admin, {
    name: '华南物业服务有限公司',
    kind: 'company',
    parentId: organisationId,
    policyId: 'property',
  });
  assert.equal(other.statusCode, 201, other.body);
  const otherUnit = await call('POST', '/api/org-nodes', admin, { name: '翠湖苑', kind: 'unit', parentId: other.json().id });
  assert.equal(otherUnit.statusCode, 201, otherUnit.body);
  const companyAdmin = await call('POST', '/api/users', admin, {
    email: 'it@huanan.example',
    name: '公司管理员',
    role: 'admin',
    orgNodeId: companyId,
    password: 'a third long phrase 9',
  });
  assert.equal(companyAdmin.statusCode, 201, companyAdmin.body);
  const local = await login('it@huanan.example', 'a third long phrase 9');
  const foreign = [
    await call('PATCH', `/api/org-nodes/${other.json().id}`, local, { name: '改名' }),
    await call('PATCH', `/api/org-nodes/${otherUnit.json().id}`, local, { disabled: true }),
    await call('POST', '/api/org-nodes', local, { name: '新部门', kind: 'department', parentId: otherUnit.json().id }),
    await call('GET', `/api/units/${otherUnit.json().id}/policy`, local),
    await call('PUT', `/api/units/${otherUnit.json().id}/policy`, local, { overrides: {} }),
  ];
  assert.deepEqual(
    foreign.map((r) => r.statusCode),
    [404, 404, 404, 404, 404],
    foreign.map((r) => r.body).join('\n'),
  );
  // Inside its own company it works.
  const own = await call('GET', `/api/units/${unitId}/policy`, local);
  assert.equal(own.statusCode, 200, own.body);
});
