/**
 * The login lockout under simultaneous attempts (issue #19 item 2; docs/SECURITY.md "Login
 * throttling"): at most LOCKOUT.maxPerEmail passwords of one e-mail are checked per window, and at
 * most LOCKOUT.maxPerIp from one address, however many requests arrive at once and in however many
 * processes; a success clears only the failures reserved before it. And a disabled account answers
 * the right password like a wrong one (issue #19 item 6).
 *
 * Password checks are counted by wrapping login's one verifier (loginPasswordVerifier); the wrapper
 * runs the real argon2 check and can hold it in flight, so the attempts overlap for certain.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { openDatabase } from '../../src/data/db.ts';
import { LOCKOUT, ensureUser, loginPasswordVerifier } from '../../src/use-cases/auth.ts';
import { createSecApp, TEST_PASSWORD, type SecApp } from './helpers.ts';

let t: SecApp;
before(async () => {
  t = await createSecApp();
});
after(async () => t.close());

const N = 50;

/** Wraps login's password check to count the checks; those `hold` picks wait for `release()`. */
function watchPasswordChecks(opts: { hold?: (password: string) => boolean; onCheck?: () => void } = {}) {
  const real = loginPasswordVerifier.verify;
  let count = 0;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const waiting: { n: number; resolve: () => void }[] = [];
  loginPasswordVerifier.verify = async (hash, password) => {
    count++;
    for (const w of waiting) if (count >= w.n) w.resolve();
    opts.onCheck?.();
    if (opts.hold?.(password)) await released;
    return real(hash, password);
  };
  return {
    get count() {
      return count;
    },
    /** Resolves once `n` checks have started. */
    started: (n: number) => new Promise<void>((resolve) => (count >= n ? resolve() : waiting.push({ n, resolve }))),
    release,
    restore() {
      loginPasswordVerifier.verify = real;
      release();
    },
  };
}

async function newUser(email: string, disabled = false): Promise<void> {
  await ensureUser(t.deps, { email, name: email, password: TEST_PASSWORD, role: 'agent', orgNodeId: 'u-re-garden' });
  if (disabled) await t.database.db.updateTable('users').set({ disabled: true }).where('email', '=', email).execute();
}

const loginVia = (app: SecApp['app'], email: string, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

const statuses = (answers: LightMyRequestResponse[]) => {
  const out: Record<number, number> = {};
  for (const a of answers) out[a.statusCode] = (out[a.statusCode] ?? 0) + 1;
  return out;
};

test(`${N} logins at once, wrong passwords mixed with the right one, split over two app processes: at most ${LOCKOUT.maxPerEmail} passwords are checked, every other attempt is refused with 429 unchecked`, async () => {
  const email = 'race.all-at-once@plaint.demo';
  const ip = '10.0.0.1';
  await newUser(email);
  // On a PostgreSQL server a second app with its own connection pool stands for a second process;
  // PGlite is embedded in one process, so there the one app takes every request.
  const second = t.database.url ? await openDatabase({ databaseUrl: t.database.url, dataDir: null, poolSize: 10 }) : null;
  const other = second
    ? await buildApp({
        deps: { ...t.deps, db: second.db },
        databaseKind: second.kind,
        sessionHours: 1,
        logLevel: 'silent',
        webDir: null,
        attachmentsDir: t.attachmentsDir,
      })
    : t.app;
  // Every check is held until each of the 50 requests has either started its check or been
  // answered, so all the checks that happen are in flight at one moment: the worst case for a
  // lockout that counts failures before checking and records them after.
  let answered = 0;
  const checks = watchPasswordChecks({ hold: () => true, onCheck: () => answered + checks.count >= N && checks.release() });
  try {
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        loginVia(i % 2 ? other : t.app, email, i % 10 === 7 ? TEST_PASSWORD : `wrong-password-${i}`, ip).then((res) => {
          answered++;
          if (answered + checks.count >= N) checks.release();
          return res;
        }),
      ),
    );
    const seen = statuses(answers);
    assert.ok(
      checks.count <= LOCKOUT.maxPerEmail,
      `${checks.count} passwords checked, at most ${LOCKOUT.maxPerEmail} may be (answers ${JSON.stringify(seen)})`,
    );
    assert.equal(
      (seen[200] ?? 0) + (seen[401] ?? 0),
      checks.count,
      `only a checked password gets an answer about it: ${JSON.stringify(seen)}`,
    );
    assert.equal(seen[429], N - checks.count, `the rest are refused: ${JSON.stringify(seen)}`);
    for (const a of answers.filter((x) => x.statusCode === 429)) {
      assert.equal(a.json().error.code, 'RATE_LIMITED');
      assert.match(a.json().error.message, /locked/);
      assert.equal(a.headers['retry-after'], String(LOCKOUT.windowMs / 1000));
    }
  } finally {
    checks.restore();
    if (second) {
      await other.close();
      await second.close();
    }
  }
});

