/**
 * Two Plaint processes behind one PostgreSQL database (what a load balancer does): a write on one is
 * read back at once on the other, and codes taken concurrently on both never collide.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { api, createScratchDatabase, login, postgresUrl, skipWithoutPostgres, startServer, type ServerProcess } from './helpers.ts';
import { sampleComplaint, unmatchedComplaint } from '../../bench/complaint-samples.ts';

test('two server processes on one database serve consistent reads: written on A, read on B and back', {
  skip: skipWithoutPostgres,
  timeout: 90_000,
}, async () => {
  const scratch = await createScratchDatabase(postgresUrl()!);
  const tag = `two-${randomBytes(4).toString('hex')}`;
  const servers: ServerProcess[] = [];
  try {
    // A migrates and seeds first; B starts on the ready database.
    servers.push(await startServer({ databaseUrl: scratch.url }));
    servers.push(await startServer({ databaseUrl: scratch.url, demo: false }));
    const [a, b] = servers;
    const tokenA = await login(a.base);
    // Sessions live in the database, so a token from A is honoured by B.
    const tokenB = tokenA;

    const created = await api(a.base, tokenA, 'POST', '/api/complaints', sampleComplaint(0, tag));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const onB = await api(b.base, tokenB, 'GET', `/api/complaints/${created.body.id}`);
    assert.equal(onB.status, 200, 'B finds the complaint A has just written');
    assert.equal(onB.body.code, created.body.code);
    assert.equal(onB.body.title, created.body.title);
    assert.deepEqual(
      onB.body.events.map((e: { type: string }) => e.type),
      created.body.events.map((e: { type: string }) => e.type),
    );

    const qualified = await api(b.base, tokenB, 'POST', `/api/complaints/${created.body.id}/actions`, { type: 'qualify', result: 'valid' });
    assert.equal(qualified.status, 200, JSON.stringify(qualified.body));
    const backOnA = await api(a.base, tokenA, 'GET', `/api/complaints/${created.body.id}`);
    assert.equal(backOnA.body.status, qualified.body.status, 'A sees the action taken on B');
    assert.equal(backOnA.body.events.length, qualified.body.events.length);

    // Writes on both at once: distinct codes, and both processes list the same set. Texts that match
    // nothing, so the similar-linking deadlock (see concurrent-similar-intake.test.ts) stays out of it.
    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api(servers[i % 2].base, tokenA, 'POST', '/api/complaints', unmatchedComplaint(i + 1, tag))),
    );
    for (const w of writes) assert.equal(w.status, 201, JSON.stringify(w.body));
    const codes = new Set([created.body.code, ...writes.map((w) => w.body.code)]);
    assert.equal(codes.size, 21, 'every complaint has its own code');
    const list = async (s: ServerProcess) => {
      const r = await api(s.base, tokenA, 'GET', `/api/complaints?limit=100&sort=received`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.items
        .map((c: { code: string }) => c.code)
        .filter((c: string) => codes.has(c))
        .sort();
    };
    assert.deepEqual(await list(b), [...codes].sort(), 'B lists every complaint, wherever it was written');
    assert.deepEqual(await list(a), await list(b), 'A and B list the same complaints');
  } finally {
    await Promise.all(servers.map((s) => s.kill9()));
    await scratch.drop();
  }
});

test('R-TL-1: a calendar saved through one process is used at once by the other for new deadlines (no stale in-memory copy)', {
  skip: skipWithoutPostgres,
  timeout: 90_000,
}, async () => {
  const scratch = await createScratchDatabase(postgresUrl()!);
  const servers: ServerProcess[] = [];
  try {
    servers.push(await startServer({ databaseUrl: scratch.url }));
    servers.push(await startServer({ databaseUrl: scratch.url, demo: false }));
    const [a, b] = servers;
    const agent = await login(a.base);
    const admin = await login(a.base, 'admin@plaint.demo');
    const intake = async (s: ServerProcess, n: number) => {
      const r = await api(s.base, agent, 'POST', '/api/complaints', { ...unmatchedComplaint(n, 'cal'), unitId: 'u-re-garden' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.clocks.find((c: { name: string }) => c.name === 'dispatch').calendarVersion as number;
    };
    // B has read (and keeps in memory) the calendar before the edit.
    const before = await intake(b, 1);
    const current = (await api(a.base, admin, 'GET', '/api/units/u-re-garden/calendar')).body.calendar;
    const { version: _v, ...body } = current;
    const saved = await api(a.base, admin, 'PUT', '/api/units/u-re-garden/calendar', {
      ...body,
      overrides: { ...(body.overrides ?? {}), '2031-01-06': { kind: 'holiday', name: '年会' } },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.calendar.version, before + 1);
    assert.equal(await intake(b, 2), before + 1, 'B runs the next complaint on the version A has just saved');
  } finally {
    await Promise.all(servers.map((s) => s.kill9()));
    await scratch.drop();
  }
});
