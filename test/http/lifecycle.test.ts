/**
 * A complaint's whole life through HTTP, as the service centre works it (R-LC-1..6): every step an
 * event, every illegal step a 409 naming the allowed ones, every bad field a 400 naming the field.
 * The test owns its organisation (test/helpers/factories.ts): a group with a real-estate project whose
 * replies need approval and a fuel station, and a service-centre agent at the group.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  buildCompany,
  buildDepartments,
  buildGroup,
  buildUnit,
  buildUser,
  LEAK_REPORT,
  type Node,
  type Unit,
  type User,
} from '../helpers/factories.ts';

let t: TestApp;
let garden: Unit;
let eng: Node, pm: Node, stationOps: Node;
let agent: User, manager: User;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' }); // Tuesday 10:00 in Shanghai
  const group = await buildGroup(t);
  // A reply here needs approval before it counts as sent.
  garden = await buildUnit(t, {
    pack: 'real-estate',
    companyId: (await buildCompany(t, { groupId: group.id })).id,
    settings: { replyApproval: true },
  });
  [eng, pm] = await buildDepartments(t, garden, ['工程管理部', '物业服务中心']);
  const station = await buildUnit(t, { pack: 'fuel-retail', companyId: (await buildCompany(t, { groupId: group.id })).id });
  [stationOps] = await buildDepartments(t, station, ['站务班组']);
  agent = await buildUser(t, { role: 'agent', orgNodeId: group.id });
  // R-LC-5: a manager approves the agent's reply (never its author; issue #15 item 9).
  manager = await buildUser(t, { role: 'manager', orgNodeId: group.id });
  phoneComplaint.unitId = garden.id;
});
after(async () => t.close());

/** As the file's agent. */
const api = (method: 'GET' | 'POST', url: string, body?: unknown) => t.api(method, url, body, { as: agent });

const phoneComplaint = {
  unitId: '', // the garden project, once built
  channel: 'phone',
  receivedAt: '2026-11-24T01:40:00.000Z', // 09:40 local: the call came before it was logged
  customer: { name: '张伟', phone: '13800138001', type: 'owner' },
  title: '3栋1201室卫生间天花板漏水',
  content: '主卫天花板持续漏水，墙面发霉。',
  demands: '维修并赔偿',
};

async function act(id: string, body: Record<string, unknown>, expected = 200, as: User = agent) {
  const res = await t.api('POST', `/api/complaints/${id}/actions`, body, { as });
  assert.equal(res.statusCode, expected, `${body.type}: ${res.body}`);
  return res.json();
}

const report = LEAK_REPORT;

