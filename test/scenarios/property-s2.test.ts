/**
 * Property (S2 重大客户投诉应急预案), #15 item 6, through HTTP on units built by the factories:
 * - S2 5.2.3 "重大投诉应当在24小时内给投诉的住户明确答复,投诉时间不宜超过3日": both count from the resident's report
 *   (the receipt), not from qualification nor from when the complaint was found major;
 * - S2 5.2.2 "重大投诉应当天呈送公司运营管理部进入处置程序" with 4.1: the emergency plan opens by itself in the step
 *   that makes the complaint major (intake or an action), commanded by the pack's roles (项目经理; outside working
 *   hours 当值秩序维护领班) with the pack's team — and only under a pack that has a plan.
 * On PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildUnit, buildUser, type Unit, type User } from '../helpers/factories.ts';

// Tuesday 24 November 2026, a working day in Shanghai.
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

let t: TestApp;
let property: Unit;
let realEstate: Unit;
let agent: User;
let manager: User;

before(async () => {
  t = await createTestApp({ now: sh('2026-11-24T10:00:00') });
  const company = await buildCompany(t);
  property = await buildUnit(t, { pack: 'property', companyId: company.id });
  realEstate = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  agent = await buildUser(t, { role: 'agent', orgNodeId: company.id });
  manager = await buildUser(t, { role: 'manager', orgNodeId: company.id });
});
after(async () => t.close());

let n = 0;
async function intake(unitId: string, body: Record<string, unknown>) {
  n += 1;
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId,
      channel: 'phone',
      customer: { name: `住户${n}`, phone: `1391111${String(n).padStart(4, '0')}` },
      title: `电梯困人 ${n}`,
      content: '电梯困人，请处理。',
      ...body,
    },
    { as: agent },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; level: string };
}

async function act(id: string, body: Record<string, unknown>, as = manager) {
  const res = await t.api('POST', `/api/complaints/${id}/actions`, body, { as });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function clocksOf(id: string): Promise<Record<string, { dueAt: string | null; state: string }>> {
  const res = await t.api('GET', `/api/complaints/${id}`, undefined, { as: agent });
  assert.equal(res.statusCode, 200, res.body);
  return Object.fromEntries((res.json().clocks as { name: string; dueAt: string | null; state: string }[]).map((c) => [c.name, c]));
}

async function eventTypes(id: string): Promise<string[]> {
  return ((await t.api('GET', `/api/complaints/${id}/events`, undefined, { as: agent })).json() as { type: string }[]).map((e) => e.type);
}

test('S2 5.2.2, 4.1: a complaint received major opens the emergency plan at intake, with the pack’s commander and team', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  // Reported at 08:00, logged at 10:00: 由于公司责任给住户造成人身伤害 (S2 3) makes it major.
  const c = await intake(property.id, { receivedAt: sh('2026-11-24T08:00:00'), flags: { safety: true } });
  assert.equal(c.level, 'major');
  const res = await t.api('GET', `/api/complaints/${c.id}/emergency`, undefined, { as: agent });
  assert.equal(res.statusCode, 200, res.body);
  const e = res.json();
  assert.equal(e.status, 'open');
  assert.deepEqual(e.commander, { role: 'project_manager', name: null, inWorkingHours: true });
  assert.deepEqual(e.team, ['customer_service_supervisor', 'order_maintenance_supervisor', 'engineering_supervisor']);
  // S2 5.2.3, from the report at 08:00 (#15 item 6), not from the 10:00 logging.
  assert.equal(e.answer.dueAt, sh('2026-11-25T08:00:00'));
  assert.equal(e.conclusion.dueAt, sh('2026-11-27T08:00:00'));
  assert.equal((await eventTypes(c.id)).filter((x) => x === 'emergency_opened').length, 1);
  // The clocks agree with the plan's deadlines.
  const clocks = await clocksOf(c.id);
  assert.equal(clocks.first_answer.dueAt, sh('2026-11-25T08:00:00'));
  assert.equal(clocks.resolve.dueAt, sh('2026-11-27T08:00:00'));
  // S2 4.1, 4.3 统一指挥: the commander on duty and the team are alerted at once through their positions.
  const alerts = await t.deps.db
    .selectFrom('notifications')
    .select(['recipient_role'])
    .where('complaint_id', '=', c.id)
    .where('kind', '=', 'emergency_alert')
    .orderBy('recipient_role')
    .execute();
  assert.deepEqual(
    alerts.map((a) => a.recipient_role),
    ['customer_service_supervisor', 'engineering_supervisor', 'order_maintenance_supervisor', 'project_manager'],
  );
  // Opened once: asking again is a conflict.
  const again = await t.api('POST', `/api/complaints/${c.id}/emergency`, { team: ['客服部 李主管'] }, { as: manager });
  assert.equal(again.statusCode, 409, again.body);
});

test('S2 5.2.3 (#15 item 6): found major two days after the report, the 24 h answer and 3-day conclusion still count from the report', async () => {
  t.clock.set(sh('2026-11-24T09:00:00'));
  const c = await intake(property.id, { receivedAt: sh('2026-11-24T09:00:00') });
  assert.equal(c.level, 'general');
  assert.equal((await t.api('GET', `/api/complaints/${c.id}/emergency`, undefined, { as: agent })).statusCode, 404, 'no plan yet');
  t.clock.set(sh('2026-11-25T11:00:00'));
  await act(c.id, { type: 'qualify', result: 'valid' }, agent);
  let clocks = await clocksOf(c.id);
  assert.equal(clocks.first_answer, undefined, 'a general complaint has no 24 h answer clock');
  t.clock.set(sh('2026-11-26T14:00:00'));
  await act(c.id, { type: 'set_level', level: 'major', reason: '经住户多次提出而得不到解决' });
  clocks = await clocksOf(c.id);
  assert.equal(clocks.first_answer.dueAt, sh('2026-11-25T09:00:00'), '24 h from the report, already overdue');
  assert.equal(clocks.resolve.dueAt, sh('2026-11-27T09:00:00'), '3 days from the report');
  const e = (await t.api('GET', `/api/complaints/${c.id}/emergency`, undefined, { as: agent })).json();
  assert.equal(e.answer.dueAt, sh('2026-11-25T09:00:00'));
  assert.equal(e.answer.state, 'overdue');
  assert.equal(e.conclusion.dueAt, sh('2026-11-27T09:00:00'));
  assert.equal(e.majorSince, sh('2026-11-26T14:00:00'));
  assert.equal(e.commander.role, 'project_manager');
});

test('S2 4.1: outside working hours the on-duty order maintenance shift lead commands the plan opened by itself', async () => {
  t.clock.set(sh('2026-11-24T22:00:00'));
  const c = await intake(property.id, { receivedAt: sh('2026-11-24T21:30:00') });
  await act(c.id, { type: 'set_level', level: 'major', reason: '财产损失' });
  const e = (await t.api('GET', `/api/complaints/${c.id}/emergency`, undefined, { as: agent })).json();
  assert.deepEqual(e.commander, { role: 'security_shift_lead', name: null, inWorkingHours: false });
});

test('#15 item 6: only a pack with a plan opens one — a major real-estate complaint has no emergency response', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const c = await intake(realEstate.id, { flags: { media: true } });
  assert.equal(c.level, 'major');
  assert.equal((await t.api('GET', `/api/complaints/${c.id}/emergency`, undefined, { as: agent })).statusCode, 404);
  assert.ok(!(await eventTypes(c.id)).includes('emergency_opened'));
  const asked = await t.api('POST', `/api/complaints/${c.id}/emergency`, { team: ['x'] }, { as: manager });
  assert.equal(asked.statusCode, 409, asked.body);
  // An important property complaint is not in the plan's levels either.
  const important = await intake(property.id, {});
  await act(important.id, { type: 'set_level', level: 'important', reason: '住户情绪激动' });
  assert.equal((await t.api('GET', `/api/complaints/${important.id}/emergency`, undefined, { as: agent })).statusCode, 404);
});
