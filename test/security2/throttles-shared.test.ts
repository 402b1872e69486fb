/**
 * Throttles counted in the database (issue #19 item 4; docs/SECURITY.md "Counted limits and throttles"):
 * requests arriving at once, split over two app processes on one PostgreSQL database, are each counted
 * in one window, so no more get through than one process would let through. On PGlite (one process)
 * the one app takes every request, all at once.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { openDatabase, type Database } from '../../src/data/db.ts';
import { PORTAL_SUBMISSIONS_PER_MINUTE, PORTAL_TRACK_PER_MINUTE } from '../../src/http/routes/portal.routes.ts';
import { TAKEN_EMAIL_ANSWERS_PER_HOUR } from '../../src/http/routes/users.routes.ts';
import { forgetOldThrottles } from '../../src/use-cases/throttle.ts';
import { createSecApp, type SecApp } from './helpers.ts';

let t: SecApp;
let second: Database | null = null;
let other: FastifyInstance;

before(async () => {
  t = await createSecApp();
  second = t.database.url ? await openDatabase({ databaseUrl: t.database.url, dataDir: null, poolSize: 10 }) : null;
  other = second
    ? await buildApp({
        deps: { ...t.deps, db: second.db },
        databaseKind: second.kind,
        sessionHours: 1,
        logLevel: 'silent',
        webDir: null,
        attachmentsDir: t.attachmentsDir,
      })
    : t.app;
});
after(async () => {
  if (second) {
    await other.close();
    await second.close();
  }
  await t.close();
});

const statuses = (answers: LightMyRequestResponse[]) => {
  const out: Record<number, number> = {};
  for (const a of answers) out[a.statusCode] = (out[a.statusCode] ?? 0) + 1;
  return out;
};
const appFor = (i: number) => (i % 2 === 0 ? t.app : other);

const submission = (n: number) => ({
  unitId: 'u-re-garden',
  customer: { name: '业主', phone: '13800000000' },
  title: `门户限流 ${n}`,
  content: '同一地址同时提交。',
});

test(`R-IN-5 portal: 30 submissions at once from one address over two processes: ${PORTAL_SUBMISSIONS_PER_MINUTE} stored, the rest 429; the next minute opens a new window`, async () => {
  const ip = '203.0.113.7';
  const count = async () =>
    (
      await t.database.db
        .selectFrom('complaints')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('title', 'like', '门户限流 %')
        .executeTakeFirstOrThrow()
    ).n;
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      appFor(i).inject({ method: 'POST', url: '/api/portal/complaints', payload: submission(i), remoteAddress: ip }),
    ),
  );
  assert.deepEqual(statuses(answers), { 201: PORTAL_SUBMISSIONS_PER_MINUTE, 429: 30 - PORTAL_SUBMISSIONS_PER_MINUTE });
  assert.equal(Number(await count()), PORTAL_SUBMISSIONS_PER_MINUTE);
  // Another address has its own window; this one opens again after the minute.
  assert.equal(
    (await other.inject({ method: 'POST', url: '/api/portal/complaints', payload: submission(100), remoteAddress: '203.0.113.8' }))
      .statusCode,
    201,
  );
  t.clock.advance(61_000);
  assert.equal(
    (await other.inject({ method: 'POST', url: '/api/portal/complaints', payload: submission(101), remoteAddress: ip })).statusCode,
    201,
  );
});

test(`portal tracking: 50 guesses at once from one address over two processes: ${PORTAL_TRACK_PER_MINUTE} checked (404), the rest 429`, async () => {
  t.clock.advance(61_000);
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      appFor(i).inject({
        method: 'POST',
        url: '/api/portal/track',
        payload: { code: 'NO-SUCH-CODE', secret: `guess-${i}` },
        remoteAddress: '198.51.100.9',
      }),
    ),
  );
  assert.deepEqual(statuses(answers), { 404: PORTAL_TRACK_PER_MINUTE, 429: 50 - PORTAL_TRACK_PER_MINUTE });
});

test(`#19: a unit admin's "address taken" answers, asked for at once over two processes, are no more than ${TAKEN_EMAIL_ANSWERS_PER_HOUR} an hour`, async () => {
  const created = await t.api(
    'POST',
    '/api/users',
    { email: 'race.admin@plaint.demo', name: '项目管理员', role: 'admin', orgNodeId: 'u-re-garden', password: 'a long enough phrase' },
    { role: 'admin' },
  );
  assert.equal(created.statusCode, 201, created.body);
  const token = (
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'race.admin@plaint.demo', password: 'a long enough phrase' },
    })
  ).json().token;
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      appFor(i).inject({
        method: 'POST',
        url: '/api/users',
        headers: { authorization: `Bearer ${token}` },
        payload: { email: t.emailOf('manager'), name: '新用户', role: 'agent', orgNodeId: 'u-re-garden', password: 'a long enough phrase' },
      }),
    ),
  );
  const s = statuses(answers);
  assert.equal(s[409], TAKEN_EMAIL_ANSWERS_PER_HOUR, JSON.stringify(s));
  assert.equal(s[429], 30 - TAKEN_EMAIL_ANSWERS_PER_HOUR, JSON.stringify(s));
});

test('windows older than a day are forgotten (the sweeper does this each pass)', async () => {
  const before = await t.database.db
    .selectFrom('throttle_windows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.ok(Number(before.n) > 0);
  t.clock.advance(25 * 3600_000);
  await forgetOldThrottles(t.deps);
  const after = await t.database.db
    .selectFrom('throttle_windows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(after.n), 0);
});
