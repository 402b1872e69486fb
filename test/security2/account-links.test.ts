/**
 * Issue #16 item 3 (people): invitations and password resets are one-time links that set a password
 * (docs/SECURITY.md, "Invitations and password resets"). An invited account cannot log in before its
 * owner accepts; a link works once, until it expires, and only the newest one; a reset link, once
 * used, revokes every session and token the user had. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildUser, type User } from '../helpers/factories.ts';

let t: TestApp;
let admin: User;
let companyId: string;
const NEW_PASSWORD = 'a new phrase of mine 42';

before(async () => {
  t = await createTestApp();
  companyId = (await buildCompany(t)).id;
  admin = await buildUser(t, { role: 'admin', orgNodeId: companyId });
});
after(async () => t.close());

let serial = 0;
const asAdmin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => t.api(method, url, body, { as: admin });
const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
const accept = (token: string, password = NEW_PASSWORD) =>
  t.app.inject({ method: 'POST', url: '/api/auth/invite/accept', payload: { token, password } });
const secretOf = (url: string) => new URLSearchParams(new URL(url, 'http://plaint.test').hash.slice(1)).get('token') ?? '';

async function invited(): Promise<{ id: string; email: string; url: string }> {
  const email = `invited-${++serial}@people.test`;
  const res = await asAdmin('POST', '/api/users', { email, name: '受邀用户', role: 'agent', orgNodeId: companyId });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  assert.equal(body.invited, true);
  assert.ok(body.invite, 'a user created without a password comes with its invitation link');
  return { id: body.id, email, url: body.invite.url };
}

test('#16 item 3: invite → accept → log in; the link is single use and an invited account cannot log in before', async () => {
  const u = await invited();
  assert.match(u.url, /\/invite#token=[A-Za-z0-9_-]{40,}$/, 'the secret rides in the fragment');
  assert.equal((await login(u.email, 'not-a-real-password')).statusCode, 401, 'no password yet, not even the dummy hash’s');
  assert.equal((await login(u.email, NEW_PASSWORD)).statusCode, 401);

  const ok = await accept(secretOf(u.url));
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().purpose, 'invite');
  assert.equal(ok.json().user.email, u.email);
  const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${ok.json().token}` } });
  assert.equal(me.statusCode, 200, 'accepting logs the user in');
  assert.equal((await login(u.email, NEW_PASSWORD)).statusCode, 200, 'the password set through the link works');

  const again = await accept(secretOf(u.url), 'yet another phrase 7');
  const unknown = await accept('no-such-token-at-all');
  assert.equal(again.statusCode, 404, again.body);
  assert.deepEqual(again.json(), unknown.json(), 'a used link and an unknown one answer alike');
  assert.equal((await login(u.email, 'yet another phrase 7')).statusCode, 401, 'the second use changed nothing');
  const view = (await asAdmin('GET', `/api/users/${u.id}`)).json();
  assert.equal(view.invited, false);
  assert.equal(view.inviteExpiresAt, null);
});

test('#16 item 3: an expired invitation answers like an unknown one; re-issuing revokes the previous link', async () => {
  const u = await invited();
  const listed = (await asAdmin('GET', `/api/users/${u.id}`)).json();
  assert.ok(listed.inviteExpiresAt, 'the list shows when the invitation ends');
  t.clock.advance(73 * 3600_000);
  const late = await accept(secretOf(u.url));
  assert.equal(late.statusCode, 404, late.body);
  assert.deepEqual(late.json(), (await accept('unknown')).json());

  const first = (await asAdmin('POST', `/api/users/${u.id}/invite`)).json();
  const second = await asAdmin('POST', `/api/users/${u.id}/invite`);
  assert.equal(second.statusCode, 200, second.body);
  assert.equal(second.json().purpose, 'invite');
  assert.equal((await accept(secretOf(first.url))).statusCode, 404, 'the earlier link was revoked by the new one');
  assert.equal((await accept(secretOf(second.json().url))).statusCode, 200);
});

test('#16 item 3: accepting applies the password policy (400 naming password) and leaves the link usable', async () => {
  const u = await invited();
  for (const bad of ['short', u.email, 'password123']) {
    const res = await accept(secretOf(u.url), bad);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.field, 'password');
  }
  assert.equal((await accept(secretOf(u.url))).statusCode, 200, 'a refused password did not use the link');
});

test('#16 item 3: two accepts of one link at the same moment: exactly one succeeds', async () => {
  const u = await invited();
  const answers = await Promise.all([accept(secretOf(u.url), 'first racer phrase 1'), accept(secretOf(u.url), 'second racer phrase 2')]);
  assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 404], answers.map((a) => a.body).join('\n'));
});

test('#16 item 3: a link of a disabled account is refused, and no link is issued for one', async () => {
  const u = await invited();
  assert.equal((await asAdmin('PATCH', `/api/users/${u.id}`, { disabled: true })).statusCode, 200);
  assert.equal((await accept(secretOf(u.url))).statusCode, 404, 'disabling revoked the link');
  assert.equal((await asAdmin('POST', `/api/users/${u.id}/invite`)).statusCode, 409);
  assert.equal((await asAdmin('PATCH', `/api/users/${u.id}`, { disabled: false })).statusCode, 200);
  assert.equal((await accept(secretOf(u.url))).statusCode, 404, 'enabling again does not revive it');
});

test('#16 item 3: an invitation is for an account without a password; a reset for one with a password (409 otherwise)', async () => {
  const u = await invited();
  assert.equal((await asAdmin('POST', `/api/users/${u.id}/password-reset`)).statusCode, 409);
  const withPassword = await buildUser(t, { role: 'agent', orgNodeId: companyId });
  assert.equal((await asAdmin('POST', `/api/users/${withPassword.id}/invite`)).statusCode, 409);
});

test('#16 item 3: a used reset link sets the new password and revokes every old session and API token', async () => {
  const u = await buildUser(t, { role: 'agent', orgNodeId: companyId });
  const session = (await login(u.email, TEST_PASSWORD)).json().token as string;
  const bearer = { authorization: `Bearer ${session}` };
  const api = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer, payload: { name: 'script' } });
  assert.equal(api.statusCode, 201, api.body);

  const reset = await asAdmin('POST', `/api/users/${u.id}/password-reset`);
  assert.equal(reset.statusCode, 200, reset.body);
  assert.equal(reset.json().purpose, 'reset');
  assert.match(reset.json().url, /#token=.+&reset=1$/);
  assert.ok(!('password' in reset.json()), 'the administrator gets a link, never a password');
  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  assert.equal((await me(session)).statusCode, 200, 'issuing the link alone locks nobody out');
  assert.equal((await login(u.email, TEST_PASSWORD)).statusCode, 200, 'the old password works until the link is used');

  const done = await accept(secretOf(reset.json().url));
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().purpose, 'reset');
  assert.equal((await me(session)).statusCode, 401, 'the old session is revoked');
  assert.equal((await me(api.json().token)).statusCode, 401, 'the API token is revoked');
  assert.equal((await me(done.json().token)).statusCode, 200, 'the session of the accept works');
  assert.equal((await login(u.email, TEST_PASSWORD)).statusCode, 401, 'the old password no longer works');
  assert.equal((await login(u.email, NEW_PASSWORD)).statusCode, 200);
});

test('#16 item 3: accepting with a cookie starts a web session', async () => {
  const u = await invited();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/invite/accept',
    payload: { token: secretOf(u.url), password: NEW_PASSWORD, cookie: true },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.ok(res.json().csrfToken);
  assert.equal(res.json().token, undefined, 'a cookie session never hands out its secret');
  assert.ok(String(res.headers['set-cookie']).includes('plaint_session='));
});

test('#16 item 3: creating a user: invite and password together, or invite: false without a password, is a 400 naming the field', async () => {
  const base = { name: '新用户', role: 'agent', orgNodeId: companyId };
  const both = await asAdmin('POST', '/api/users', { ...base, email: 'both@people.test', invite: true, password: NEW_PASSWORD });
  assert.equal(both.statusCode, 400, both.body);
  assert.equal(both.json().error.field, 'invite');
  const neither = await asAdmin('POST', '/api/users', { ...base, email: 'neither@people.test', invite: false });
  assert.equal(neither.statusCode, 400, neither.body);
  assert.equal(neither.json().error.field, 'password');
  const explicit = await asAdmin('POST', '/api/users', { ...base, email: 'explicit@people.test', invite: true });
  assert.equal(explicit.statusCode, 201, explicit.body);
  assert.equal(explicit.json().invited, true);
});
