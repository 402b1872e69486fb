/**
 * Concurrent intake of complaints about the same matter at one unit (a burst of calls about one
 * leak or one bad batch): every request must be answered 201, none 500. Linking similar complaints
 * locks the open matches, and two intakes must not deadlock on each other's rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { api, createScratchDatabase, login, postgresUrl, query, skipWithoutPostgres, startServer, type ServerProcess } from './helpers.ts';
import type { ComplaintBody } from '../../bench/complaint-samples.ts';

const BURST = 32;
const CLIENTS = 16;

/** One matter (a leaking ceiling in one building), told by different customers in their own words. */
function sameMatter(n: number, tag: string): ComplaintBody {
  const rooms = ['1201', '1202', '1101', '1301', '1102', '1401'];
  return {
    unitId: 'u-re-garden',
    channel: 'phone',
    customer: { name: `业主${n}`, phone: `139${String(10_000_000 + n).slice(-8)}` },
    title: `3栋${rooms[n % rooms.length]}室卫生间天花板漏水`,
    content: `3栋${rooms[n % rooms.length]}室卫生间天花板持续漏水，墙面发霉，楼上防水层可能损坏。`,
    demands: '维修并赔偿',
    batchNo: tag,
  };
}

test('a burst of concurrent complaints about the same matter is taken in without a 500 (no deadlock in similar linking)', {
  skip: skipWithoutPostgres,
  timeout: 90_000,
}, async () => {
  const scratch = await createScratchDatabase(postgresUrl()!);
  const tag = `burst-${randomBytes(4).toString('hex')}`;
  let server: ServerProcess | null = null;
  try {
    server = await startServer({ databaseUrl: scratch.url });
    const s = server;
    const token = await login(s.base);
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < BURST) {
          const r = await api(s.base, token, 'POST', '/api/complaints', sameMatter(next++, tag), {}, 30_000);
          statuses.push(r.status);
        }
      }),
    );
    const tally = statuses.reduce<Record<number, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});
    const deadlocks = (s.output().match(/deadlock detected/g) ?? []).length / 2;
    console.log(`# ${BURST} same-matter complaints from ${CLIENTS} clients: ${JSON.stringify(tally)}, deadlocks logged: ${deadlocks}`);
    assert.deepEqual(tally, { 201: BURST }, 'every complaint taken in');
    const [c] = await query<{ n: number }>(scratch.url, 'SELECT count(*)::int AS n FROM complaints WHERE batch_no = $1', [tag]);
    assert.equal(c.n, BURST);
  } finally {
    if (server) await server.kill9();
    await scratch.drop();
  }
});

/** A matter no demo complaint is about, so its first two complaints stay at the default level. */
function parcelLocker(n: number, tag: string): ComplaintBody {
  return {
    unitId: 'u-re-garden',
    channel: 'phone',
    customer: { name: `住户${n}`, phone: `137${String(20_000_000 + n).slice(-8)}` },
    title: `东门快递柜屏幕损坏无法取件`,
    content: `东门智能快递柜触摸屏碎裂黑屏，第${n}次去取件都打不开柜门，包裹被锁在柜子里。`,
    demands: '尽快修复快递柜',
    batchNo: tag,
  };
}

test('R-SV-1: a burst that makes a matter hot raises each earlier complaint once; intakes that saw it before the raise leave it alone', {
  skip: skipWithoutPostgres,
  timeout: 90_000,
}, async () => {
  const scratch = await createScratchDatabase(postgresUrl()!);
  const tag = `raise-${randomBytes(4).toString('hex')}`;
  let server: ServerProcess | null = null;
  try {
    server = await startServer({ databaseUrl: scratch.url });
    const s = server;
    const token = await login(s.base);
    const first: string[] = [];
    for (let n = 0; n < 2; n++) {
      const r = await api(s.base, token, 'POST', '/api/complaints', parcelLocker(n, tag));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.notEqual(r.body.level, 'hot', 'two complainants do not make a matter hot yet');
      first.push(r.body.id);
    }
    // Every one of these sees the first two at their old level, and each would raise them.
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api(s.base, token, 'POST', '/api/complaints', parcelLocker(10 + i, tag), {}, 30_000)),
    );
    for (const r of burst) assert.equal(r.status, 201, JSON.stringify(r.body));
    const rows = await query<{ id: string; level: string; linked: number; raised: number }>(
      scratch.url,
      `SELECT c.id, c.level,
                (SELECT count(*)::int FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'similar_linked') AS linked,
                (SELECT count(*)::int FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'level_changed') AS raised
         FROM complaints c WHERE c.batch_no = $1`,
      [tag],
    );
    assert.deepEqual([...new Set(rows.map((r) => r.level))], ['hot'], 'the matter is hot on every complaint');
    for (const id of first) {
      const r = rows.find((x) => x.id === id)!;
      assert.equal(r.raised, 1, 'raised once');
      assert.equal(r.linked, 1, 'one similar_linked event: the raise; the other intakes logged nothing on it');
    }
  } finally {
    if (server) await server.kill9();
    await scratch.drop();
  }
});