test('R-LC-1/R-LC-2/R-LC-3: a phone complaint logged late is worked from intake to closure and reopened, every step an event', async () => {
  const created = await api('POST', '/api/complaints', phoneComplaint);
  assert.equal(created.statusCode, 201, created.body);
  const c = created.json();
  assert.match(c.code, /^TS-20261124-\d{4,}$/);
  assert.equal(c.status, 'received');
  assert.equal(c.receivedAt, '2026-11-24T01:40:00.000Z', 'received-at is the call, not the logging time');
  assert.equal(c.createdAt, '2026-11-24T02:00:00.000Z');
  assert.deepEqual(c.allowedActions.includes('qualify'), true);
  assert.equal(c.events[0].type, 'received');

  // Illegal: reply before anything else (409 names what is allowed).
  const early = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'reply', message: 'x' });
  assert.equal(early.statusCode, 409);
  assert.deepEqual(early.json().error.allowed.includes('qualify'), true);
  assert.equal(early.json().error.allowed.includes('reply'), false);

  await act(c.id, { type: 'qualify', result: 'valid' });
  const dispatchedBad = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'dispatch', leadDepartmentId: stationOps.id });
  assert.equal(dispatchedBad.statusCode, 400, 'a department of another unit is refused');
  assert.equal(dispatchedBad.json().error.field, 'leadDepartmentId');
  await act(c.id, { type: 'dispatch', leadDepartmentId: eng.id, coDepartmentIds: [pm.id] });
  await act(c.id, { type: 'urge', note: '客户再次来电催促' });
  await act(c.id, { type: 'acknowledge' });
  const incomplete = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'report', ...report, prevention: undefined });
  assert.equal(incomplete.statusCode, 400);
  assert.equal(incomplete.json().error.field, 'prevention', 'R-LC-6: all six parts of the report are required');
  await act(c.id, { type: 'report', ...report });
  // This unit requires approval before a reply counts as sent.
  let cur = await act(c.id, { type: 'reply', message: '已安排重做防水，预计三日内完成。' });
  assert.equal(cur.status, 'awaiting_approval');
  cur = await act(c.id, { type: 'approve_reply' }, 200, manager);
  assert.equal(cur.status, 'replied');
  cur = await act(c.id, { type: 'dispute', reason: '维修后仍然渗水' });
  assert.equal(cur.status, 'acknowledged', 'a dispute sends the complaint back to investigation');
  assert.equal(cur.repeatCount, 1, 'R-LC-3: a dispute counts as a repeat');
  assert.equal(cur.level, 'important', 'R-SV-1: a repeat complaint after handling is important');
  await act(c.id, { type: 'report', ...report, conclusion: '二次核查：楼上管道接口渗漏' });
  await act(c.id, { type: 'reply', message: '已更换楼上管道接口。' });
  await act(c.id, { type: 'approve_reply' }, 200, manager);
  await act(c.id, { type: 'confirm' });
  const badScore = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'visit', score: 6 });
  assert.equal(badScore.statusCode, 400);
  assert.equal(badScore.json().error.field, 'score');
  await act(c.id, { type: 'visit', score: 4, comment: '满意' });
  cur = await act(c.id, { type: 'close' });
  assert.equal(cur.status, 'closed');
  assert.ok(cur.closedAt);
  const again = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'close' });
  assert.equal(again.statusCode, 409);
  cur = await act(c.id, { type: 'reopen', reason: '一个月后再次漏水' });
  assert.equal(cur.repeatCount, 2, 'R-LC-3: reopening after closure is a repeat');
  assert.equal(cur.status, 'acknowledged');

  const events = (await api('GET', `/api/complaints/${c.id}/events`)).json();
  const types = events.map((e: { type: string }) => e.type);
  for (const type of [
    'received',
    'qualified',
    'dispatched',
    'urged',
    'acknowledged',
    'reported',
    'reply_submitted',
    'reply_approved',
    'replied',
    'disputed',
    'confirmed',
    'visited',
    'closed',
    'reopened',
  ]) {
    assert.ok(types.includes(type), `event ${type} recorded`);
  }
  assert.deepEqual(
    events.map((e: { seq: number }) => e.seq),
    events.map((_: unknown, i: number) => i + 1),
    'events are numbered without gaps',
  );
  assert.ok(
    events.every((e: { actor: { name: string } }) => e.actor.name),
    'every event names its actor',
  );
});

test('R-LC-4: an invalid complaint closes with its reason; the customer contesting it opens a new linked record', async () => {
  const c = (
    await api('POST', '/api/complaints', {
      ...phoneComplaint,
      receivedAt: undefined,
      title: '推销电话骚扰',
      content: '接到自称贵司的推销电话',
    })
  ).json();
  const noReason = await api('POST', `/api/complaints/${c.id}/actions`, {
    type: 'qualify',
    result: 'invalid',
    invalidReasonId: 'unrelated',
  });
  assert.equal(noReason.statusCode, 400);
  assert.equal(noReason.json().error.field, 'reason');
  const closed = await act(c.id, { type: 'qualify', result: 'invalid', invalidReasonId: 'unrelated', reason: '与本公司无关' });
  assert.equal(closed.status, 'closed');
  assert.equal(closed.closeReason, '与本公司无关');
  const reopen = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'reopen', reason: 'x' });
  assert.equal(reopen.statusCode, 409);
  assert.deepEqual(reopen.json().error.allowed, ['contest', 'note']);
  const contested = await act(c.id, { type: 'contest', reason: '客户坚持是贵司员工所为' });
  const link = contested.links.find((l: { kind: string }) => l.kind === 'contested_by');
  assert.ok(link, 'the new record is linked');
  const fresh = (await api('GET', `/api/complaints/${link.id}`)).json();
  assert.equal(fresh.status, 'received');
  assert.match(fresh.title, /异议复核/);
  assert.ok(fresh.links.some((l: { kind: string; id: string }) => l.kind === 'contests' && l.id === c.id));
});

