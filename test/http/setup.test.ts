/**
 * The first run (#16 item 1): on an empty installation (no organisation, no demo data) the setup
 * creates the organisation, its first company with its pack, its first unit and the first
 * administrator, logs them in, and happens once; with an administrator from PLAINT_ADMIN_EMAIL it
 * needs their login and asks for no account; two racing setups: one wins, the other gets 409.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { ensureUser } from '../../src/use-cases/auth.ts';

let fresh: TestApp;
let withEnvAdmin: TestApp;
before(async () => {
  fresh = await createTestApp({ empty: true });
  withEnvAdmin = await createTestApp({ empty: true });
  // As src/main.ts does with PLAINT_ADMIN_EMAIL / PLAINT_ADMIN_PASSWORD.
  await ensureUser(withEnvAdmin.deps, {
    email: 'ops@example.com',
    name: 'Administrator',
    password: 'env-admin-password-1',
    role: 'admin',
    orgNodeId: null,
  });
});
after(async () => {
  await fresh.close();
  await withEnvAdmin.close();
});

const good = {
  organisation: { name: '华南置业集团' },
  company: { name: '华南置业地产有限公司', policyId: 'real-estate' },
  unit: { name: '滨海花园项目' },
  admin: { email: 'Chen.Li@example.com', name: '陈立', password: 'a long setup phrase 7' },
};

/** GET /api/setup without the list of packs. */
async function status(t: TestApp): Promise<{ needed: boolean; adminExists: boolean }> {
  const { needed, adminExists } = (await t.app.inject({ method: 'GET', url: '/api/setup' })).json();
  return { needed, adminExists };
}

const setup = (t: TestApp, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/setup', payload: payload as never, headers });

/** The web session the answer set, as the browser would send it back. */
function sessionOf(res: LightMyRequestResponse): Record<string, string> {
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  assert.ok(cookies.plaint_session && cookies.plaint_csrf, `session cookies set: ${JSON.stringify(res.cookies)}`);
  return { cookie: `plaint_session=${cookies.plaint_session}; plaint_csrf=${cookies.plaint_csrf}`, 'x-csrf-token': cookies.plaint_csrf };
}

test('#16 item 1: an empty installation needs setup and says no administrator exists', async () => {
  const res = await fresh.app.inject({ method: 'GET', url: '/api/setup' });
  assert.equal(res.statusCode, 200);
  const { packs, ...status } = res.json();
  assert.deepEqual(status, { needed: true, adminExists: false });
  assert.ok(
    packs.some((p: { id: string; nameZh: string }) => p.id === 'real-estate' && p.nameZh),
    'the packs to choose from, before any login',
  );
  assert.deepEqual((await fresh.app.inject({ method: 'GET', url: '/api/portal/units' })).json(), [], 'nothing is open to the public yet');
});

test('#16 item 1: bad input is refused naming the field, and nothing is written', async () => {
  const cases: [unknown, string][] = [
    [{ ...good, admin: undefined }, 'admin'],
    [{ ...good, admin: { ...good.admin, password: 'short' } }, 'admin.password'],
    [{ ...good, admin: { ...good.admin, password: 'chen.li@example.com' } }, 'admin.password'],
    [{ ...good, company: { ...good.company, policyId: 'no-such-pack' } }, 'company.policyId'],
    [{ ...good, organisation: { name: '  ' } }, 'organisation.name'],
    [{ ...good, admin: { ...good.admin, email: 'not-an-address' } }, 'admin.email'],
  ];
  for (const [body, field] of cases) {
    const res = await setup(fresh, body);
    assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
    assert.equal(res.json().error.field, field, res.body);
  }
  assert.deepEqual(await status(fresh), { needed: true, adminExists: false });
});

test('#16 item 1: setup creates group, company with its pack, unit on that pack and the administrator, logged in; then it is gone (409)', async () => {
  const res = await setup(fresh, good);
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  assert.equal(body.user.email, 'chen.li@example.com');
  assert.equal(body.user.role, 'admin');
  assert.equal(body.user.orgNodeId, null, 'the installation administrator: no node, the whole installation');
  const session = sessionOf(res);
  assert.equal(body.csrfToken, session['x-csrf-token']);

  const me = await fresh.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } });
  assert.equal(me.statusCode, 200, 'the new administrator is logged in');
  assert.ok(me.json().capabilities.includes('org.manage'));

  const nodes = (await fresh.app.inject({ method: 'GET', url: '/api/org-nodes', headers: { cookie: session.cookie } })).json();
  const byId = new Map(nodes.map((n: { id: string }) => [n.id, n]));
  assert.deepEqual(
    { ...(byId.get(body.organisationId) as object), createdAt: undefined },
    {
      id: body.organisationId,
      name: '华南置业集团',
      kind: 'group',
      parentId: null,
      policyId: null,
      disabled: false,
      portal: false,
      replyApproval: null,
      editable: true,
      createdAt: undefined,
    },
  );
  assert.equal((byId.get(body.companyId) as { policyId: string }).policyId, 'real-estate');
  const unit = byId.get(body.unitId) as { parentId: string; policyId: string; kind: string; portal: boolean };
  assert.equal(unit.kind, 'unit');
  assert.equal(unit.parentId, body.companyId);
  assert.equal(unit.policyId, 'real-estate', "the unit follows its company's pack");
  assert.equal(unit.portal, false, 'a new unit starts closed to the portal');

  // The unit receives complaints on the default calendar, as every unit starts on.
  const cal = await fresh.app.inject({ method: 'GET', url: `/api/units/${body.unitId}/calendar`, headers: { cookie: session.cookie } });
  assert.equal(cal.statusCode, 200, cal.body);
  assert.equal(cal.json().calendar.version, 1);

  const log = (
    await fresh.app.inject({ method: 'GET', url: `/api/org-nodes/${body.companyId}/changes`, headers: { cookie: session.cookie } })
  ).json();
  assert.equal(log.length, 1);
  assert.equal(log[0].action, 'create');
  assert.equal(log[0].by.name, '陈立');
  assert.equal(log[0].before, null);
  assert.equal(log[0].after.policyId, 'real-estate');

  assert.deepEqual(await status(fresh), { needed: false, adminExists: true });
  const again = await setup(fresh, { ...good, admin: { ...good.admin, email: 'someone.else@example.com' } });
  assert.equal(again.statusCode, 409, again.body);
  const asAdmin = await setup(fresh, { ...good, admin: undefined }, session);
  assert.equal(asAdmin.statusCode, 409, 'not even the administrator sets up twice');

  const login = await fresh.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'chen.li@example.com', password: 'a long setup phrase 7' },
  });
  assert.equal(login.statusCode, 200, 'the administrator logs in with the password chosen at setup');
});

