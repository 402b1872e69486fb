/**
 * The queue's total without a text search: exact up to QUEUE_TOTAL_CAP, then the cap flagged as a lower
 * bound ("10000+"), with the pages still listing every complaint once, in order; a filter that narrows
 * under the cap counts exactly again. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { QUEUE_TOTAL_CAP } from '../../src/use-cases/list-complaints.ts';
import { buildUnit, buildUser, type User } from '../helpers/factories.ts';

let t: TestApp;
let agent: User;

interface ListBody {
  items: { id: string; code: string }[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
}

async function list(query: string): Promise<ListBody> {
  const res = await t.api('GET', `/api/complaints?${query}`, undefined, { as: agent });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as ListBody;
}

const count = async (where = sql`true`) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM complaints WHERE ${where}`.execute(t.deps.db)).rows[0].n;

before(async () => {
  t = await createTestApp();
  const station = await buildUnit(t, { pack: 'fuel-retail' });
  agent = await buildUser(t, { role: 'agent', orgNodeId: station.companyId });
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId: station.id,
      channel: 'phone',
      customer: { name: '王伟', phone: '13912345678' },
      title: '加油卡扣款两次',
      content: '加油卡被扣款两次，请核查。',
    },
    { as: agent },
  );
  assert.equal(res.statusCode, 201, res.body);
});
after(async () => {
  await t?.close();
});

test('under the cap the queue counts exactly', async () => {
  const body = await list('limit=1');
  assert.equal(body.total, await count());
  assert.equal(body.totalCapped, false);
});

test('past QUEUE_TOTAL_CAP the total is the cap, flagged; a narrower filter counts exactly; the pages list every complaint once', async () => {
  // Cloned in SQL: taking this many in through the API would take minutes. Half of them are closed, so
  // the open ones stay under the cap.
  const extra = QUEUE_TOTAL_CAP + 50;
  await sql`INSERT INTO complaints (code, unit_id, policy_id, channel, status, title, content, customer_id, received_at)
    SELECT 'BULK-' || lpad(i::text, 6, '0'), unit_id, policy_id, channel, CASE WHEN i % 2 = 0 THEN 'closed' ELSE 'received' END,
      '批量登记 ' || i, '发票开错了，第 ' || i || ' 条', customer_id, received_at - make_interval(secs => i)
    FROM (SELECT * FROM complaints ORDER BY received_at LIMIT 1) c, generate_series(1, ${extra}) AS i`.execute(t.deps.db);
  const all = await count();
  assert.ok(all > QUEUE_TOTAL_CAP);

  const whole = await list('limit=200');
  assert.equal(whole.total, QUEUE_TOTAL_CAP, 'the cap, a lower bound of the real number');
  assert.equal(whole.totalCapped, true);

  const closed = await list('status=closed&limit=1');
  assert.equal(closed.total, await count(sql`status = 'closed'`));
  assert.ok(closed.total < QUEUE_TOTAL_CAP);
  assert.equal(closed.totalCapped, false, 'a filter that leaves fewer than the cap counts exactly');

  // Every page of the capped list, newest first: every complaint once, in the queue's order.
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const body: ListBody = await list(`limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(body.totalCapped, true, 'flagged on every page');
    ids.push(...body.items.map((i) => i.id));
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  const want = (await sql<{ id: string }>`SELECT id FROM complaints ORDER BY received_at DESC, id DESC`.execute(t.deps.db)).rows.map(
    (r) => r.id,
  );
  assert.equal(ids.length, all);
  assert.deepEqual(ids, want);
});
