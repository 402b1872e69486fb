/**
 * Issue #15 item 4: the fuel-retail procedure (S0 第五篇 加油站投訴處理管理辦法), paragraph by paragraph,
 * through the HTTP API on an organisation the test owns (a company with two stations). Runs on PGlite,
 * and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  buildComplaint,
  buildCompany,
  buildDepartments,
  buildUnit,
  buildUser,
  type Node,
  type Unit,
  type User,
  uniqueText,
} from '../helpers/factories.ts';

const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const HOUR = 3600_000;

let t: TestApp;
let company: Node;
let stationA: Unit, stationB: Unit;
let deptA: Node;
let agent: User;

before(async () => {
  t = await createTestApp({ now: sh('2026-11-24T10:00:00') });
  company = await buildCompany(t);
  stationA = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id, name: '一号加油站' });
  stationB = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id, name: '二号加油站' });
  [deptA] = await buildDepartments(t, stationA, ['一号站班组']);
  agent = await buildUser(t, { role: 'agent', orgNodeId: company.id });
});
after(async () => t.close());

const api = (method: 'GET' | 'POST', url: string, body?: unknown) => t.api(method, url, body, { as: agent });

let seq = 0;

async function receive(body: Record<string, unknown>) {
  seq += 1;
  const res = await api('POST', '/api/complaints', {
    unitId: stationA.id,
    channel: 'phone',
    customer: { name: `车主${seq}`, phone: `1391111${String(seq).padStart(4, '0')}` },
    title: uniqueText(seq, 8),
    content: uniqueText(seq + 500, 40),
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function act(id: string, action: Record<string, unknown>) {
  const res = await api('POST', `/api/complaints/${id}/actions`, action);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

const clockOf = (c: { clocks: { name: string; dueAt: string }[] }, name: string) => {
  const k = c.clocks.find((x) => x.name === name);
  assert.ok(k, `clock ${name} in ${c.clocks.map((x) => x.name).join(', ')}`);
  return k;
};

const PEOPLE = 'directPersonId=加油员张三&stationManagerId=站经理李四&areaManagerId=片区经理王五';
async function penalty(id: string, query = PEOPLE) {
  const res = await api('GET', `/api/complaints/${id}/assessment?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.assessments.length, 1, JSON.stringify(body.notes));
  return body.assessments[0];
}

test('S0 第五篇 §13.1–13.2: the station’s 2 h runs from intake (自受理起), not from the dispatch', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const c = await receive({ receivedAt: sh('2026-11-24T09:00:00') });
  await act(c.id, { type: 'qualify', result: 'valid', categoryId: 'station-service-attitude' });
  t.clock.set(sh('2026-11-24T10:30:00'));
  const d = await act(c.id, { type: 'dispatch', leadDepartmentId: deptA.id });
  // Received 09:00, dispatched 10:30: the 2 h handling limit is 11:00, not 12:30.
  assert.equal(clockOf(d, 'acknowledge').dueAt, sh('2026-11-24T11:00:00'));
});

test('S0 第五篇 §15: overdue fines only for the station’s own clocks, and only from when the complaint reached it', async () => {
  // Received 08:00; the service centre dispatches at 11:00, when the station's 2 h (from intake) had
  // already run out. The station acknowledges at once: it was never late itself.
  t.clock.set(sh('2026-11-24T08:00:00'));
  const late = await receive({});
  await act(late.id, { type: 'qualify', result: 'valid', categoryId: 'station-service-attitude' });
  t.clock.set(sh('2026-11-24T11:00:00'));
  await act(late.id, { type: 'dispatch', leadDepartmentId: deptA.id });
  await act(late.id, { type: 'acknowledge' });
  // The next day the service centre's own 24 h reply is overdue too: not the station's clock (§13.2).
  t.clock.set(sh('2026-11-25T10:00:00'));
  const p0 = await penalty(late.id);
  assert.equal(p0.overdueFineYuan, 0, p0.explanation);
  assert.deepEqual(p0.overdueShares, []);

  // Another complaint reaches the station at once and the station takes 1 h past its limit: §15.1.
  t.clock.set(sh('2026-11-24T08:00:00'));
  const slow = await receive({});
  await act(slow.id, { type: 'qualify', result: 'valid', categoryId: 'station-service-attitude' });
  await act(slow.id, { type: 'dispatch', leadDepartmentId: deptA.id });
  t.clock.set(sh('2026-11-24T11:00:00'));
  await act(slow.id, { type: 'acknowledge' });
  const p1 = await penalty(slow.id);
  // §15.1: 扣罰責任加油站負責人200元,直接責任人100元.
  assert.equal(p1.overdueFineYuan, 300, p1.explanation);
  assert.ok(p1.ruleIds.some((r: string) => r.endsWith('15.1')));

  // A third one reaches the station at 11:00 (already past 10:00) and is left 12 h and more: §15.2.
  t.clock.set(sh('2026-11-24T08:00:00'));
  const left = await receive({});
  await act(left.id, { type: 'qualify', result: 'valid', categoryId: 'station-service-attitude' });
  t.clock.set(sh('2026-11-24T11:00:00'));
  await act(left.id, { type: 'dispatch', leadDepartmentId: deptA.id });
  t.clock.set(new Date(Date.parse(sh('2026-11-24T11:00:00')) + 12 * HOUR + 60_000).toISOString());
  const p2 = await penalty(left.id);
  // §15.2: 逾期12小時未有效處理的,扣罰責任加油站負責人500元,直接責任人200元.
  assert.equal(p2.overdueFineYuan, 700, p2.explanation);
  t.clock.set(sh('2026-11-24T10:00:00'));
});

const REPORT = {
  type: 'report',
  cause: '加油员未按规程操作',
  sequence: '当班核查监控',
  responsible: '加油员张三',
  conclusion: '投诉属实',
  countermeasures: '站内培训',
  prevention: '每班抽查',
};

test('S0 第五篇 §12.4: when the customer objects to the station’s findings, the service centre re-investigates (复查)', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const c = await receive({});
  // Not before the complaint has reached a station: 409 naming what is allowed.
  const early = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'reinvestigate', reason: '客户有异议' });
  assert.equal(early.statusCode, 409, early.body);
  await act(c.id, { type: 'qualify', result: 'valid', categoryId: 'station-service-attitude' });
  await act(c.id, { type: 'dispatch', leadDepartmentId: deptA.id });
  await act(c.id, { type: 'acknowledge' });
  const reported = await act(c.id, REPORT);
  assert.equal(reported.status, 'investigated');
  assert.ok(reported.allowedActions.includes('reinvestigate'), 'the console offers 复查 on the station’s findings');
  // The service centre checks with the customer within 4 h; the customer objects.
  t.clock.set(sh('2026-11-24T11:00:00'));
  const missing = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'reinvestigate' });
  assert.equal(missing.statusCode, 400, missing.body);
  assert.match(missing.body, /reason/);
  const again = await act(c.id, { type: 'reinvestigate', reason: '客户不认可站内调查结论' });
  assert.equal(again.status, 'acknowledged');
  const event = again.events.find((e: { type: string }) => e.type === 'reinvestigated');
  assert.ok(event, 'the re-investigation is on the record');
  assert.equal(event.data.reason, '客户不认可站内调查结论');
  // The 4 h check with the customer ended with the objection.
  assert.equal(again.clocks.find((k: { name: string }) => k.name === 'verify').state, 'met');
  // 「并将投诉处理情况报告主管领导」: the responsible leader is told of the re-investigation in the same step.
  const toLeader = await t.deps.db
    .selectFrom('notifications')
    .select(['recipient_role', 'rule_id', 'subject'])
    .where('complaint_id', '=', c.id)
    .where('rule_id', '=', 'R-LC-3/reinvestigation-leader')
    .execute();
  assert.equal(toLeader.length, 1, JSON.stringify(toLeader));
  assert.equal(toLeader[0].recipient_role, 'responsible_leader');
  // The centre's own findings are a new report.
  const second = await act(c.id, { ...REPORT, conclusion: '复查确认投诉属实' });
  assert.equal(second.status, 'investigated');
});

test('S0 第五篇 §12.4: the station has not fed back in time — the service centre takes the investigation over, and the station’s clock stops', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const c = await receive({});
  await act(c.id, { type: 'qualify', result: 'valid', categoryId: 'station-service-attitude' });
  await act(c.id, { type: 'dispatch', leadDepartmentId: deptA.id });
  t.clock.set(sh('2026-11-24T13:00:00'));
  const again = await act(c.id, { type: 'reinvestigate', reason: '加油站未在时效内反馈' });
  assert.equal(again.status, 'acknowledged');
  const ack = again.clocks.find((k: { name: string }) => k.name === 'acknowledge');
  assert.equal(ack.metAt, sh('2026-11-24T13:00:00'), 'the station answers for its lateness up to the take-over only');
});

test('S0 第五篇 §5 (R-SV-2): a second quantity complaint at one station is level 2, whatever its wording — counted within the pack window', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const station = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id });
  const elsewhere = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id });
  // 40 days earlier: outside the 30-day window (severity.similarWindowDays).
  const old = await receive({ unitId: station.id, categoryId: 'fuel-quantity', receivedAt: sh('2026-10-15T10:00:00') });
  assert.equal(old.level, 'level3');
  const atOther = await receive({ unitId: elsewhere.id, categoryId: 'fuel-quantity' });
  assert.equal(atOther.level, 'level3', 'another station’s quantity complaint is not this station’s');
  const first = await receive({ unitId: station.id, categoryId: 'fuel-quantity', title: '加油机少加了油', content: '加了200元油表针不动' });
  assert.equal(first.level, 'level3');
  assert.equal(first.categoryCount, 1);
  const second = await receive({ unitId: station.id, categoryId: 'fuel-quantity', title: '发票数量不对', content: '票面升数比实际多' });
  assert.equal(second.level, 'level2');
  assert.equal(second.levelRule, 'R-SV-2/quantity-repeat');
  assert.equal(second.categoryCount, 2);
  // Two quantity complaints at the station: the first one is an urgent case too (only ever raised, R-SV-4).
  const firstNow = (await api('GET', `/api/complaints/${first.id}`)).json();
  assert.equal(firstNow.level, 'level2');
  assert.equal(firstNow.categoryCount, 2);
  assert.ok(
    firstNow.events.some(
      (e: { type: string; data: { ruleId?: string } }) => e.type === 'level_changed' && e.data.ruleId === 'R-SV-2/quantity-repeat',
    ),
  );
  // The one outside the window and the other station's are left as they were.
  assert.equal((await api('GET', `/api/complaints/${old.id}`)).json().level, 'level3');
  assert.equal((await api('GET', `/api/complaints/${atOther.id}`)).json().level, 'level3');
});

test('S0 第五篇 §5 (R-SV-2): when the quantity category arrives at qualification, the level is re-evaluated there', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const station = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id });
  const earlier = await receive({ unitId: station.id, categoryId: 'fuel-quantity' });
  // A suggestion cannot be filed under the quantity category (第三–四条 sort the categories), so it counts for no one.
  const suggestion = await receive({ unitId: station.id });
  const refused = await api('POST', `/api/complaints/${suggestion.id}/actions`, {
    type: 'qualify',
    result: 'suggestion',
    categoryId: 'fuel-quantity',
    reason: '属于建议',
  });
  assert.equal(refused.statusCode, 400, refused.body);
  await act(suggestion.id, { type: 'qualify', result: 'suggestion', categoryId: 'suggestion-facilities', reason: '属于建议' });
  assert.equal((await api('GET', `/api/complaints/${earlier.id}`)).json().level, 'level3');
  const c = await receive({ unitId: station.id });
  assert.equal(c.level, 'level3');
  const q = await act(c.id, { type: 'qualify', result: 'valid', categoryId: 'fuel-quantity' });
  assert.equal(q.level, 'level2');
  assert.equal(q.categoryCount, 2);
  assert.equal((await api('GET', `/api/complaints/${earlier.id}`)).json().level, 'level2');
});

test('S0 第五篇 §5 (R-SV-2): quality complaints at two stations naming one delivery are counted together (level 1)', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const s1 = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id });
  const s2 = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id });
  const s3 = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id });
  const otherCompany = await buildUnit(t, { pack: 'fuel-retail' });
  const a = await receive({ unitId: s1.id, categoryId: 'fuel-quality', deliveryRef: 'PS-20261124-07' });
  assert.equal(a.level, 'level3');
  assert.equal(a.deliveryRef, 'PS-20261124-07');
  // The same delivery named at another company's station is not this company's delivery.
  // (taken in by that company's own service centre: the intake use case, outside this agent's scope)
  const foreign = await buildComplaint(t, { unitId: otherCompany.id, categoryId: 'fuel-quality', deliveryRef: 'PS-20261124-07' });
  assert.equal(foreign.complaint.level, 'level3');
  // Another delivery at a second station: not counted with the first.
  const other = await receive({ unitId: s2.id, categoryId: 'fuel-quality', deliveryRef: 'PS-20261124-99' });
  assert.equal(other.level, 'level3');
  // The same delivery at a third station, named at intake: level 1.
  const b = await receive({ unitId: s3.id, categoryId: 'fuel-quality', deliveryRef: 'PS-20261124-07' });
  assert.equal(b.level, 'level1');
  assert.equal(b.levelRule, 'R-SV-2/quality-multiple');
  assert.equal((await api('GET', `/api/complaints/${a.id}`)).json().level, 'level1', 'the first station’s complaint is level 1 too');
  assert.equal((await api('GET', `/api/complaints/${other.id}`)).json().level, 'level3');
  // The delivery learnt at qualification counts too.
  const c = await receive({ unitId: s2.id });
  const q = await act(c.id, { type: 'qualify', result: 'valid', categoryId: 'fuel-quality', deliveryRef: 'PS-20261124-07' });
  assert.equal(q.level, 'level1');
  assert.equal(q.deliveryRef, 'PS-20261124-07');
  // a and b (the same delivery), the station's own other quality complaint, and itself.
  assert.equal(q.categoryCount, 4);
});

test('S0 第五篇 §14.5: the directly responsible person named by the investigation — their 2nd responsibility complaint of the year brings a warning and transfer, the 3rd the end of the contract', async () => {
  const stationC = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id });
  const stationD = await buildUnit(t, { pack: 'fuel-retail', companyId: company.id });
  const [deptC] = await buildDepartments(t, stationC, ['三号站班组']);
  const [deptD] = await buildDepartments(t, stationD, ['四号站班组']);
  const investigated = async (at: string, unit: Unit, dept: Node, person: string) => {
    t.clock.set(sh(at));
    const c = await receive({ unitId: unit.id });
    await act(c.id, { type: 'qualify', result: 'valid', categoryId: 'station-service-attitude' });
    await act(c.id, { type: 'dispatch', leadDepartmentId: dept.id });
    await act(c.id, { type: 'acknowledge' });
    const r = await act(c.id, { ...REPORT, directPerson: person });
    assert.equal(r.directPerson, person, 'the person is on the record');
    return c.id as string;
  };
  const managers = 'stationManagerId=站经理&areaManagerId=片区经理';
  const personal = (p: { sanctions: { kind: string; personId?: string }[] }, who: string) =>
    p.sanctions.filter((s) => s.personId === who && s.kind !== 'awards_revoked').map((s) => s.kind);

  const first = await investigated('2026-03-02T10:00:00', stationC, deptC, 'E1024');
  // Another person's complaint in between does not count for E1024.
  await investigated('2026-04-01T10:00:00', stationC, deptC, 'E2048');
  // The same person, now at another station of the company: counted together (同一直接责任人).
  const second = await investigated('2026-05-06T10:00:00', stationD, deptD, 'E1024');
  const third = await investigated('2026-06-08T10:00:00', stationC, deptC, 'E1024');

  const p1 = await penalty(first, managers);
  assert.equal(p1.directPersonComplaintsThisYear, 1);
  assert.deepEqual(personal(p1, 'E1024'), []);
  // §14.5 first sentence: the person loses this year's award eligibility from the first one.
  assert.ok(p1.sanctions.some((s: { kind: string; personId?: string }) => s.kind === 'awards_revoked' && s.personId === 'E1024'));

  const p2 = await penalty(second, managers);
  assert.equal(p2.directPersonComplaintsThisYear, 2);
  assert.deepEqual(personal(p2, 'E1024'), ['warning_and_transfer']);

  const p3 = await penalty(third, managers);
  assert.equal(p3.directPersonComplaintsThisYear, 3);
  assert.deepEqual(personal(p3, 'E1024'), ['contract_termination']);
  t.clock.set(sh('2026-11-24T10:00:00'));
});
