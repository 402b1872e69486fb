/**
 * Food (S0 第四篇 客訴處理管理辦法), #15 item 5, through HTTP on units built by the factories:
 * - §11 特殊客訴 with §11.2.1b "事件發生后,迅速通知銷售經理、業務員": a complaint from a regulator (§11.1a/b) or an
 *   extortion (§11.1c, flagged special) starts the crisis procedure by itself at intake — its roles alerted at once,
 *   its owner (the sales manager) named in the `crisis_started` event — and an ordinary complaint does not;
 * - §7.1 "收到客訴信息后,要快速反映,協調辦理并報直屬上級": a class C complaint (§9.1.3) is reported to the direct superior;
 * - §10 客訴責任歸屬: the responsibility table names the departments from category, cause and cases (>20箱为批量);
 * - §9.2: compensation given is recorded with its approver, within the authority the pack gives each level.
 * On PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildDepartments, buildUnit, buildUser, type Unit, type User } from '../helpers/factories.ts';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

let t: TestApp;
let food: Unit;
let agent: User;

before(async () => {
  t = await createTestApp({ now: sh('2026-11-24T10:00:00') });
  const company = await buildCompany(t);
  food = await buildUnit(t, { pack: 'food', companyId: company.id });
  agent = await buildUser(t, { role: 'agent', orgNodeId: company.id });
});
after(async () => t.close());

let n = 0;
async function intake(body: Record<string, unknown>) {
  n += 1;
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId: food.id,
      channel: 'phone',
      customer: { name: `顾客${n}`, phone: `1392222${String(n).padStart(4, '0')}` },
      title: `豆干问题 ${n}`,
      content: '买到的豆干有问题，请处理。',
      ...body,
    },
    { as: agent },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; level: string };
}

async function events(id: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  return (await t.api('GET', `/api/complaints/${id}/events`, undefined, { as: agent })).json();
}

/** The notifications stored for a complaint: who (position), which kind, under which rule. */
async function notified(id: string): Promise<{ recipient_role: string; kind: string; rule_id: string }[]> {
  return t.deps.db
    .selectFrom('notifications')
    .select(['recipient_role', 'kind', 'rule_id'])
    .where('complaint_id', '=', id)
    .orderBy('recipient_role')
    .execute();
}

test('S0 第四篇 §11.1a, §11.2.1b: a regulator’s complaint starts the crisis procedure at intake — sales manager owns it, sales manager and salesperson alerted', async () => {
  const c = await intake({ channel: 'regulator', title: '市场监管局转来：豆干发霉' });
  const started = (await events(c.id)).filter((e) => e.type === 'crisis_started');
  assert.equal(started.length, 1);
  assert.equal(started[0].data.ownerRole, 'sales_manager');
  assert.deepEqual(started[0].data.alertedRoles, ['sales_manager', 'salesperson']);
  assert.equal(started[0].data.guideId, 'special-complaint');
  const alerts = (await notified(c.id)).filter((x) => x.kind === 'crisis_alert');
  assert.deepEqual(
    alerts.map((a) => a.recipient_role),
    ['sales_manager', 'salesperson'],
  );
  assert.ok(alerts.every((a) => a.rule_id === 'R-SV-3/special'));
});

test('S0 第四篇 §11.1c: an extortion flagged special starts it too; an ordinary complaint does not', async () => {
  const extortion = await intake({ flags: { special: true }, title: '顾客称不赔钱就曝光' });
  const started = (await events(extortion.id)).find((e) => e.type === 'crisis_started');
  assert.ok(started);
  assert.deepEqual(started.data.because, ['flag:special']);
  const ordinary = await intake({ categoryId: 'black-spots' });
  assert.ok(!(await events(ordinary.id)).some((e) => e.type === 'crisis_started'));
  assert.ok(!(await notified(ordinary.id)).some((x) => x.kind === 'crisis_alert'));
});

