/**
 * The queue's free-text search (src/domain/search, migration 0006): two-character Chinese words, a
 * longer phrase, English, a complaint code, a phone number, a single character; nothing for a text
 * that is not there. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { bigrams, planSearch } from '../../src/domain/search/index.ts';

let t: TestApp;
const codes: Record<string, string> = {};

const SAMPLES = [
  { key: 'refund', unitId: 'u-fuel-s1', customer: { name: '王伟', phone: '13912345678' }, title: '加油卡扣款两次要求退款', content: '昨天在滨江路加油站加了92号汽油，加油卡被扣款两次，请核查并尽快退款。' },
  { key: 'leak', unitId: 'u-re-garden', customer: { name: '李娜', phone: '13800001111' }, title: '卫生间天花板持续漏水', content: '3栋1201室卫生间天花板持续漏水，家具已经泡坏，多次报修无人处理。' },
  { key: 'english', unitId: 'u-mfg-qa', customer: { name: 'John Smith', phone: '13700002222' }, title: 'Connector housing cracked', content: 'Batch 2611 connectors arrived with cracked housings; please arrange a Replacement shipment.' },
  { key: 'lift', unitId: 'u-prop-jx', customer: { name: '赵敏', phone: '13600003333' }, title: '电梯经常困人', content: '小区电梯经常困人，物业维修不及时，老人上下楼很不方便。' },
];

async function search(q: string, role = 'agent'): Promise<string[]> {
  const res = await t.api('GET', `/api/complaints?q=${encodeURIComponent(q)}&limit=200`, undefined, { role });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { items: { code: string }[]; total: number };
  assert.equal(body.total, body.items.length);
  return body.items.map((i) => i.code).sort();
}

before(async () => {
  t = await createTestApp();
  for (const s of SAMPLES) {
    const { key, ...body } = s;
    const res = await t.api('POST', '/api/complaints', { ...body, channel: 'phone' });
    assert.equal(res.statusCode, 201, res.body);
    codes[key] = res.json().code;
  }
});
after(async () => {
  await t?.close();
});

test('bigrams mirror the SQL function: lower-cased, distinct, no pairs with white space', () => {
  assert.deepEqual(bigrams('退款'), ['退款']);
  assert.deepEqual(bigrams('漏水漏水').sort(), ['水漏', '漏水'].sort());
  assert.deepEqual(bigrams('Ab c'), ['ab']);
  assert.equal(planSearch('退', new Date()).kind, 'recent');
  assert.equal(planSearch('退款', new Date()).kind, 'bigrams');
});

test('the database fills search_bigrams through the trigger', async () => {
  const { sql } = await import('kysely');
  const r = await sql<{ ok: boolean }>`SELECT search_bigrams @> ARRAY['退款', '扣款']::text[] AS ok FROM complaints WHERE code = ${codes.refund}`.execute(t.deps.db);
  assert.equal(r.rows[0].ok, true);
  const f = await sql<{ b: string[] }>`SELECT plaint_bigrams('Ab c漏水') AS b`.execute(t.deps.db);
  assert.deepEqual([...f.rows[0].b].sort(), bigrams('Ab c漏水').sort());
});

test('finds two-character words: 退款, 漏水', async () => {
  assert.deepEqual(await search('退款'), [codes.refund]);
  assert.deepEqual(await search('漏水'), [codes.leak]);
});

test('finds a four-character phrase, and only in that order', async () => {
  assert.deepEqual(await search('经常困人'), [codes.lift]);
  assert.deepEqual(await search('困人经常'), []);
});

test('finds an English word whatever its case', async () => {
  assert.deepEqual(await search('replacement'), [codes.english]);
  assert.deepEqual(await search('CRACKED'), [codes.english]);
});

test('finds a complaint by its code and by part of it', async () => {
  assert.deepEqual(await search(codes.leak), [codes.leak]);
  assert.deepEqual(await search(codes.leak.toLowerCase()), [codes.leak]);
});

test('finds a phone number for a role that may see it, and a customer name', async () => {
  assert.deepEqual(await search('13912345678'), [codes.refund]);
  assert.deepEqual(await search('2345678'), [codes.refund]);
  assert.deepEqual(await search('赵敏'), [codes.lift]);
});

test('a single character falls back to the recent window', async () => {
  assert.deepEqual(await search('漏'), [codes.leak]);
  t.clock.advance(40 * 24 * 3600 * 1000);
  assert.deepEqual(await search('漏'), []);
  assert.deepEqual(await search('漏水'), [codes.leak]);
});

test('does not find a text that is not there; LIKE wildcards are literal', async () => {
  assert.deepEqual(await search('停车收费'), []);
  assert.deepEqual(await search('%%'), []);
  assert.deepEqual(await search('退_'), []);
});
