/**
 * Real estate (S0 第一篇, Vanke 5.5.2 通报), #15 "who is told", through HTTP on a project built by the factories:
 * a hot complaint (3–9 complainants together, R-SV-1) is bulletined within one working day, and at its close the
 * short special report (简要的专题报告：投诉发生、处理的始末) is due to the company and the group's coordination
 * centre (R-NT-1); a general complaint's close tells no one of a special report. On PGlite, and on PostgreSQL
 * with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildDepartments, buildUnit, buildUser, type Node, type Unit, type User } from '../helpers/factories.ts';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

let t: TestApp;
let project: Unit;
let engineering: Node;
let agent: User;

before(async () => {
  t = await createTestApp({ now: sh('2026-11-24T10:00:00') });
  const company = await buildCompany(t);
  project = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  [engineering] = await buildDepartments(t, project, ['工程部']);
  agent = await buildUser(t, { role: 'agent', orgNodeId: company.id });
});
after(async () => t.close());

async function act(id: string, body: Record<string, unknown>) {
  const res = await t.api('POST', `/api/complaints/${id}/actions`, body, { as: agent });
  assert.equal(res.statusCode, 200, `${String(body.type)}: ${res.body}`);
  return res.json();
}

let n = 0;
async function intake(extra: Record<string, unknown>, title: string) {
  n += 1;
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId: project.id,
      channel: 'phone',
      customer: { name: `业主${n}`, phone: `1395555${String(n).padStart(4, '0')}` },
      title,
      content: `${title}，请尽快处理。`,
      ...extra,
    },
    { as: agent },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; level: string };
}

async function toClosure(id: string) {
  await act(id, { type: 'qualify', result: 'valid' });
  await act(id, { type: 'dispatch', leadDepartmentId: engineering.id });
  await act(id, { type: 'acknowledge' });
  await act(id, {
    type: 'report',
    cause: '施工缝防水未做',
    sequence: '现场勘查',
    responsible: '总包单位',
    conclusion: '属实',
    countermeasures: '返修防水',
    prevention: '加强验收',
  });
  const replied = await act(id, { type: 'reply', message: '已安排返修，三日内完成。' });
  if (replied.status === 'awaiting_approval') throw new Error('this test expects the pack not to require reply approval');
  await act(id, { type: 'confirm' });
  await act(id, { type: 'visit', score: 4 });
  return act(id, { type: 'close' });
}

async function specialReportNotices(id: string) {
  return t.deps.db
    .selectFrom('notifications')
    .select(['recipient_role', 'kind', 'rule_id'])
    .where('complaint_id', '=', id)
    .where('kind', '=', 'special_report')
    .orderBy('recipient_role')
    .execute();
}

test('S0 Vanke 5.5.2.2 (R-NT-1): a hot complaint’s short special report is due to the company and the coordination centre at its close', async () => {
  const hot = await intake({ complainantCount: 5 }, '地下车库漏水，五户业主联名投诉');
  assert.equal(hot.level, 'hot');
  assert.deepEqual(await specialReportNotices(hot.id), [], 'nothing is due before the close');
  const closed = await toClosure(hot.id);
  assert.equal(closed.status, 'closed');
  assert.deepEqual(await specialReportNotices(hot.id), [
    { recipient_role: 'company', kind: 'special_report', rule_id: 'R-NT-1/hot-special-report' },
    { recipient_role: 'group_coordination_centre', kind: 'special_report', rule_id: 'R-NT-1/hot-special-report' },
  ]);
});

test('S0 Vanke 5.5.2 (R-NT-1): a general complaint’s close owes no special report', async () => {
  const general = await intake({}, '楼道灯不亮');
  assert.equal(general.level, 'general');
  await toClosure(general.id);
  assert.deepEqual(await specialReportNotices(general.id), []);
});