test('S0 第四篇 §11.1c with #15 item 2: an extortion found out after intake (recorded as a special complaint) starts the crisis procedure then, once', async () => {
  const c = await intake({ categoryId: 'black-spots', title: '豆干有黑点' });
  assert.ok(!(await events(c.id)).some((e) => e.type === 'crisis_started'));
  const recorded = await t.api(
    'POST',
    `/api/complaints/${c.id}/actions`,
    { type: 'record_facts', flags: { special: true }, reason: '顾客以曝光相要挟，索要高额赔偿' },
    { as: agent },
  );
  assert.equal(recorded.statusCode, 200, recorded.body);
  const started = (await events(c.id)).filter((e) => e.type === 'crisis_started');
  assert.equal(started.length, 1);
  assert.equal(started[0].data.ownerRole, 'sales_manager');
  assert.ok((await notified(c.id)).some((x) => x.kind === 'crisis_alert' && x.recipient_role === 'sales_manager'));
  const again = await t.api('POST', `/api/complaints/${c.id}/actions`, { type: 'note', text: '已联系媒体' }, { as: agent });
  assert.equal(again.statusCode, 200, again.body);
  assert.equal((await events(c.id)).filter((e) => e.type === 'crisis_started').length, 1, 'started once');
});

test('S0 第四篇 §7.1, §9.1.3: a class C complaint is reported to the direct superior at once', async () => {
  const c = await intake({ categoryId: 'broken', title: '豆干破碎' });
  assert.equal(c.level, 'C');
  const toSuperior = (await notified(c.id)).filter((x) => x.recipient_role === 'direct_superior');
  assert.deepEqual(toSuperior, [{ recipient_role: 'direct_superior', kind: 'escalation', rule_id: 'R-LC-2/report-superior' }]);
});

type Assigned = { clause: string; departments: { nameZh: string }[] } | null;
async function complaint(id: string): Promise<{ responsibility: Assigned; casesAffected: number | null }> {
  const res = await t.api('GET', `/api/complaints/${id}`, undefined, { as: agent });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
const departments = (r: Assigned) => r?.departments.map((d) => d.nameZh) ?? null;

test('S0 第四篇 §10.1.1.1a: foreign matter from a machine part — production team and facilities answer, assigned at intake and logged', async () => {
  const c = await intake({ categoryId: 'foreign-matter-equipment-part', title: '豆干里有金属零件' });
  const shown = await complaint(c.id);
  assert.equal(shown.responsibility?.clause, '10.1.1.1a');
  assert.deepEqual(departments(shown.responsibility), ['生产该品种班组', '设施保障部']);
  const logged = (await events(c.id)).filter((e) => e.type === 'responsibility_assigned');
  assert.equal(logged.length, 1);
  assert.deepEqual(logged[0].data.departments, ['生产该品种班组', '设施保障部']);
});

test('S0 第四篇 §10.1.1.1g: an equipment batch complaint is a batch above 20 cases — then production, facilities and quality answer', async () => {
  const batch = await intake({ categoryId: 'batch-equipment', casesAffected: 25, title: '设备故障整批封口不良' });
  const shown = await complaint(batch.id);
  assert.equal(shown.casesAffected, 25);
  assert.equal(shown.responsibility?.clause, '10.1.1.1g');
  assert.deepEqual(departments(shown.responsibility), ['生产该品种班组', '设施保障部', '质检部']);
  const twenty = await intake({ categoryId: 'batch-equipment', casesAffected: 20, title: '设备故障二十箱' });
  assert.equal((await complaint(twenty.id)).responsibility, null, '20 cases is no batch (>20箱为批量)');
  const bad = await t.api(
    'POST',
    '/api/complaints',
    { unitId: food.id, channel: 'phone', customer: { name: 'x', phone: '13900000001' }, title: 't', content: 'c', casesAffected: -1 },
    { as: agent },
  );
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /casesAffected/);
});

test('S0 第四篇 §10.1.2.3a with §5: damaged packaging is the marketing department’s once the cause is known not to be manufacturing', async () => {
  const c = await intake({ categoryId: 'packaging-damaged', title: '外箱破损' });
  assert.equal((await complaint(c.id)).responsibility, null, 'the cause is not known at intake');
  // The investigation report records the cause (§5: 運輸及儲存過程不良) from the pack's causes (#15 item 1).
  const [dept] = await buildDepartments(t, food, ['品管部']);
  const handler = await buildUser(t, { role: 'handler', orgNodeId: dept.id });
  const step = async (body: Record<string, unknown>, as: User = agent) => {
    const res = await t.api('POST', `/api/complaints/${c.id}/actions`, body, { as });
    assert.equal(res.statusCode, 200, res.body);
  };
  await step({ type: 'qualify', result: 'valid' });
  await step({ type: 'dispatch', leadDepartmentId: dept.id });
  await step({ type: 'acknowledge' }, handler);
  await step(
    {
      type: 'report',
      cause: '运输途中挤压',
      causeId: 'transport-storage',
      sequence: '物流卸货时外箱受压',
      responsible: '承运商',
      conclusion: '非生产原因',
      countermeasures: '更换外箱并补发',
      prevention: '加固码放',
    },
    handler,
  );
  const shown = await complaint(c.id);
  assert.equal(shown.responsibility?.clause, '10.1.2.3a');
  assert.deepEqual(departments(shown.responsibility), ['营销部']);
  assert.equal((await events(c.id)).filter((e) => e.type === 'responsibility_assigned').length, 1);
  // Another write with nothing new records nothing again.
  await t.api('POST', `/api/complaints/${c.id}/actions`, { type: 'note', text: '已告知营销部' }, { as: agent });
  assert.equal((await events(c.id)).filter((e) => e.type === 'responsibility_assigned').length, 1);
});

