/**
 * Issue #15 item 9 (R-RS-4, S3 《外贸部销售主管绩效考核表》 「客户投诉处理及时率」): the sheet gives no full score,
 * so the KPI report assumes 10 and says so (`fullScoreAssumed`) until the pack sets one; an administrator sets it
 * by tuning the pack (PUT /api/units/:id/policy), and the report then scores with it and no longer says "assumed".
 * Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildUnit, buildUsers, type Node, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let company: Node;
let unit: Unit;
let staff: Record<'admin' | 'specialist', User>;

before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  company = await buildCompany(t);
  unit = await buildUnit(t, { pack: 'manufacturing', companyId: company.id });
  staff = await buildUsers(t, { admin: company.id, specialist: unit.id });
});
after(async () => t.close());

async function kpi() {
  const res = await t.api('GET', `/api/reports/kpi?nodeId=${company.id}&quarter=2026Q4`, undefined, { as: staff.admin });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

test('#15 item 9 (S3 KPI sheet ③): the full score is assumed to be 10 until the pack sets one, then the set one scores', async () => {
  const assumed = await kpi();
  assert.equal(assumed.rules.timeliness.fullScore, 10);
  assert.equal(assumed.rules.timeliness.fullScoreAssumed, true);
  // ③ a month without complaints scores the full score.
  const row0 = assumed.timelinessRanking.find((r: { userId: string }) => r.userId === staff.specialist.id);
  assert.equal(row0.score, 10);

  const put = await t.api('PUT', `/api/units/${unit.id}/policy`, { overrides: { kpi: { timelinessFullScore: 20 } } }, { as: staff.admin });
  assert.equal(put.statusCode, 200, put.body);

  const set = await kpi();
  assert.equal(set.rules.timeliness.fullScore, 20);
  assert.equal(set.rules.timeliness.fullScoreAssumed, false);
  const row = set.timelinessRanking.find((r: { userId: string }) => r.userId === staff.specialist.id);
  assert.equal(row.score, 20);
  assert.deepEqual(
    row.months.map((m: { score: number }) => m.score),
    [20, 20, 20],
  );
});

test('#15 item 9: a bad full score is refused with 400 naming the path', async () => {
  const put = await t.api('PUT', `/api/units/${unit.id}/policy`, { overrides: { kpi: { timelinessFullScore: -1 } } }, { as: staff.admin });
  assert.equal(put.statusCode, 400, put.body);
  assert.match(put.body, /kpi\/timelinessFullScore/);
});
