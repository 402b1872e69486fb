/**
 * Issue #16 item 3 (people): what an account manager may do to others' accounts beyond create and edit
 * (docs/SECURITY.md, "Accounts"): unlock a locked-out e-mail, list and revoke another user's API tokens,
 * and the rules of scope and grant. A company administrator manages its own subtree only: another
 * company's user answers 404 on every route, and no account is given a node outside the subtree or no
 * node at all. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildUnit, buildUser, type User } from '../helpers/factories.ts';
import { LOCKOUT } from '../../src/use-cases/auth.ts';
import { roleGrantable, ROLES } from '../../src/security/permissions.ts';

let t: TestApp;
let adminA: User;
let companyA: string;
let unitA: string;
let companyB: string;
let userB: User;

before(async () => {
  t = await createTestApp();
  companyA = (await buildCompany(t)).id;
  unitA = (await buildUnit(t, { pack: 'real-estate', companyId: companyA })).id;
  companyB = (await buildCompany(t)).id;
  adminA = await buildUser(t, { role: 'admin', orgNodeId: companyA });
  userB = await buildUser(t, { role: 'agent', orgNodeId: companyB });
});
after(async () => t.close());

const asA = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => t.api(method, url, body, { as: adminA });
const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

test('#16 item 3: unlock clears a lock-out that real failed logins made; the list shows locked and until when', async () => {
  const u = await buildUser(t, { role: 'agent', orgNodeId: unitA });
  for (let i = 0; i < LOCKOUT.maxPerEmail; i++) assert.equal((await login(u.email, `wrong guess ${i}`)).statusCode, 401);
  assert.equal((await login(u.email, TEST_PASSWORD)).statusCode, 429, 'locked even for the right password');

  const listed = (await asA('GET', '/api/users')).json().find((x: { id: string }) => x.id === u.id);
  assert.equal(listed.locked, true);
  assert.equal(new Date(listed.lockedUntil).getTime(), t.clock.now.getTime() + LOCKOUT.windowMs);
  const one = (await asA('GET', `/api/users/${u.id}`)).json();
  assert.equal(one.locked, true);

  const unlocked = await asA('POST', `/api/users/${u.id}/unlock`);
  assert.equal(unlocked.statusCode, 200, unlocked.body);
  assert.equal(unlocked.json().locked, false);
  assert.equal(unlocked.json().lockedUntil, null);
  assert.equal((await login(u.email, TEST_PASSWORD)).statusCode, 200, 'the owner logs in again');
});

test('#16 item 3: a lock-out ends by itself after its window (locked: false without an unlock)', async () => {
  const u = await buildUser(t, { role: 'agent', orgNodeId: unitA });
  for (let i = 0; i < LOCKOUT.maxPerEmail; i++) await login(u.email, `wrong guess ${i}`);
  assert.equal((await asA('GET', `/api/users/${u.id}`)).json().locked, true);
  t.clock.advance(LOCKOUT.windowMs + 1000);
  assert.equal((await asA('GET', `/api/users/${u.id}`)).json().locked, false);
});

test('#16 item 3: an account manager lists another user’s live API tokens (never the secret) and revokes one', async () => {
  const u = await buildUser(t, { role: 'agent', orgNodeId: unitA });
  const session = (await login(u.email, TEST_PASSWORD)).json().token as string;
  const make = (name: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { authorization: `Bearer ${session}` }, payload: { name } });
  const one = (await make('报表脚本')).json();
  const two = (await make('同步')).json();

  const list = await asA('GET', `/api/users/${u.id}/tokens`);
  assert.equal(list.statusCode, 200, list.body);
  assert.deepEqual(
    list.json().map((x: { name: string }) => x.name),
    ['报表脚本', '同步'],
  );
  assert.ok(!list.body.includes(one.token) && !list.body.includes(two.token), 'never the secret');
  assert.deepEqual(Object.keys(list.json()[0]).sort(), ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name']);

  assert.equal((await asA('DELETE', `/api/users/${u.id}/tokens/${one.id}`)).statusCode, 204);
  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  assert.equal((await me(one.token)).statusCode, 401, 'the revoked token no longer works');
  assert.equal((await me(two.token)).statusCode, 200);
  assert.equal((await asA('GET', `/api/users/${u.id}/tokens`)).json().length, 1);
  assert.equal((await asA('DELETE', `/api/users/${u.id}/tokens/${one.id}`)).statusCode, 404, 'already revoked');

  // A token of another user, named under this user's path, is not found.
  const other = await buildUser(t, { role: 'agent', orgNodeId: unitA });
  assert.equal((await asA('DELETE', `/api/users/${other.id}/tokens/${two.id}`)).statusCode, 404);
  assert.equal((await me(two.token)).statusCode, 200);
});

test('#16 item 3: a company admin gets 404 for another company’s user on every route', async () => {
  const session = (await login(userB.email, TEST_PASSWORD)).json().token as string;
  const token = (
    await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { authorization: `Bearer ${session}` }, payload: { name: 'b' } })
  ).json();
  const calls: [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown][] = [
    ['GET', `/api/users/${userB.id}`],
    ['PATCH', `/api/users/${userB.id}`, { disabled: true }],
    ['POST', `/api/users/${userB.id}/invite`],
    ['POST', `/api/users/${userB.id}/password-reset`],
    ['POST', `/api/users/${userB.id}/unlock`],
    ['GET', `/api/users/${userB.id}/tokens`],
    ['DELETE', `/api/users/${userB.id}/tokens/${token.id}`],
  ];
  for (const [method, url, body] of calls) {
    const res = await asA(method, url, body);
    assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
  }
  assert.ok(!(await asA('GET', '/api/users')).body.includes(userB.id), 'not in the list either');
  const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token.token}` } });
  assert.equal(me.statusCode, 200, 'B’s token survived');
});

test('#16 item 3: a company admin cannot create or move an admin outside its subtree, nor a node-less one', async () => {
  const admin = (orgNodeId: string | null, email: string) => ({ email, name: '管理员', role: 'admin', orgNodeId });
  const elsewhere = await asA('POST', '/api/users', admin(companyB, 'admin-b@people.test'));
  assert.equal(elsewhere.statusCode, 404, elsewhere.body);
  const nodeless = await asA('POST', '/api/users', admin(null, 'admin-root@people.test'));
  assert.equal(nodeless.statusCode, 400, nodeless.body);
  assert.equal(nodeless.json().error.field, 'orgNodeId');
  const mine = await asA('POST', '/api/users', admin(unitA, 'admin-unit@people.test'));
  assert.equal(mine.statusCode, 201, 'an admin at a node inside the subtree is allowed');
  const moved = await asA('PATCH', `/api/users/${mine.json().id}`, { orgNodeId: companyB });
  assert.equal(moved.statusCode, 404, moved.body);
  const positions = await asA('PATCH', `/api/users/${mine.json().id}`, {
    positions: [{ positionId: 'unit-manager', orgNodeId: companyB }],
  });
  assert.equal(positions.statusCode, 404, 'a position at a node outside the subtree');
});

test('#16 item 3: nobody disables or demotes themselves (409), and only a holder of users.manage reaches the routes (403)', async () => {
  assert.equal((await asA('PATCH', `/api/users/${adminA.id}`, { disabled: true })).statusCode, 409);
  assert.equal((await asA('PATCH', `/api/users/${adminA.id}`, { role: 'agent' })).statusCode, 409);
  const agent = await buildUser(t, { role: 'agent', orgNodeId: companyA });
  const target = await buildUser(t, { role: 'agent', orgNodeId: companyA });
  for (const [method, url] of [
    ['POST', `/api/users/${target.id}/invite`],
    ['POST', `/api/users/${target.id}/password-reset`],
    ['POST', `/api/users/${target.id}/unlock`],
    ['GET', `/api/users/${target.id}/tokens`],
  ] as const) {
    assert.equal((await t.api(method, url, undefined, { as: agent })).statusCode, 403, `${method} ${url}`);
  }
});

test('#16 item 3: a role is granted only by a manager holding all its powers (roleGrantable)', () => {
  for (const role of ROLES) assert.equal(roleGrantable('admin', role), true, `admin grants ${role}`);
  assert.equal(roleGrantable('manager', 'admin'), false);
  assert.equal(roleGrantable('qa', 'manager'), false, 'manager holds complaint.import, qa does not');
  assert.equal(roleGrantable('manager', 'agent'), true, 'an agent’s powers are all a manager’s');
  assert.equal(roleGrantable('agent', 'auditor'), false, 'exportlog.read is an auditor’s, not an agent’s');
  assert.equal(roleGrantable('admin', 'superuser'), false);
});

test('#16 item 3: bad input is a 400 naming the field', async () => {
  const u = await buildUser(t, { role: 'agent', orgNodeId: unitA });
  const badId = await asA('POST', '/api/users/not-a-uuid/unlock');
  assert.equal(badId.statusCode, 400, badId.body);
  assert.match(badId.json().error.message, /id/);
  const badToken = await asA('DELETE', `/api/users/${u.id}/tokens/nope`);
  assert.equal(badToken.statusCode, 400);
  assert.match(badToken.json().error.message, /tokenId/);
  const badRole = await asA('PATCH', `/api/users/${u.id}`, { role: 'superuser' });
  assert.equal(badRole.statusCode, 400);
  assert.match(badRole.json().error.message, /role/);
  const badAccept = await t.app.inject({ method: 'POST', url: '/api/auth/invite/accept', payload: { token: '', password: 'x' } });
  assert.equal(badAccept.statusCode, 400);
  assert.match(badAccept.json().error.message, /token/);
});
