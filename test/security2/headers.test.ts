/** Security headers on every answer, and no CORS: a cross-origin request gets no Access-Control-Allow-Origin. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSecApp, type SecApp } from './helpers.ts';

let t: SecApp;
before(async () => {
  t = await createSecApp();
});
after(async () => t.close());

test('every API answer carries a CSP with frame-ancestors none, nosniff and DENY framing', async () => {
  for (const [method, url, auth] of [
    ['GET', '/api/health', false],
    ['GET', '/api/complaints?limit=1', true],
    ['GET', '/api/complaints/not-there', true],
    ['GET', '/api/no-such-route', false],
    ['POST', '/api/auth/login', false],
  ] as const) {
    const res = auth ? await t.api(method, url) : await t.app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
    assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
    assert.equal(res.headers['x-frame-options'], 'DENY', url);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/, url);
    assert.match(csp, /frame-ancestors 'none'/, url);
  }
});

test('no CORS: cross-origin requests and preflights get no Access-Control-Allow-* headers', async () => {
  const origin = 'https://evil.example';
  const simple = await t.app.inject({
    method: 'GET',
    url: '/api/complaints?limit=1',
    headers: { origin, authorization: `Bearer ${await t.token('agent')}` },
  });
  assert.equal(simple.headers['access-control-allow-origin'], undefined);
  assert.equal(simple.headers['access-control-allow-credentials'], undefined);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin },
    payload: { email: t.emailOf('agent'), password: 'test-password-1', cookie: true },
  });
  assert.equal(login.headers['access-control-allow-origin'], undefined);
  const preflight = await t.app.inject({
    method: 'OPTIONS',
    url: '/api/complaints',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token' },
  });
  assert.ok(preflight.statusCode >= 400, `preflight is not answered (${preflight.statusCode})`);
  assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  assert.equal(preflight.headers['access-control-allow-methods'], undefined);
  assert.equal(preflight.headers['access-control-allow-headers'], undefined);
});
