/**
 * The sweeper under faults: killed -9 in the middle of a pass it resumes without writing a breach
 * twice, and two processes sweeping one database write each breach exactly once. Complaints are
 * taken in with receivedAt ten days ago, so their clocks are due long before any sweeper runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  api,
  createScratchDatabase,
  login,
  postgresUrl,
  query,
  skipWithoutPostgres,
  sleep,
  startServer,
  waitFor,
  type ServerProcess,
} from './helpers.ts';
import { sampleComplaint } from '../../bench/complaint-samples.ts';

const PAST_DUE = 100;
// Ten days back: every pack's first clocks are due by then even on a business calendar over a weekend.
const TEN_DAYS_AGO = () => new Date(Date.now() - 10 * 24 * 3600_000).toISOString();

/** Past-due complaints through the API, one at a time (intake itself is not what is under test here). */
async function takeInPastDue(servers: ServerProcess[], tag: string, count: number): Promise<void> {
  const tokens = await Promise.all(servers.map((s) => login(s.base)));
  const receivedAt = TEN_DAYS_AGO();
  for (let n = 0; n < count; n++) {
    const i = n % servers.length;
    const r = await api(servers[i].base, tokens[i], 'POST', '/api/complaints', sampleComplaint(n, tag, receivedAt));
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
}

const runningPastDue = async (url: string) =>
  (await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM complaint_clocks WHERE state = 'running' AND due_at < now()`))[0].n;

/** Every breached clock has exactly one clock_breached event, every event names a breached clock, and seqs have no gaps. */
async function assertEachBreachOnce(url: string, tag: string): Promise<number> {
  const doubles = await query(
    url,
    `SELECT complaint_id, data->>'name' AS name, count(*)::int AS n FROM complaint_events WHERE type = 'clock_breached' GROUP BY 1, 2 HAVING count(*) <> 1`,
  );
  assert.deepEqual(doubles, [], 'one clock_breached event per (complaint, clock)');
  const [m] = await query<{ clocks: number; events: number; ours: number }>(
    url,
    `SELECT (SELECT count(*) FROM complaint_clocks WHERE state = 'breached')::int AS clocks,
            (SELECT count(*) FROM complaint_events WHERE type = 'clock_breached')::int AS events,
            (SELECT count(*) FROM complaint_clocks k JOIN complaints c ON c.id = k.complaint_id WHERE c.batch_no = $1 AND k.state = 'breached')::int AS ours`,
    [tag],
  );
  assert.equal(m.events, m.clocks, 'as many breach events as breached clocks');
  assert.ok(m.ours > 0, 'the past-due complaints taken in by the test were swept');
  const gaps = await query(url, `SELECT complaint_id FROM complaint_events GROUP BY complaint_id HAVING max(seq) <> count(*)`);
  assert.deepEqual(gaps, [], 'event seqs have no gaps or doubles');
  return m.events;
}

test('a sweeper killed -9 in the middle of a pass resumes after restart without duplicate breach events', {
  skip: skipWithoutPostgres,
  timeout: 120_000,
}, async () => {
  const scratch = await createScratchDatabase(postgresUrl()!);
  const tag = `sweep-kill-${randomBytes(4).toString('hex')}`;
  let server: ServerProcess | null = null;
  const watcher = new pg.Client({ connectionString: scratch.url });
  try {
    server = await startServer({ databaseUrl: scratch.url, sweepMs: 0 });
    await takeInPastDue([server], tag, PAST_DUE);
    await server.stop();
    const due = await runningPastDue(scratch.url);
    // Not every pack starts a clock at intake (food, restaurant, service centre), so fewer than one per complaint.
    assert.ok(due >= PAST_DUE / 2, `clocks are already due (${due}), enough for a pass that can be interrupted`);

    // Start a sweeping process and kill it as soon as its first breaches are committed.
    await watcher.connect();
    const breaches = async () =>
      (await watcher.query<{ n: number }>(`SELECT count(*)::int AS n FROM complaint_events WHERE type = 'clock_breached'`)).rows[0].n;
    server = await startServer({ databaseUrl: scratch.url, sweepMs: 100 });
    const deadline = Date.now() + 20_000;
    let atKill = 0;
    while (Date.now() < deadline && (atKill = await breaches()) === 0) await sleep(5);
    await server.kill9();
    server = null;
    const afterKill = await breaches();
    assert.ok(afterKill > 0, 'the sweeper had started its pass');
    assert.ok(afterKill < due, `the kill landed mid-pass (${afterKill} of ${due} breaches written)`);

    server = await startServer({ databaseUrl: scratch.url, sweepMs: 200 });
    assert.ok(await waitFor(async () => (await runningPastDue(scratch.url)) === 0, 40_000), 'the restarted sweeper finishes the pass');
    await sleep(600); // a few more passes, which must find nothing left to do
    await server.stop();
    server = null;
    const total = await assertEachBreachOnce(scratch.url, tag);
    console.log(`# killed with ${atKill}→${afterKill} of ${due} breaches written; ${total} after the restart, each once`);
  } finally {
    await watcher.end().catch(() => {});
    if (server) await server.kill9();
    await scratch.drop();
  }
});

test('two processes sweeping one database write each breach exactly once', { skip: skipWithoutPostgres, timeout: 120_000 }, async () => {
  const scratch = await createScratchDatabase(postgresUrl()!);
  const tag = `sweep-two-${randomBytes(4).toString('hex')}`;
  const servers: ServerProcess[] = [];
  try {
    // A seeds the demo data first; B then starts on the migrated, seeded database.
    servers.push(await startServer({ databaseUrl: scratch.url, sweepMs: 200 }));
    servers.push(await startServer({ databaseUrl: scratch.url, sweepMs: 200, demo: false }));
    await takeInPastDue(servers, tag, PAST_DUE);
    assert.ok(await waitFor(async () => (await runningPastDue(scratch.url)) === 0, 40_000), 'the sweepers finish');
    await sleep(1000); // both sweepers run several more passes over the same rows
    const logged = servers.map((s) => [...s.output().matchAll(/sweeper: (\d+) breaches/g)].reduce((sum, m) => sum + Number(m[1]), 0));
    await Promise.all(servers.map((s) => s.stop()));
    const total = await assertEachBreachOnce(scratch.url, tag);
    assert.equal(logged[0] + logged[1], total, `the processes' own counts add up to the events written (${logged.join(' + ')})`);
    console.log(`# two sweepers wrote ${logged.join(' + ')} = ${total} breach events, each once`);
  } finally {
    await Promise.all(servers.map((s) => s.kill9()));
    await scratch.drop();
  }
});