test(`a success clears only the failures reserved before it: the right password in flight, then ${N - 1} wrong ones at once get ${LOCKOUT.maxPerEmail - 1} checks; the later failures still count and one more locks the account, the right password included`, async () => {
  const email = 'race.success-first@plaint.demo';
  const ip = '10.0.0.3';
  await newUser(email);
  const checks = watchPasswordChecks({ hold: (password) => password === TEST_PASSWORD });
  try {
    const right = loginVia(t.app, email, TEST_PASSWORD, ip);
    await checks.started(1);
    const wrong = await Promise.all(Array.from({ length: N - 1 }, (_, i) => loginVia(t.app, email, `wrong-password-${i}`, ip)));
    assert.deepEqual(
      statuses(wrong),
      { 401: LOCKOUT.maxPerEmail - 1, 429: N - LOCKOUT.maxPerEmail },
      'the attempt in flight holds one of the five places',
    );
    assert.equal(checks.count, LOCKOUT.maxPerEmail);
    checks.release();
    assert.equal((await right).statusCode, 200, 'the right password, checked in its place, gets in');

    // Four failures started after the success and still count: the fifth locks the e-mail.
    assert.equal((await loginVia(t.app, email, 'wrong-password-5th', ip)).statusCode, 401);
    const locked = await loginVia(t.app, email, TEST_PASSWORD, ip);
    assert.equal(locked.statusCode, 429, 'the right password is refused once five failures are in');
    assert.match(locked.json().error.message, /locked/);
    assert.equal(checks.count, LOCKOUT.maxPerEmail + 1, 'and is not checked');
  } finally {
    checks.restore();
  }
});

test(`one address, ${LOCKOUT.maxPerIp + 10} logins at once for as many unknown e-mails: at most ${LOCKOUT.maxPerIp} passwords are checked, the rest refused with 429`, async () => {
  const ip = '10.0.0.2';
  const total = LOCKOUT.maxPerIp + 10;
  let answered = 0;
  const checks = watchPasswordChecks({ hold: () => true, onCheck: () => answered + checks.count >= total && checks.release() });
  try {
    const answers = await Promise.all(
      Array.from({ length: total }, (_, i) =>
        loginVia(t.app, `nobody-${i}@plaint.demo`, 'wrong-password', ip).then((res) => {
          answered++;
          if (answered + checks.count >= total) checks.release();
          return res;
        }),
      ),
    );
    const seen = statuses(answers);
    assert.ok(
      checks.count <= LOCKOUT.maxPerIp,
      `${checks.count} passwords checked, at most ${LOCKOUT.maxPerIp} may be (answers ${JSON.stringify(seen)})`,
    );
    assert.equal(seen[401], checks.count, JSON.stringify(seen));
    assert.equal(seen[429], total - checks.count, JSON.stringify(seen));
    for (const a of answers.filter((x) => x.statusCode === 429)) assert.match(a.json().error.message, /from this address/);
  } finally {
    checks.restore();
  }
});

test('a disabled account answers the right password exactly like a wrong one (401, same body), so a guess is not confirmed', async () => {
  const email = 'disabled.account@plaint.demo';
  const ip = '10.0.0.4';
  await newUser(email, true);
  const wrong = await loginVia(t.app, email, 'wrong-password-x', ip);
  const right = await loginVia(t.app, email, TEST_PASSWORD, ip);
  assert.equal(wrong.statusCode, 401);
  assert.equal(right.statusCode, 401, right.body);
  assert.deepEqual(right.json(), wrong.json());
  assert.equal(right.headers['set-cookie'], undefined);
  // Cookie sessions go through the same login.
  const session = await t.app.inject({
    method: 'POST',
    url: '/api/auth/session',
    payload: { email, password: TEST_PASSWORD },
    remoteAddress: ip,
  });
  assert.equal(session.statusCode, 401);
  assert.deepEqual(session.json(), wrong.json());
});
