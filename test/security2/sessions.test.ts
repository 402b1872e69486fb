/**
 * Sessions: web cookie sessions with CSRF, bearer and API tokens, logout, expiry, login lockout
 * stored in the database, password policy, and accounts managed under `users.manage`.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/http/app.ts';
import { LOCKOUT, MAX_API_TOKENS } from '../../src/use-cases/auth.ts';
import { createSecApp, cookiesOf, cookieHeader, TEST_PASSWORD, type SecApp } from './helpers.ts';

let t: SecApp;
before(async () => {
  t = await createSecApp();
});
after(async () => t.close());

test('bearer login keeps working unchanged: token in the body, no cookie, no CSRF needed', async () => {
  const res = await t.login('agent');
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(typeof res.json().token, 'string');
  assert.equal(res.headers['set-cookie'], undefined);
  const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${res.json().token}` } });
  assert.equal(me.json().user.role, 'agent');
  const post = await t.app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    payload: { name: 'ci' },
    headers: { authorization: `Bearer ${res.json().token}` },
  });
  assert.equal(post.statusCode, 201, 'an unsafe bearer request needs no CSRF token');
});

for (const how of ['login {cookie:true}', 'POST /api/auth/session'] as const) {
  test(`cookie session via ${how}: httpOnly SameSite=Strict session, readable CSRF cookie, CSRF enforced on unsafe methods`, async () => {
    const res =
      how === 'login {cookie:true}'
        ? await t.login('agent', { cookie: true })
        : await t.app.inject({ method: 'POST', url: '/api/auth/session', payload: { email: t.emailOf('agent'), password: TEST_PASSWORD } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().token, undefined, 'the session secret never reaches script');
    const raw = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]);
    const session = raw.find((c) => c.startsWith('plaint_session='))!;
    const csrf = raw.find((c) => c.startsWith('plaint_csrf='))!;
    assert.match(session, /HttpOnly/i);
    assert.match(session, /SameSite=Strict/i);
    assert.match(session, /Path=\//);
    assert.doesNotMatch(csrf, /HttpOnly/i);
    assert.match(csrf, /SameSite=Strict/i);
    const jar = cookiesOf(res);
    assert.equal(jar.plaint_csrf, res.json().csrfToken);

    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieHeader(jar) } });
    assert.equal(me.statusCode, 200, 'a safe method needs no CSRF token');
    assert.equal(me.json().user.email, t.emailOf('agent'));

    const intake = {
      unitId: 'u-re-garden',
      channel: 'phone',
      customer: { name: '张三', phone: '13800138000' },
      title: 'CSRF 测试',
      content: '内容',
    };
    const noHeader = await t.app.inject({
      method: 'POST',
      url: '/api/complaints',
      payload: intake,
      headers: { cookie: cookieHeader(jar) },
    });
    assert.equal(noHeader.statusCode, 403, noHeader.body);
    assert.match(noHeader.json().error.message, /CSRF/);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/complaints',
      payload: intake,
      headers: { cookie: cookieHeader(jar), 'x-csrf-token': 'x'.repeat(43) },
    });
    assert.equal(wrong.statusCode, 403);
    // Double submit bound to the session: a cookie planted with a matching header does not pass either.
    const planted = await t.app.inject({
      method: 'POST',
      url: '/api/complaints',
      payload: intake,
      headers: { cookie: cookieHeader({ ...jar, plaint_csrf: 'p'.repeat(43) }), 'x-csrf-token': 'p'.repeat(43) },
    });
    assert.equal(planted.statusCode, 403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/complaints',
      payload: intake,
      headers: { cookie: cookieHeader(jar), 'x-csrf-token': jar.plaint_csrf },
    });
    assert.equal(ok.statusCode, 201, ok.body);

    // A cookie session's secret is not a bearer token.
    const asBearer = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${jar.plaint_session}` } });
    assert.equal(asBearer.statusCode, 401);

    // Logout needs the CSRF token too, revokes the session and clears the cookies.
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookieHeader(jar) } })).statusCode, 403);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: cookieHeader(jar), 'x-csrf-token': jar.plaint_csrf },
    });
    assert.equal(out.statusCode, 204);
    assert.ok(([] as string[]).concat(out.headers['set-cookie'] as string[]).some((c) => /^plaint_session=;/.test(c)));
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieHeader(jar) } })).statusCode, 401);
  });
}

test('API tokens: create (shown once), list (never the secret), use, revoke; logout revokes a login token; tokens expire', async () => {
  const created = await t.api('POST', '/api/auth/tokens', { name: 'reporting script', expiresInDays: 30 }, { role: 'manager' });
  assert.equal(created.statusCode, 201, created.body);
  const { id, token, expiresAt } = created.json();
  assert.equal(expiresAt, new Date(t.clock.now.getTime() + 30 * 86400_000).toISOString());
  const list = await t.api('GET', '/api/auth/tokens', undefined, { role: 'manager' });
  assert.equal(list.statusCode, 200);
  assert.deepEqual(
    list.json().map((x: { name: string }) => x.name),
    ['reporting script'],
  );
  assert.ok(!list.body.includes(token), 'the list never shows the token');
  // Someone else's tokens are not listed and cannot be revoked.
  assert.deepEqual((await t.api('GET', '/api/auth/tokens', undefined, { role: 'qa' })).json(), []);
  assert.equal((await t.api('DELETE', `/api/auth/tokens/${id}`, undefined, { role: 'qa' })).statusCode, 404);

  const use = () => t.app.inject({ method: 'GET', url: '/api/complaints?limit=1', headers: { authorization: `Bearer ${token}` } });
  assert.equal((await use()).statusCode, 200);
  assert.ok((await t.api('GET', '/api/auth/tokens', undefined, { role: 'manager' })).json()[0].lastUsedAt);
  assert.equal((await t.api('DELETE', `/api/auth/tokens/${id}`, undefined, { role: 'manager' })).statusCode, 204);
  assert.equal((await use()).statusCode, 401, 'a revoked token is refused at once');
  assert.equal((await t.api('DELETE', `/api/auth/tokens/${id}`, undefined, { role: 'manager' })).statusCode, 404);

  // Expiry.
  const short = (await t.api('POST', '/api/auth/tokens', { name: 'one day', expiresInDays: 1 }, { role: 'manager' })).json()
    .token as string;
  const useShort = () => t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${short}` } });
  assert.equal((await useShort()).statusCode, 200);
  t.clock.advance(86400_000 + 1000);
  assert.equal((await useShort()).statusCode, 401, 'an expired token is refused');
  t.clock.advance(-(86400_000 + 1000));

  // Logout revokes the login token.
  const login = (await t.login('auditor')).json().token as string;
  const h = { authorization: `Bearer ${login}` };
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: h })).statusCode, 204);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/me', headers: h })).statusCode, 401);

  // Bad input.
  assert.equal((await t.api('POST', '/api/auth/tokens', { name: '' }, { role: 'manager' })).statusCode, 400);
  assert.equal((await t.api('POST', '/api/auth/tokens', { name: 'x', expiresInDays: 9999 }, { role: 'manager' })).statusCode, 400);
  assert.equal((await t.api('DELETE', '/api/auth/tokens/not-a-uuid', undefined, { role: 'manager' })).statusCode, 400);
});

test(`API tokens: at most ${MAX_API_TOKENS} active per user, also when created in parallel (counted in the creating transaction)`, async () => {
  const active = async () => ((await t.api('GET', '/api/auth/tokens', undefined, { role: 'auditor' })).json() as unknown[]).length;
  const before = await active();
  const extra = 10;
  const created = await Promise.all(
    Array.from({ length: MAX_API_TOKENS - before + extra }, (_, i) =>
      t.api('POST', '/api/auth/tokens', { name: `parallel ${i}` }, { role: 'auditor' }),
    ),
  );
  const statuses = created.map((r) => r.statusCode);
  assert.equal(statuses.filter((s) => s === 201).length, MAX_API_TOKENS - before, `statuses: ${statuses.join(',')}`);
  assert.equal(statuses.filter((s) => s === 409).length, extra);
  assert.equal(await active(), MAX_API_TOKENS);
});

test(`login lockout: ${LOCKOUT.maxPerEmail} failures lock the e-mail (429 saying when), held in the database so another process sees it`, async () => {
  const email = t.emailOf('specialist');
  const attempt = (app = t.app, password = 'wrong-password-x') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  for (let i = 0; i < LOCKOUT.maxPerEmail; i++) assert.equal((await attempt()).statusCode, 401);
  const locked = await attempt(t.app, TEST_PASSWORD);
  assert.equal(locked.statusCode, 429, 'even the right password is refused while locked');
  assert.equal(locked.json().error.code, 'RATE_LIMITED');
  assert.match(locked.json().error.message, /try again after 2026-11-24T02:15:00\.000Z/);
  assert.equal(locked.headers['retry-after'], String(LOCKOUT.windowMs / 1000));

  // A second app ("process") on the same database refuses too.
  const other = await buildApp({
    deps: t.deps,
    databaseKind: t.database.kind,
    sessionHours: 1,
    logLevel: 'silent',
    webDir: null,
    attachmentsDir: t.attachmentsDir,
  });
  try {
    assert.equal((await attempt(other, TEST_PASSWORD)).statusCode, 429);
  } finally {
    await other.close();
  }
  // Other accounts are not affected.
  assert.equal((await t.login('qa')).statusCode, 200);
  // After the window, the right password works and clears the failures.
  t.clock.advance(LOCKOUT.windowMs + 1000);
  assert.equal((await attempt(t.app, TEST_PASSWORD)).statusCode, 200);
  assert.equal((await attempt()).statusCode, 401);
  assert.equal((await attempt(t.app, TEST_PASSWORD)).statusCode, 200, 'one failure after a success does not lock');
});

test('password policy on change: ≥ 10 characters, not the e-mail, not common; a change revokes the other sessions', async () => {
  const first = (await t.login('handler')).json().token as string;
  const second = (await t.login('handler')).json().token as string;
  const change = (newPassword: string, currentPassword = TEST_PASSWORD) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword, newPassword },
      headers: { authorization: `Bearer ${first}` },
    });
  for (const bad of ['short-1', 'handler@plaint.demo', 'Password123', '1234567890', 'aaaaaaaaaaaa', 'my-handler-pass']) {
    const res = await change(bad);
    assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
    assert.equal(res.json().error.field, 'newPassword');
  }
  assert.equal((await change('a long enough phrase', 'not-my-password')).statusCode, 403);
  assert.equal((await change('a long enough phrase')).statusCode, 204);
  assert.equal(
    (await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${first}` } })).statusCode,
    200,
    'the session that changed it stays',
  );
  assert.equal(
    (await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${second}` } })).statusCode,
    401,
    'other sessions are revoked',
  );
  const relog = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: t.emailOf('handler'), password: 'a long enough phrase' },
  });
  assert.equal(relog.statusCode, 200);
});

test('users.manage: admin lists and creates users in scope, policy applies, disabling revokes sessions at once; others get 403', async () => {
  for (const role of ['agent', 'manager', 'auditor', 'specialist']) {
    assert.equal((await t.api('GET', '/api/users', undefined, { role })).statusCode, 403, role);
    assert.equal(
      (
        await t.api(
          'POST',
          '/api/users',
          { email: 'x@plaint.demo', name: 'x', role: 'agent', orgNodeId: 'grp', password: 'a long enough phrase' },
          { role },
        )
      ).statusCode,
      403,
      role,
    );
  }
  const list = await t.api('GET', '/api/users', undefined, { role: 'admin' });
  assert.equal(list.statusCode, 200);
  assert.ok(list.json().some((u: { email: string }) => u.email === 'agent@plaint.demo'));
  assert.ok(!list.body.includes('password'), 'no hashes in the answer');

  const base = { email: 'new.agent@plaint.demo', name: '新客服', role: 'agent', orgNodeId: 'u-re-garden' };
  assert.equal((await t.api('POST', '/api/users', { ...base, password: 'short' }, { role: 'admin' })).statusCode, 400);
  assert.equal((await t.api('POST', '/api/users', { ...base, password: 'new.agent@plaint.demo' }, { role: 'admin' })).statusCode, 400);
  assert.equal(
    (await t.api('POST', '/api/users', { ...base, role: 'root', password: 'a long enough phrase' }, { role: 'admin' })).statusCode,
    400,
  );
  assert.equal(
    (await t.api('POST', '/api/users', { ...base, orgNodeId: 'no-such-node', password: 'a long enough phrase' }, { role: 'admin' }))
      .statusCode,
    404,
  );
  assert.equal(
    (await t.api('POST', '/api/users', { ...base, orgNodeId: null, password: 'a long enough phrase' }, { role: 'admin' })).statusCode,
    400,
    'a node admin cannot create node-less users',
  );
  const created = await t.api('POST', '/api/users', { ...base, password: 'a long enough phrase' }, { role: 'admin' });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal((await t.api('POST', '/api/users', { ...base, password: 'a long enough phrase' }, { role: 'admin' })).statusCode, 409);
  const id = created.json().id as string;

  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: base.email, password: 'a long enough phrase' },
  });
  assert.equal(login.statusCode, 200);
  const h = { authorization: `Bearer ${login.json().token}` };
  const cookieLogin = await t.app.inject({
    method: 'POST',
    url: '/api/auth/session',
    payload: { email: base.email, password: 'a long enough phrase' },
  });
  const jar = cookiesOf(cookieLogin);
  const api = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'n' }, headers: h });
  assert.equal(api.statusCode, 201);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/complaints?limit=1', headers: h })).statusCode, 200);

  const disable = await t.app.inject({
    method: 'PATCH',
    url: `/api/users/${id}`,
    payload: { disabled: true },
    headers: { authorization: `Bearer ${await t.token('admin')}` },
  });
  assert.equal(disable.statusCode, 200, disable.body);
  assert.equal(disable.json().disabled, true);
  assert.equal(
    (await t.app.inject({ method: 'GET', url: '/api/complaints?limit=1', headers: h })).statusCode,
    401,
    'the login token is dead at once',
  );
  assert.equal(
    (await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${api.json().token}` } })).statusCode,
    401,
    'API tokens too',
  );
  assert.equal(
    (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieHeader(jar) } })).statusCode,
    401,
    'and the web session',
  );
  const revoked = await t.database.db.selectFrom('sessions').select(['revoked_at']).where('user_id', '=', id).execute();
  assert.ok(revoked.length >= 3 && revoked.every((r) => r.revoked_at), 'every session row is revoked');
  assert.equal(
    (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: base.email, password: 'a long enough phrase' } }))
      .statusCode,
    401,
    'a disabled account answers like a wrong password',
  );

  // Out of scope → 404; self-disable refused; bad ids → 400.
  const specialistAdmin = await t.api(
    'POST',
    '/api/users',
    { email: 'unit.admin@plaint.demo', name: '项目管理员', role: 'admin', orgNodeId: 'u-re-garden', password: 'another long phrase' },
    { role: 'admin' },
  );
  assert.equal(specialistAdmin.statusCode, 201);
  const ua = (
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'unit.admin@plaint.demo', password: 'another long phrase' },
    })
  ).json().token as string;
  const uaList = await t.app.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${ua}` } });
  assert.ok(
    uaList.json().every((u: { orgNodeId: string }) => u.orgNodeId.startsWith('u-re-garden')),
    'a unit admin sees the unit’s users only',
  );
  const agentId = list.json().find((u: { email: string }) => u.email === 'agent@plaint.demo').id;
  assert.equal(
    (
      await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${agentId}`,
        payload: { disabled: true },
        headers: { authorization: `Bearer ${ua}` },
      })
    ).statusCode,
    404,
  );
  const adminId = list.json().find((u: { email: string }) => u.email === 'admin@plaint.demo').id;
  assert.equal((await t.api('PATCH', `/api/users/${adminId}`, { disabled: true }, { role: 'admin' })).statusCode, 409);
  assert.equal((await t.api('PATCH', '/api/users/123', { disabled: true }, { role: 'admin' })).statusCode, 400);
  assert.equal((await t.api('PATCH', `/api/users/${id}`, {}, { role: 'admin' })).statusCode, 400);
});
