/**
 * The database restarted under intake load: while it is down every request fails cleanly (503,
 * quickly — never a hang, never a 500), and once it is back Plaint serves again without being
 * restarted. Runs on a private PostgreSQL cluster, never the shared one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { api, login, query, skipWithoutPostgres, sleep, startServer, type ServerProcess } from './helpers.ts';
import { createPrivatePostgres, privatePostgresUnavailable, type PrivatePostgres } from './private-postgres.ts';
import { unmatchedComplaint } from '../../bench/complaint-samples.ts';

const CLIENTS = 6;
/** A request taking longer than this counts as a hang. */
const HANG_MS = 12_000;
const DOWN_MS = 3000;

interface Outcome {
  phase: 'before' | 'down' | 'after';
  status: number | 'hang' | 'network';
  ms: number;
  code?: string;
}

test('with the database restarted under load, requests fail with 503 (no hang, no 500) and succeed again without restarting Plaint', {
  skip: skipWithoutPostgres || privatePostgresUnavailable() || false,
  timeout: 120_000,
}, async () => {
  const tag = `dbrestart-${randomBytes(4).toString('hex')}`;
  let cluster: PrivatePostgres | null = null;
  let server: ServerProcess | null = null;
  try {
    cluster = await createPrivatePostgres();
    const db = cluster;
    server = await startServer({ databaseUrl: db.url });
    const plaint = server;
    const token = await login(plaint.base);

    let phase: Outcome['phase'] = 'before';
    const outcomes: Outcome[] = [];
    let n = 0;
    let stopAt = Number.POSITIVE_INFINITY;
    const worker = async () => {
      while (Date.now() < stopAt && n < 20_000) {
        const body = unmatchedComplaint(n++, tag);
        const o: Outcome = { phase, status: 'network', ms: 0 };
        const t0 = Date.now();
        try {
          const r = await api(plaint.base, token, 'POST', '/api/complaints', body, {}, HANG_MS);
          o.status = r.status;
          if (r.status === 201) o.code = r.body.code;
        } catch (e) {
          o.status = (e as Error).name === 'TimeoutError' ? 'hang' : 'network';
        }
        o.ms = Date.now() - t0;
        outcomes.push(o);
        // Failing requests come back fast; a client would back off rather than spin.
        if (o.status !== 201) await sleep(50);
      }
    };
    const workers = Array.from({ length: CLIENTS }, worker);

    await sleep(1000);
    phase = 'down';
    await db.stop('fast');
    await sleep(DOWN_MS);
    await db.start();
    phase = 'after';
    // Run on until requests have succeeded for a while after the restart, or give up after 30 s.
    const deadline = Date.now() + 30_000;
    while (
      Date.now() < deadline &&
      plaint.child.exitCode === null &&
      outcomes.filter((o) => o.phase === 'after' && o.status === 201).length < 20
    )
      await sleep(100);
    stopAt = 0;
    await Promise.all(workers);

    const count = (pred: (o: Outcome) => boolean) => outcomes.filter(pred).length;
    const summary = (['before', 'down', 'after'] as const).map(
      (p) =>
        `${p}: ${JSON.stringify(outcomes.filter((o) => o.phase === p).reduce<Record<string, number>>((m, o) => ((m[o.status] = (m[o.status] ?? 0) + 1), m), {}))}`,
    );
    console.log(`# ${summary.join('; ')}; slowest ${Math.max(...outcomes.map((o) => o.ms))} ms`);

    const crashed = plaint.child.exitCode !== null;
    const tail = plaint
      .output()
      .split('\n')
      .filter((l) => !l.startsWith('{"level":40'))
      .slice(-25)
      .join('\n');
    assert.ok(!crashed, `Plaint itself stayed up through the database restart; it exited with ${plaint.child.exitCode}:\n${tail}`);
    assert.ok(count((o) => o.phase === 'before' && o.status === 201) > 0, 'intake worked before the restart');
    assert.equal(
      count((o) => o.status === 500),
      0,
      'no 500 at any time',
    );
    assert.equal(
      count((o) => o.status === 'hang'),
      0,
      `no request hung for ${HANG_MS} ms`,
    );
    assert.equal(
      count((o) => o.status === 'network'),
      0,
      'Plaint itself stayed up and answered every request',
    );
    assert.ok(count((o) => o.phase === 'down' && o.status === 503) > 0, 'requests during the outage got 503');
    const odd = outcomes.filter((o) => o.status !== 201 && o.status !== 503);
    assert.deepEqual(odd, [], 'every request either succeeded or got 503');
    assert.ok(count((o) => o.phase === 'after' && o.status === 201) >= 20, 'intake recovered after the database came back');
    assert.equal(plaint.child.exitCode, null, 'the same Plaint process served throughout');

    const health = await fetch(`${plaint.base}/api/health`, { signal: AbortSignal.timeout(5000) });
    assert.equal(health.status, 200, 'health is ok again');
    // Nothing acknowledged was lost across the restart.
    const stored = await query<{ code: string }>(db.url, 'SELECT code FROM complaints WHERE batch_no = $1', [tag]);
    const codes = new Set(stored.map((r) => r.code));
    for (const o of outcomes) if (o.code) assert.ok(codes.has(o.code), `acknowledged ${o.code} is stored`);
  } finally {
    if (server) await server.kill9();
    if (cluster) await cluster.destroy();
  }
});
