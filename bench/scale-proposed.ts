/**
 * BENCH_PROPOSED=1 with BENCH_SCALE_DB=<a database kept by a scale run>: measures the changes this
 * benchmark proposes for files outside its remit (see docs/PERFORMANCE.md, "Scale") on the loaded
 * data, then removes what it added. Before / after for: the queue (two indexes), the queue's total
 * counted without the customer and unit joins, and a search total capped at 1,000 matches.
 */
import type pg from 'pg';
import { sql } from 'kysely';
import type { Deps } from '../src/use-cases/context.ts';
import type { Scope } from '../src/security/scope.ts';
import { listComplaints, type ComplaintFilter } from '../src/use-cases/list-complaints.ts';
import { searchCondition } from '../src/data/search-condition.ts';

type TimeRuns = (
  runs: number,
  op: (i: number) => Promise<unknown>,
  target?: { ms: number; on: 'p95' | 'p99' | 'max' },
  warmup?: number,
) => Promise<any>;

export async function runProposed(
  deps: Deps,
  admin: pg.Client,
  scope: Scope,
  units: string[],
  runs: number,
  timeRuns: TimeRuns,
  line: (l: string, t: any) => string,
): Promise<Record<string, unknown>> {
  const db = deps.db;
  const statusSets = [
    ['dispatched'],
    ['received', 'qualified'],
    ['acknowledged', 'investigated'],
    ['dispatched', 'acknowledged', 'investigated', 'awaiting_approval'],
  ];
  const filter = (i: number, sort: 'due' | 'received'): ComplaintFilter => ({
    scope,
    unitIds: [units[Math.abs(i) % units.length]],
    status: statusSets[Math.abs(i) % statusSets.length],
    sort,
    limit: 25,
  });
  const countJoined = (i: number) =>
    sql`SELECT count(*) FROM complaints c JOIN customers cu ON cu.id = c.customer_id JOIN org_nodes u ON u.id = c.unit_id
    WHERE c.unit_id = ${units[Math.abs(i) % units.length]} AND c.status = ANY(${statusSets[Math.abs(i) % statusSets.length]}::text[])`.execute(
      db,
    );
  const countAlone = (i: number) =>
    sql`SELECT count(*) FROM complaints c
    WHERE c.unit_id = ${units[Math.abs(i) % units.length]} AND c.status = ANY(${statusSets[Math.abs(i) % statusSets.length]}::text[])`.execute(
      db,
    );
  const measure = async (label: string) => {
    const out: Record<string, unknown> = {};
    out['listComplaints unit+status, sort due'] = await timeRuns(runs, (i) => listComplaints(deps, filter(i, 'due')), {
      ms: 50,
      on: 'p95',
    });
    out['listComplaints unit+status, sort received'] = await timeRuns(runs, (i) => listComplaints(deps, filter(i, 'received')), {
      ms: 50,
      on: 'p95',
    });
    out['total as counted now (joins customers, org_nodes)'] = await timeRuns(runs, countJoined);
    out['total counted on complaints alone'] = await timeRuns(runs, countAlone);
    for (const [k, t] of Object.entries(out)) console.log(line(`${label}: ${k}`, t));
    return out;
  };
  const result: Record<string, unknown> = {};
  result.before = await measure('current indexes');
  await admin.query('CREATE INDEX bench_unit_status_idx ON complaints (unit_id, status)');
  await admin.query(
    `CREATE INDEX bench_unit_due_idx ON complaints (unit_id, (coalesce(next_due_at, '9999-12-31T00:00:00.000Z'::timestamptz)), received_at, id) WHERE status <> 'closed'`,
  );
  await admin.query('ANALYZE complaints');
  try {
    result.withIndexes = await measure('with the two proposed indexes');
  } finally {
    await admin.query('DROP INDEX bench_unit_status_idx');
    await admin.query('DROP INDEX bench_unit_due_idx');
  }
  // A search total capped at 1,000: counts stop early instead of visiting every match.
  const capped: Record<string, unknown> = {};
  for (const q of ['退款', '漏水']) {
    capped[`exact total: ${q}`] = await timeRuns(
      5,
      () =>
        sql`SELECT count(*) FROM complaints c JOIN customers cu ON cu.id = c.customer_id WHERE ${searchCondition(q, { searchContact: true })}`.execute(
          db,
        ),
      undefined,
      1,
    );
    capped[`total capped at 1,000: ${q}`] = await timeRuns(
      5,
      () =>
        sql`SELECT count(*) FROM (SELECT 1 FROM complaints c JOIN customers cu ON cu.id = c.customer_id WHERE ${searchCondition(q, { searchContact: true })} LIMIT 1000) x`.execute(
          db,
        ),
      undefined,
      1,
    );
    capped[`page of 26, newest first: ${q}`] = await timeRuns(
      5,
      () =>
        sql`SELECT c.id FROM complaints c JOIN customers cu ON cu.id = c.customer_id WHERE ${searchCondition(q, { searchContact: true })} ORDER BY c.received_at DESC, c.id DESC LIMIT 26`.execute(
          db,
        ),
      undefined,
      1,
    );
  }
  // A one-character query over a 7-day window instead of 30 (the window intersected with receivedFrom).
  const since = new Date(deps.now().getTime() - 7 * 24 * 3600 * 1000).toISOString();
  capped['one character 漏, 7-day window'] = await timeRuns(
    5,
    () => listComplaints(deps, { scope, q: '漏', searchContact: true, receivedFrom: since }),
    undefined,
    1,
  );
  for (const [k, t] of Object.entries(capped)) console.log(line(`search ${k}`, t));
  result.searchTotals = capped;
  // What the trigger costs per row: plaint_search_terms over 100,000 stored texts, and the column's size.
  const t0 = performance.now();
  await admin.query(
    `SELECT sum(cardinality(plaint_search_terms(code || ' ' || title || ' ' || content))) FROM (SELECT code, title, content FROM complaints LIMIT 100000) x`,
  );
  const perRowUs = Math.round(((performance.now() - t0) * 1000) / 100000);
  const [w] = (
    await admin.query(`SELECT avg(pg_column_size(search_terms))::int AS terms_bytes, avg(cardinality(search_terms))::int AS terms, avg(pg_column_size(c.*))::int AS row_bytes,
      avg(pg_column_size(signature))::int AS signature_bytes FROM (SELECT * FROM complaints LIMIT 20000) c`)
  ).rows;
  result.searchTermsCost = { plaintSearchTermsPerRowUs: perRowUs, ...w };
  console.log(
    `  plaint_search_terms: ${perRowUs} µs per complaint; search_terms ${w.terms} terms, ${w.terms_bytes} of ${w.row_bytes} bytes per row (signature ${w.signature_bytes})`,
  );
  return result;
}
