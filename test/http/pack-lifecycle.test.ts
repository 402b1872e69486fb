/**
 * Issue #15 items 1 and 9: the pack's lifecycle settings have behaviour, over HTTP.
 * - `replyApproval.requiredByDefault` (R-LC-5): a reply waits for approval where the pack says so and the unit has
 *   not decided; the unit's own setting wins either way. Food (S0 第四篇 §7.2 「…后再进行处理(包括审批)」) requires
 *   it, real estate (S0 第一篇) does not.
 * - `returnVisit.required` (R-LC-2): a pack without a required return visit (restaurant, S0 第三篇) closes a
 *   confirmed result; with one (real estate, Vanke 5.1.2.2 「跟蹤回訪」) close from `confirmed` stays 409.
 * - `replyApproval.approverRoles` (R-LC-5): the pack names who approves (default: the managers); the reply's
 *   author never approves it; a tuned pack (PUT /api/units/:id/policy) changes who may.
 * Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildDepartments, buildUnit, buildUsers, type Node, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let company: Node;
let staff: Record<'agent' | 'manager' | 'qa' | 'admin', User>;

before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' }); // Tuesday 10:00 in Shanghai
  company = await buildCompany(t);
  staff = await buildUsers(t, { agent: company.id, manager: company.id, qa: company.id, admin: company.id });
});
after(async () => t.close());

const report = {
  cause: '原料批次异常',
  sequence: '接诉当日质检部核查留样',
  responsible: '生产班组',
  conclusion: '投诉有效',
  countermeasures: '召回同批次产品',
  prevention: '加强进料检验',
};

async function act(id: string, body: Record<string, unknown>, as: User = staff.agent) {
  return t.api('POST', `/api/complaints/${id}/actions`, body, { as });
}

async function ok(id: string, body: Record<string, unknown>, as: User = staff.agent) {
  const res = await act(id, body, as);
  assert.equal(res.statusCode, 200, `${String(body.type)}: ${res.body}`);
  return res.json();
}

let seq = 0;
/** A complaint at `unit` worked up to its reply (by `replier`); returns the answer to the reply. */
async function replied(unit: Unit, replier: User = staff.agent) {
  const [dept] = await buildDepartments(t, unit, [`责任部门 ${++seq}`]);
  const created = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId: unit.id,
      channel: 'phone',
      customer: { name: `顾客${seq}`, phone: `1390000${String(8000 + seq)}` },
      title: `测试投诉 ${seq}`,
      content: `测试投诉内容 ${seq}。`,
    },
    { as: staff.agent },
  );
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  await ok(id, { type: 'qualify', result: 'valid' });
  await ok(id, { type: 'dispatch', leadDepartmentId: dept.id });
  await ok(id, { type: 'acknowledge' });
  await ok(id, { type: 'report', ...report });
  return ok(id, { type: 'reply', message: '已核实处理，请您确认。' }, replier);
}

test('#15 item 1 (R-LC-5, S0 第四篇 §7.2): a food unit that has not decided follows its pack — the reply waits for approval', async () => {
  const plant = await buildUnit(t, { pack: 'food', companyId: company.id });
  const c = await replied(plant);
  assert.equal(c.status, 'awaiting_approval');
  assert.equal(c.reply.approved, false);
});

test('#15 item 1 (R-LC-5): the unit’s own setting wins both ways over the pack default', async () => {
  const plantNo = await buildUnit(t, { pack: 'food', companyId: company.id, settings: { replyApproval: false } });
  assert.equal((await replied(plantNo)).status, 'replied', 'food unit that turned approval off');
  const gardenYes = await buildUnit(t, { pack: 'real-estate', companyId: company.id, settings: { replyApproval: true } });
  assert.equal((await replied(gardenYes)).status, 'awaiting_approval', 'real-estate unit that turned approval on');
  const garden = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  assert.equal((await replied(garden)).status, 'replied', 'real-estate unit following its pack (no approval)');
});

