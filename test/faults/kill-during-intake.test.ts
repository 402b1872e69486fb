/**
 * kill -9 of the server in the middle of intake load, then a restart on the same PostgreSQL
 * database: nothing acknowledged is lost or doubled, and a client that never heard back can retry
 * with its Idempotency-Key and get exactly one record (the first one, when it had committed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  api,
  createScratchDatabase,
  login,
  postgresUrl,
  query,
  skipWithoutPostgres,
  sleep,
  startServer,
  type ServerProcess,
} from './helpers.ts';
import { sampleComplaint } from '../../bench/complaint-samples.ts';

const CLIENTS = 8;
const LOAD_BEFORE_KILL_MS = 1500;
const MAX_REQUESTS = 3000;

interface Attempt {
  n: number;
  key: string;
  /** HTTP status, or undefined when the connection died with the server. */
  status?: number;
  code?: string;
}

test('after kill -9 under intake load and a restart, every complaint answered 201 exists exactly once and Idempotency-Key retries return the same record', {
  skip: skipWithoutPostgres,
  timeout: 90_000,
}, async () => {
  const scratch = await createScratchDatabase(postgresUrl()!);
  const tag = `kill-${randomBytes(4).toString('hex')}`;
  let server: ServerProcess | null = null;
  try {
    server = await startServer({ databaseUrl: scratch.url });
    const first = server;
    const token = await login(first.base);
    const attempts: Attempt[] = [];
    let next = 0;
    let killed = false;
    const body = (n: number) => sampleComplaint(n, tag);
    const worker = async () => {
      while (!killed && next < MAX_REQUESTS) {
        const a: Attempt = { n: next, key: `${tag}-${next}` };
        next++;
        attempts.push(a);
        try {
          const r = await api(first.base, token, 'POST', '/api/complaints', body(a.n), { 'idempotency-key': a.key }, 10_000);
          a.status = r.status;
          if (r.status === 201) a.code = r.body.code;
        } catch {
          // The server died with this request in flight: its outcome is unknown to the client.
        }
      }
    };
    const workers = Array.from({ length: CLIENTS }, worker);
    await sleep(LOAD_BEFORE_KILL_MS);
    await first.kill9();
    killed = true;
    await Promise.all(workers);

    const acked = attempts.filter((a) => a.status === 201);
    const unknown = attempts.filter((a) => a.status === undefined);
    assert.ok(acked.length > 0, 'some complaints were acknowledged before the kill');
    assert.ok(unknown.length > 0, 'the kill landed while requests were in flight');

    server = await startServer({ databaseUrl: scratch.url });
    const second = server;

    // Every acknowledged complaint is stored exactly once, under the code the client was given.
    const rows = await query<{ code: string; n: number }>(
      scratch.url,
      'SELECT code, count(*)::int AS n FROM complaints WHERE batch_no = $1 GROUP BY code',
      [tag],
    );
    const byCode = new Map(rows.map((r) => [r.code, r.n]));
    for (const a of acked) assert.equal(byCode.get(a.code!), 1, `complaint ${a.code} (request ${a.n}) is stored exactly once`);
    const stored = rows.reduce((s, r) => s + r.n, 0);
    assert.ok(stored <= attempts.length, `no more complaints stored (${stored}) than requests sent (${attempts.length})`);

    // Clients retry every request with its key, one at a time (the retry of a client that lost its answer).
    const token2 = await login(second.base);
    for (const a of attempts) {
      const r = await api(second.base, token2, 'POST', '/api/complaints', body(a.n), { 'idempotency-key': a.key }, 10_000);
      assert.equal(r.status, 201, `retry of request ${a.n}: ${JSON.stringify(r.body)}`);
      if (a.code) {
        assert.equal(r.body.code, a.code, `retry of acknowledged request ${a.n} returns the same record`);
        assert.equal(r.headers.get('idempotent-replayed'), 'true');
      }
      a.code = r.body.code;
    }

    // Now every request has exactly one record, and no record belongs to two requests.
    const [total] = await query<{ n: number; codes: number }>(
      scratch.url,
      'SELECT count(*)::int AS n, count(DISTINCT code)::int AS codes FROM complaints WHERE batch_no = $1',
      [tag],
    );
    assert.equal(total.n, attempts.length, 'one complaint per request after the retries');
    assert.equal(new Set(attempts.map((a) => a.code)).size, attempts.length, 'each request has its own code');
    const events = await query<{ n: number }>(
      scratch.url,
      `SELECT count(*)::int AS n FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id WHERE c.batch_no = $1 AND e.type = 'received'`,
      [tag],
    );
    assert.equal(events[0].n, attempts.length, 'one received event per complaint');
    const statuses = attempts.reduce<Record<string, number>>(
      (m, a) => ((m[String(a.status ?? 'lost')] = (m[String(a.status ?? 'lost')] ?? 0) + 1), m),
      {},
    );
    console.log(
      `# kill -9 after ${LOAD_BEFORE_KILL_MS} ms: ${attempts.length} requests, outcomes before the kill ${JSON.stringify(statuses)}, ${stored} stored before retries`,
    );
  } finally {
    if (server) await server.kill9();
    await scratch.drop();
  }
});
