/**
 * Issue #17, import API: the CFPB sample (999 rows, no header, 79 with line breaks inside quoted
 * fields) into the service centre's hotline unit. Imported complaints keep their received time and
 * status (R-LC-1: a traceable record of each), start no clock, and re-importing creates nothing twice.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { sweepOnce } from '../../src/jobs/sweeper.job.ts';
import { CFPB_FILE, postImport, type ImportForm } from './import-helpers.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

const bytes = fs.readFileSync(CFPB_FILE);
// Columns (../shared/data/README.md): 1 date received, 2 product, 4 issue, 5 sub-issue, 6 narrative,
// 14 date sent to company, 15 company response ("Closed with …" / "In progress"), 18 complaint id.
const cfpb: ImportForm = {
  filename: 'cfpb_sample_sabk18_complaints.csv',
  bytes,
  header: false,
  mapping: { receivedAt: 1, title: 4, content: [6, 2, 4, 5], externalId: 18, status: 15, closedAt: 14 },
  defaults: { unitId: 'u-svc', channel: 'web', categoryId: 'other' },
};

async function svcTotal(): Promise<number> {
  const res = await t.api('GET', '/api/complaints?unitId=u-svc&limit=1', undefined, { role: 'admin' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().total;
}

// Row 26's narrative alone is longer than the 20,000 characters a complaint's content may hold at intake.
const TOO_LONG = { row: 26, column: '6, 2, 4, 5', reason: 'content: is longer than 20000 characters' };

test('a dry run of the CFPB sample reads all 999 rows, would create 998, names the one bad row, and writes nothing', async () => {
  const res = await postImport(t, cfpb, { dryRun: true });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { rowsRead: 999, created: 998, duplicates: 0, errors: [TOO_LONG] });
  assert.equal(await svcTotal(), 0, 'a dry run writes nothing');
});

test('the real run creates 998 complaints with their original received time, status and an imported event; a second run adds none', async () => {
  const res = await postImport(t, cfpb);
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { rowsRead: 999, created: 998, duplicates: 0, errors: [TOO_LONG] });
  assert.equal(await svcTotal(), 998);

  // Row 2 of the file: received 2019-09-24, closed, its narrative broken over two lines inside quotes.
  const list = await t.api('GET', '/api/complaints?unitId=u-svc&limit=200&sort=received', undefined, { role: 'admin' });
  const items = list.json().items as { id: string; title: string; receivedAt: string; status: string; clocks: unknown[] }[];
  assert.ok(
    items.every((c) => c.clocks.length === 0),
    'no imported complaint has a clock',
  );
  const search = await t.api('GET', `/api/complaints?q=${encodeURIComponent('transworld')}&limit=50`, undefined, { role: 'admin' });
  const hit = (search.json().items as { id: string }[])[0];
  assert.ok(hit, 'the imported text is searchable');
  const detail = await t.api('GET', `/api/complaints/${hit.id}`, undefined, { role: 'admin' });
  assert.equal(detail.statusCode, 200, detail.body);
  const c = detail.json();
  assert.equal(c.receivedAt, '2019-09-23T16:00:00.000Z', 'received 2019-09-24, a wall date of the unit (Asia/Shanghai)');
  assert.equal(c.status, 'closed', '"Closed with explanation" is closed');
  assert.equal(c.title, 'Attempts to collect debt not owed');
  assert.match(c.content, /transworld systems inc\. \nis trying to collect a debt that is not mine/, 'the quoted line break is kept');
  assert.deepEqual(c.clocks, [], 'a closed imported complaint runs no clock');
  const events = (await t.api('GET', `/api/complaints/${hit.id}/events`, undefined, { role: 'admin' })).json() as {
    type: string;
    data: Record<string, unknown>;
    at: string;
  }[];
  assert.deepEqual(
    events.map((e) => e.type),
    ['received', 'imported', 'closed'],
  );
  assert.deepEqual(
    { file: events[1].data.file, row: events[1].data.row, externalId: events[1].data.externalId },
    { file: 'cfpb_sample_sabk18_complaints.csv', row: 2, externalId: '3384392' },
  );
  assert.equal(events[2].at, '2019-09-23T16:00:00.000Z', 'closed when the file says (date sent to company 2019-09-24)');

  // "In progress" rows stay open, and start no clock either.
  const open = await t.api('GET', '/api/complaints?unitId=u-svc&status=received&limit=200', undefined, { role: 'admin' });
  assert.equal(open.json().total, 37 + 5, '37 "In progress" and 5 "Untimely response" rows are open');
  assert.ok((open.json().items as { clocks: unknown[] }[]).every((x) => x.clocks.length === 0));

  const again = await postImport(t, cfpb);
  assert.equal(again.statusCode, 200, again.body);
  assert.deepEqual(again.json(), { rowsRead: 999, created: 0, duplicates: 998, errors: [TOO_LONG] });
  assert.equal(await svcTotal(), 998, 'nothing is created twice');

  // No clock already past is running: the sweeper finds nothing to breach or re-evaluate.
  const swept = await sweepOnce(t.deps);
  assert.equal(swept.breaches, 0);
  assert.equal(swept.levelChecks, 0);
  const verify = await t.api('GET', '/api/admin/event-log/verify', undefined, { role: 'admin' });
  assert.equal(verify.statusCode, 200, verify.body);
  assert.equal(verify.json().intact, true, verify.body);
});