let holderSeq = 0;
async function holder(position: string): Promise<string> {
  holderSeq += 1;
  const admin = await buildUser(t, { role: 'admin', orgNodeId: food.companyId });
  const res = await t.api(
    'POST',
    '/api/users',
    {
      email: `holder${holderSeq}@food.test`,
      name: `${position} ${holderSeq}`,
      role: 'manager',
      orgNodeId: food.companyId,
      password: TEST_PASSWORD,
      positions: [{ positionId: position, orgNodeId: food.companyId }],
    },
    { as: admin },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

async function give(id: string, body: Record<string, unknown>) {
  return t.api('POST', `/api/complaints/${id}/compensations`, body, { as: agent });
}

test('S0 第四篇 §9.2.3 with §7.1: a class C gift 1:1 is the handler’s; beyond the ratio (特例) the direct superior approves, and nobody below', async () => {
  const superior = await holder('direct_superior');
  const c = await intake({ categoryId: 'broken', title: '豆干破碎五包' });
  const within = await give(c.id, { entryId: 'c', items: '豆干 5 包', giftQuantity: 5, affectedQuantity: 5 });
  assert.equal(within.statusCode, 201, within.body);
  assert.equal(within.json().requiredTier, 'handler');
  assert.equal(within.json().approver, null);

  const unnamed = await give(c.id, { entryId: 'c', items: '豆干 8 包', giftQuantity: 8, affectedQuantity: 5 });
  assert.equal(unnamed.statusCode, 400, unnamed.body);
  assert.match(unnamed.body, /approverId/);
  const below = await give(c.id, { entryId: 'c', items: '豆干 8 包', giftQuantity: 8, affectedQuantity: 5, approverId: agent.id });
  assert.equal(below.statusCode, 403, below.body);
  assert.match(below.body, /直属上级/);
  const approved = await give(c.id, { entryId: 'c', items: '豆干 8 包', giftQuantity: 8, affectedQuantity: 5, approverId: superior });
  assert.equal(approved.statusCode, 201, approved.body);
  assert.equal(approved.json().requiredTier, 'direct-superior');
  assert.deepEqual(approved.json().approver, { id: superior, name: `direct_superior ${holderSeq}` });
  const logged = (await events(c.id)).filter((e) => e.type === 'compensation_given');
  assert.equal(logged.length, 2);
  assert.equal(logged[1].data.approverId, superior);
  assert.equal(logged[1].data.giftRatio, 1);
});

test('S0 第四篇 §9.2.1b: class A medical costs need the company’s consent — the direct superior is refused, another class’s entry is a conflict', async () => {
  const superior = await holder('direct_superior');
  const company = await holder('company');
  const c = await intake({ categoryId: 'spoiled', title: '豆腐发霉，食用后腹泻' });
  assert.equal(c.level, 'A');
  const body = { entryId: 'a-harm-not-serious', items: '诚挚拜访，支付检查费', medicalCostsYuan: 300 };
  const bySuperior = await give(c.id, { ...body, approverId: superior });
  assert.equal(bySuperior.statusCode, 403, bySuperior.body);
  assert.match(bySuperior.body, /公司同意/);
  const byCompany = await give(c.id, { ...body, approverId: company });
  assert.equal(byCompany.statusCode, 201, byCompany.body);
  assert.equal(byCompany.json().requiredTier, 'company');
  assert.equal(byCompany.json().medicalCostsYuan, 300);
  const wrongClass = await give(c.id, { entryId: 'c', items: '豆干', giftQuantity: 1, affectedQuantity: 1 });
  assert.equal(wrongClass.statusCode, 409, wrongClass.body);
});
