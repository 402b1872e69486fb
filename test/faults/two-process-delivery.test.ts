/**
 * Issue #14 item 4: "Two processes on one PostgreSQL never send the same message twice in normal
 * running (tested with two real processes)". Two Plaint servers, each with its outbox worker polling
 * every 100 ms, share the outbox of one database; complaints taken in on both put messages in it for a
 * company's webhook and DingTalk robot. The receivers count each message by its id (X-Plaint-Delivery):
 * every message arrives, and exactly once.
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
  startServer,
  waitFor,
  sleep,
  type ServerProcess,
} from './helpers.ts';
import { unmatchedComplaint } from '../../bench/complaint-samples.ts';
import { startRobots } from '../delivery/receivers.ts';

test('issue #14: two server processes on one PostgreSQL deliver each outbox message exactly once', {
  skip: skipWithoutPostgres,
  timeout: 240_000,
}, async () => {
  const scratch = await createScratchDatabase(postgresUrl()!);
  const tag = `dlv-${randomBytes(4).toString('hex')}`;
  const secret = 'SEC-two-process';
  const robots = await startRobots({ dingtalk: secret, webhook: 'two-process-key' });
  const servers: ServerProcess[] = [];
  try {
    const env = { PLAINT_DELIVERY_MS: '100' };
    servers.push(await startServer({ databaseUrl: scratch.url, env }));
    servers.push(await startServer({ databaseUrl: scratch.url, demo: false, env }));
    const [a, b] = servers;
    const admin = await login(a.base, 'admin@plaint.demo');
    for (const channel of [
      { kind: 'webhook', name: 'OA 系统', url: `${robots.base}/webhook`, secret: 'two-process-key' },
      { kind: 'dingtalk', name: '钉钉群', url: `${robots.base}/dingtalk?access_token=t`, secret },
    ]) {
      const r = await api(a.base, admin, 'POST', '/api/channels', { companyId: 'co-re', ...channel });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    // Major complaints (12 complainants) taken in on both processes at once.
    const writes = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        api(servers[i % 2].base, admin, 'POST', '/api/complaints', {
          ...unmatchedComplaint(i + 1, tag),
          unitId: 'u-re-garden',
          complainantCount: 12,
        }),
      ),
    );
    for (const w of writes) assert.equal(w.status, 201, JSON.stringify(w.body));
    const ids = writes.map((w) => w.body.id as string);
    // The group messages: the demo has no SMTP server here, and the e-mails the write also plans for the
    // people it resolved (the admins, for positions nobody holds) are test/delivery's subject.
    const groupMessages = `SELECT id FROM outbox WHERE complaint_id = ANY($1::uuid[]) AND transport <> 'email'`;
    const expected = (await query<{ id: string }>(scratch.url, groupMessages, [ids])).map((r) => r.id);
    assert.equal(expected.length, 24 * 2 * 2, 'two rules (bulletin, weekly progress) × two channels per complaint');

    const received = () => robots.accepted.filter((h) => h.delivery && expected.includes(h.delivery));
    const all = await waitFor(async () => new Set(received().map((h) => h.delivery)).size === expected.length, 60_000);
    assert.ok(
      all,
      `every message arrives: ${new Set(received().map((h) => h.delivery)).size} of ${expected.length}\n${a.output().slice(-2000)}\n${b.output().slice(-2000)}`,
    );
    // Both workers keep polling: a message sent twice would show up now.
    await sleep(2_000);
    const counts = new Map<string, number>();
    for (const h of received()) counts.set(h.delivery!, (counts.get(h.delivery!) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], 'no message is delivered twice');
    assert.equal(robots.refused.length, 0, 'every DingTalk signature and webhook HMAC checked out');
    const states = await query<{ state: string; attempts: number; n: string }>(
      scratch.url,
      `SELECT state, attempts, count(*) AS n FROM outbox WHERE complaint_id = ANY($1::uuid[]) AND transport <> 'email' GROUP BY state, attempts`,
      [ids],
    );
    assert.deepEqual(
      states.map((s) => [s.state, Number(s.attempts), Number(s.n)]),
      [['sent', 1, expected.length]],
      'each sent on its first attempt',
    );
  } finally {
    await Promise.all(servers.map((s) => s.kill9()));
    await robots.close();
    await scratch.drop();
  }
});