test('#15 item 1 (R-LC-2, S0 第三篇): without a required return visit a confirmed complaint closes; with one, close waits for the visit (409)', async () => {
  const restaurant = await buildUnit(t, { pack: 'restaurant', companyId: company.id });
  const r = await replied(restaurant);
  const confirmed = await ok(r.id, { type: 'confirm' });
  assert.ok(confirmed.allowedActions.includes('close'), 'the console offers close after confirmation');
  const closed = await ok(r.id, { type: 'close' });
  assert.equal(closed.status, 'closed');

  const garden = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  const g = await replied(garden);
  const gConfirmed = await ok(g.id, { type: 'confirm' });
  assert.equal(gConfirmed.allowedActions.includes('close'), false, 'no close offered before the return visit');
  const refused = await act(g.id, { type: 'close' });
  assert.equal(refused.statusCode, 409, refused.body);
  assert.ok(refused.json().error.allowed.includes('visit'), 'the 409 names the return visit');
  await ok(g.id, { type: 'visit', score: 5 });
  assert.equal((await ok(g.id, { type: 'close' })).status, 'closed');
});

test('#15 item 1: tuning returnVisit.required off lets the unit close a confirmed complaint', async () => {
  const garden = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  const put = await t.api(
    'PUT',
    `/api/units/${garden.id}/policy`,
    { overrides: { returnVisit: { required: false } } },
    { as: staff.admin },
  );
  assert.equal(put.statusCode, 200, put.body);
  const g = await replied(garden);
  await ok(g.id, { type: 'confirm' });
  assert.equal((await ok(g.id, { type: 'close' })).status, 'closed');
});

test('#15 item 9 (R-LC-5): the reply’s author never approves it; another manager does', async () => {
  const plant = await buildUnit(t, { pack: 'food', companyId: company.id });
  const c = await replied(plant, staff.manager);
  assert.equal(c.status, 'awaiting_approval');
  assert.equal(c.allowedActions.includes('approve_reply'), false, 'the author is not offered the approval');
  const own = await act(c.id, { type: 'approve_reply' }, staff.manager);
  assert.equal(own.statusCode, 403, own.body);
  assert.match(own.json().error.message, /author cannot approve their own reply/);

  const byQa = await t.api('GET', `/api/complaints/${c.id}`, undefined, { as: staff.qa });
  assert.ok(byQa.json().allowedActions.includes('approve_reply'), 'another approver is offered it');
  const approved = await ok(c.id, { type: 'approve_reply' }, staff.qa);
  assert.equal(approved.status, 'replied');
  assert.equal(approved.reply.approved, true);
});

test('#15 item 9 (R-LC-5): which roles approve is the pack’s — managers by default, changed by tuning', async () => {
  const garden = await buildUnit(t, { pack: 'real-estate', companyId: company.id, settings: { replyApproval: true } });
  const c = await replied(garden, staff.manager);
  // By default the managers approve: the agent may not, nor send the reply back.
  const asAgent = await t.api('GET', `/api/complaints/${c.id}`, undefined, { as: staff.agent });
  assert.equal(asAgent.json().allowedActions.includes('approve_reply'), false);
  const agentTry = await act(c.id, { type: 'approve_reply' }, staff.agent);
  assert.equal(agentTry.statusCode, 403, agentTry.body);
  assert.match(agentTry.json().error.message, /approverRoles/);
  assert.equal((await act(c.id, { type: 'reject_reply', reason: '措辞不当' }, staff.agent)).statusCode, 403);

  // The unit names the agent (the service centre, R-LC-5) as its approver: now the agent approves and the qa may not.
  const put = await t.api(
    'PUT',
    `/api/units/${garden.id}/policy`,
    { overrides: { replyApproval: { approverRoles: ['agent'] } } },
    { as: staff.admin },
  );
  assert.equal(put.statusCode, 200, put.body);
  const d = await replied(garden, staff.manager);
  assert.equal((await act(d.id, { type: 'approve_reply' }, staff.qa)).statusCode, 403);
  assert.equal((await ok(d.id, { type: 'approve_reply' }, staff.agent)).status, 'replied');

  // A role the permission table never lets approve (a department handler) is refused at tuning, naming the path.
  const bad = await t.api(
    'PUT',
    `/api/units/${garden.id}/policy`,
    { overrides: { replyApproval: { approverRoles: ['handler'] } } },
    { as: staff.admin },
  );
  assert.equal(bad.statusCode, 400, bad.body);
  assert.match(bad.body, /replyApproval\/approverRoles/);
});
