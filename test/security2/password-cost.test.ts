/**
 * Password hashes (src/use-cases/password-hash.ts): an installation hashes at argon2id's standard cost; the
 * minimal cost the test suite uses is refused outside NODE_ENV=test; and a check reads the cost from the
 * stored hash, so a user hashed at either cost signs in.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { findUserByEmail } from '../../src/data/user-store.ts';
import { hashPassword, passwordCost, setPasswordCost } from '../../src/use-cases/password-hash.ts';
import { createSecApp, type SecApp } from './helpers.ts';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

test('the standard cost is the default; minimal is accepted only under NODE_ENV=test', () => {
  assert.equal(loadConfig({}).passwordCost, 'standard');
  assert.equal(loadConfig({ NODE_ENV: 'production' }).passwordCost, 'standard');
  assert.equal(loadConfig({ NODE_ENV: 'test', PLAINT_PASSWORD_COST: 'minimal' }).passwordCost, 'minimal');
  for (const NODE_ENV of [undefined, 'production', 'development']) {
    const problems = problemsOf({ NODE_ENV, PLAINT_PASSWORD_COST: 'minimal' });
    assert.ok(
      problems.some((p) => p.includes('PLAINT_PASSWORD_COST=minimal') && p.includes('NODE_ENV=test')),
      `NODE_ENV=${NODE_ENV}: ${problems}`,
    );
  }
  assert.ok(problemsOf({ NODE_ENV: 'test', PLAINT_PASSWORD_COST: 'low' }).some((p) => p.includes('PLAINT_PASSWORD_COST must be')));
});

let t: SecApp;
let suiteCost: ReturnType<typeof passwordCost>;
before(async () => {
  suiteCost = passwordCost();
  t = await createSecApp();
});
after(async () => {
  setPasswordCost(suiteCost);
  await t.close();
});

test('a password set through the API is hashed at the standard cost (64 MiB, 3 passes, 4 lanes), and signs in', async () => {
  setPasswordCost('standard');
  try {
    assert.match(await hashPassword('x'), /^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    const admin = (await t.login('admin')).json().token as string;
    const email = 'hash-check@plaint.test';
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: { email, name: '标准成本', role: 'agent', orgNodeId: 'co-svc', password: 'Quiet-river-2026' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const row = await findUserByEmail(t.database.db, email);
    assert.match(row!.password_hash!, /^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);

    // The suite's own cost is minimal; a check reads the cost from the hash, so the standard one still signs in.
    setPasswordCost('minimal');
    assert.match(await hashPassword('x'), /^\$argon2id\$v=19\$m=1024,p=1,t=2\$/);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'Quiet-river-2026' },
    });
    assert.equal(login.statusCode, 200, login.body);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'Quiet-river-2027' } });
    assert.equal(wrong.statusCode, 401);
  } finally {
    setPasswordCost(suiteCost);
  }
});