test('bad input: each bad field is a 400 naming it, and nothing is written', async () => {
  const before = (await api('GET', '/api/complaints?limit=1')).json().total;
  const cases: [Record<string, unknown>, string][] = [
    [{ ...phoneComplaint, channel: 'pigeon' }, 'channel'],
    [{ ...phoneComplaint, customer: { name: '张伟', phone: '12345' } }, 'customer.phone'],
    [{ ...phoneComplaint, customer: { name: '张伟', email: 'not-an-email' } }, 'customer.email'],
    [{ ...phoneComplaint, customer: { name: '', phone: '13800138001' } }, 'customer.name'],
    [{ ...phoneComplaint, title: '' }, 'title'],
    [{ ...phoneComplaint, title: 'x'.repeat(201) }, 'title'],
    [{ ...phoneComplaint, receivedAt: '2026-11-25T02:00:00.000Z' }, 'receivedAt'],
    [{ ...phoneComplaint, receivedAt: 'yesterday' }, 'receivedAt'],
    [{ ...phoneComplaint, complainantCount: 0 }, 'complainantCount'],
    [{ ...phoneComplaint, categoryId: 'no-such-category' }, 'categoryId'],
    [{ ...phoneComplaint, extra: 1 }, 'extra'],
    [{ ...phoneComplaint, unitId: undefined }, 'unitId'],
  ];
  for (const [body, field] of cases) {
    const res = await api('POST', '/api/complaints', body);
    assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
    assert.equal(res.json().error.field, field, res.body);
    assert.ok(res.json().error.message.length > 0);
  }
  const unknownUnit = await api('POST', '/api/complaints', { ...phoneComplaint, unitId: 'u-nowhere' });
  assert.equal(unknownUnit.statusCode, 404);
  const token = await t.tokenFor(agent);
  const malformed = await t.app.inject({
    method: 'POST',
    url: '/api/complaints',
    payload: '{"unitId": ',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  assert.equal(malformed.statusCode, 400);
  const huge = await t.app.inject({
    method: 'POST',
    url: '/api/complaints',
    payload: JSON.stringify({ ...phoneComplaint, content: 'x'.repeat(10 * 1024 * 1024) }),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  assert.equal(huge.statusCode, 413);
  const after = (await api('GET', '/api/complaints?limit=1')).json().total;
  assert.equal(after, before, 'nothing half-written');
  assert.equal((await api('GET', '/api/complaints/00000000-0000-0000-0000-000000000000')).statusCode, 404);
  assert.equal((await api('GET', '/api/complaints/not-a-uuid')).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/complaints' })).statusCode, 401, 'routes require a user');
});

test('R-LC-1: 50 concurrent identical POSTs with one Idempotency-Key create exactly one complaint', async () => {
  const before = (await api('GET', '/api/complaints?limit=1')).json().total;
  const body = { ...phoneComplaint, receivedAt: undefined, title: '幂等测试：电梯故障', customer: { name: '刘备', phone: '13911112222' } };
  const token = await t.tokenFor(agent);
  const responses = await Promise.all(
    Array.from({ length: 50 }, () =>
      t.app.inject({
        method: 'POST',
        url: '/api/complaints',
        payload: body,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'retry-7f3a' },
      }),
    ),
  );
  const codes = new Set(responses.map((r) => r.json().code));
  assert.ok(
    responses.every((r) => r.statusCode === 201),
    responses.map((r) => r.statusCode).join(','),
  );
  assert.equal(codes.size, 1, 'every retry returns the first record');
  const after = (await api('GET', '/api/complaints?limit=1')).json().total;
  assert.equal(after, before + 1);
  const other = await t.app.inject({
    method: 'POST',
    url: '/api/complaints',
    payload: { ...body, title: '另一件事' },
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'retry-7f3a' },
  });
  assert.equal(other.statusCode, 422, 'the same key with another body is refused');
});

test('GET /api/health names the database; OpenAPI is served', async () => {
  const health = await t.app.inject({ method: 'GET', url: '/api/health' });
  assert.equal(health.statusCode, 200);
  assert.deepEqual(health.json(), { status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  const openapi = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(openapi.statusCode, 200);
  assert.ok(openapi.json().paths['/api/complaints'], 'the complaint routes are documented');
  assert.ok(openapi.json().paths['/api/complaints/{id}/actions']);
});
