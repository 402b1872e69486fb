/**
 * Issue #19: an administrator at an organisation node must not learn, through "new account", where an
 * e-mail address is used (scope, docs/SECURITY.md "Accounts"). A taken address answers one 409 that
 * says neither whose nor where — the same whether the account is in the admin's scope or elsewhere —
 * and such answers are rationed, so addresses cannot be tried in bulk.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createSecApp, type SecApp } from './helpers.ts';
import { TAKEN_EMAIL_ANSWERS_PER_HOUR } from '../../src/http/routes/users.routes.ts';

let t: SecApp;
let unitAdmin: string;
const PASSWORD = 'a long enough phrase';

before(async () => {
  t = await createSecApp();
  // An administrator of one unit (u-re-garden): the agent and the manager (group level) are outside its scope.
  const created = await t.api(
    'POST',
    '/api/users',
    { email: 'garden.admin@plaint.demo', name: '项目管理员', role: 'admin', orgNodeId: 'u-re-garden', password: PASSWORD },
    { role: 'admin' },
  );
  assert.equal(created.statusCode, 201, created.body);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'garden.admin@plaint.demo', password: PASSWORD },
  });
  unitAdmin = login.json().token;
});
after(async () => t.close());

const newUser = (email: string, token = unitAdmin) =>
  t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { authorization: `Bearer ${token}` },
    payload: { email, name: '新用户', role: 'agent', orgNodeId: 'u-re-garden', password: PASSWORD },
  });

test('a unit admin is told the same for an address taken in its scope and one taken elsewhere, naming neither', async () => {
  const mine = (await t.api('GET', '/api/users', undefined, { role: 'admin' }))
    .json()
    .find((u: { email: string }) => u.email === t.emailOf('specialist'));
  assert.equal(mine.orgNodeId, 'u-re-garden', 'the specialist is in the unit admin’s scope');

  const inScope = await newUser(t.emailOf('specialist'));
  const elsewhere = await newUser(t.emailOf('manager'));
  const elsewhereUpper = await newUser(t.emailOf('agent').toUpperCase());
  for (const res of [inScope, elsewhere, elsewhereUpper]) {
    assert.equal(res.statusCode, 409, res.body);
    assert.deepEqual(res.json(), inScope.json(), 'one answer for every taken address');
    assert.equal(res.json().error.field, 'email');
    assert.ok(
      !/@|grp|u-re-garden|manager|agent|specialist|scope/i.test(res.json().error.message),
      `no address, node, role or scope in it: ${res.body}`,
    );
  }
  assert.deepEqual(inScope.headers['content-length'], elsewhere.headers['content-length']);

  // Nor can an account be moved onto an address: a change of e-mail is refused as input, before any lookup.
  const patch = await t.app.inject({
    method: 'PATCH',
    url: `/api/users/${mine.id}`,
    headers: { authorization: `Bearer ${unitAdmin}` },
    payload: { email: t.emailOf('manager') },
  });
  assert.equal(patch.statusCode, 400, patch.body);
  assert.equal(patch.json().error.field, 'email');
});

test('taken-address answers are rationed per admin: past the ration every new account answers 429, taken or free, and nothing is created', async () => {
  // The first test used 3 of the ration.
  for (let i = 3; i < TAKEN_EMAIL_ANSWERS_PER_HOUR; i++) assert.equal((await newUser(t.emailOf('auditor'))).statusCode, 409);
  const taken = await newUser(t.emailOf('auditor'));
  const free = await newUser('free.address@plaint.demo');
  assert.equal(taken.statusCode, 429, taken.body);
  assert.equal(free.statusCode, 429, 'a free address answers the same, so the ration ends the probing');
  assert.deepEqual(free.json(), taken.json());
  assert.equal(
    await t.database.db.selectFrom('users').select('id').where('email', '=', 'free.address@plaint.demo').executeTakeFirst(),
    undefined,
  );

  assert.equal(
    (
      await t.api(
        'POST',
        '/api/users',
        { email: 'other.admin.free@plaint.demo', name: '新用户', role: 'agent', orgNodeId: 'u-re-garden', password: PASSWORD },
        { role: 'admin' },
      )
    ).statusCode,
    201,
    'another admin is not held back',
  );
  t.clock.advance(3600_000);
  assert.equal((await newUser('free.address@plaint.demo')).statusCode, 201, 'an hour later the unit admin creates accounts again');
});
