/**
 * Not a test: the queue's export of BENCH_EXPORT_ROWS complaints (default 100,000) over a real socket,
 * CSV then xlsx, with the server's peak RSS (this process: the server and a client that only counts
 * bytes). `DATABASE_URL=postgres://… node --max-old-space-size=128 --import tsx bench/export.ts`; without it,
 * PGlite (slow to fill). A small heap limit shows the export does not grow with the rows: 100,000 rows
 * make a 31 MB CSV, which with the server's own heap would not fit.
 *
 * 2026-12-03, 2 shared cores, PostgreSQL 127.0.0.1, --max-old-space-size=128, sort=due:
 *   export.csv: 100000 rows (completed), 31 MB in 46.3 s; RSS before 216 MB, peak 243 MB; V8 heap peak 80 MB
 *   export.xlsx: 100000 rows (completed), 12 MB in 61.7 s; RSS before 197 MB, peak 204 MB; V8 heap peak 83 MB
 * (20,000 rows: 4.1 s and 5.3 s. A batch of 1,000 takes ~200 ms at 20,000 rows and ~450 ms at 100,000;
 * not investigated — the keyset query on the due order is the likely cost, not the writing.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createTestApp } from '../test/helpers/test-app.ts';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const mb = (b: number) => Math.round(b / 1024 / 1024);

const t = await createTestApp();
const seed = await t.api('POST', '/api/complaints', {
  unitId: 'u-re-garden',
  channel: 'phone',
  customer: { name: '王伟', phone: '13912345678', email: 'wangwei@example.com' },
  title: '卫生间漏水',
  content: '主卫天花板持续漏水，墙面发霉，已三次报修仍未处理。',
});
const id = seed.json().id as string;
let started = Date.now();
await sql`INSERT INTO complaints (code, unit_id, policy_id, channel, status, title, content, customer_id, received_at, next_due_at)
  SELECT 'BULK-' || lpad(i::text, 7, '0'), unit_id, policy_id, channel, 'received', title || ' ' || i, content || ' 第 ' || i || ' 条', customer_id,
    received_at - make_interval(secs => i), received_at + make_interval(mins => i % 5000)
  FROM (SELECT * FROM complaints WHERE id = ${id}) c, generate_series(1, ${ROWS - 1}) AS i`.execute(t.deps.db);
console.log(`filled ${ROWS} complaints in ${((Date.now() - started) / 1000).toFixed(1)} s (${t.database.kind})`);

await t.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = t.app.server.address() as AddressInfo;
const token = await t.token('agent');

for (const format of ['csv', 'xlsx']) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let heapPeak = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 50);
  started = Date.now();
  const bytes = await new Promise<number>((resolve, reject) => {
    http
      .get(
        {
          port,
          host: '127.0.0.1',
          path: `/api/complaints/export.${format}?unitId=u-re-garden&sort=due`,
          headers: { authorization: `Bearer ${token}` },
        },
        (res) => {
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => resolve(n));
        },
      )
      .on('error', reject);
  });
  clearInterval(timer);
  const [log] = await t.deps.db.selectFrom('export_log').select(['row_count', 'outcome']).orderBy('id', 'desc').limit(1).execute();
  console.log(
    `export.${format}: ${log.row_count} rows (${log.outcome}), ${mb(bytes)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s; RSS before ${mb(before)} MB, peak ${mb(peak)} MB; V8 heap peak ${mb(heapPeak)} MB`,
  );
}
await t.close();
