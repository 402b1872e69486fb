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

test(
  'a burst of concurrent complaints about the same matter is taken in without a 500 (no deadlock in similar linking)',
  {
    skip: skipWithoutPostgres,
    timeout: 90_000,
  },
  async () => {
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
  },
);