test('#16 item 1: with an administrator from PLAINT_ADMIN_EMAIL, setup needs their login, asks for no account, and two racing setups make one organisation', async () => {
  assert.deepEqual(await status(withEnvAdmin), { needed: true, adminExists: true });
  const orgOnly = { organisation: good.organisation, company: good.company };
  const anonymous = await setup(withEnvAdmin, { ...orgOnly, admin: good.admin });
  assert.equal(anonymous.statusCode, 401, `nobody takes over an installation whose administrator exists: ${anonymous.body}`);

  const login = await withEnvAdmin.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'ops@example.com', password: 'env-admin-password-1' },
  });
  const token = login.json().token as string;
  const auth = { authorization: `Bearer ${token}` };
  const withAccount = await setup(withEnvAdmin, { ...orgOnly, admin: good.admin }, auth);
  assert.equal(withAccount.statusCode, 400);
  assert.equal(withAccount.json().error.field, 'admin');

  const [a, b] = await Promise.all([setup(withEnvAdmin, orgOnly, auth), setup(withEnvAdmin, orgOnly, auth)]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 409], `${a.body} / ${b.body}`);
  const won = a.statusCode === 201 ? a : b;
  assert.equal(won.json().user.email, 'ops@example.com');
  assert.equal(won.json().unitId, null, 'no unit asked for, none made');
  assert.equal(won.cookies.length, 0, 'the caller keeps their own session');
  const nodes = (await withEnvAdmin.app.inject({ method: 'GET', url: '/api/org-nodes', headers: auth })).json();
  assert.equal(nodes.length, 2, 'one group and one company: the loser wrote nothing');
});
