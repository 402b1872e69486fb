/**
 * Issue #14 item 5, "customers hear back" (R-IN-5: an acknowledgement with a tracking code, progress the
 * customer can follow): the receipt with the code, what happens next and when, and the portal link with
 * its secret; the approved reply; the return-visit invitation with its link to rate — each a
 * `customer_notified` event on the complaint, each delivered to a real SMTP server (or, for a customer
 * with only a phone, to a webhook whose kinds name it), and each one a unit can turn off.
 * The test owns its organisation (test/helpers/factories.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildDepartments, buildGroup, buildUnit, buildUser, type Unit, type User } from '../helpers/factories.ts';
import { startRobots, startSmtp } from './receivers.ts';
import { deliverDue } from '../../src/use-cases/deliver-outbox.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let admin: User, manager: User;
let unit: Unit;
let lead: string;
const BASE = 'https://plaint.test';

before(async () => {
  t = await createTestApp();
  t.deps.publicUrl = BASE;
  smtp = await startSmtp();
  const group = await buildGroup(t);
  const company = await buildCompany(t, { groupId: group.id });
  // A reply here needs a manager's approval before it reaches the customer.
  unit = await buildUnit(t, { pack: 'real-estate', companyId: company.id, name: '翠湖花园项目', settings: { replyApproval: true } });
  [{ id: lead }] = await buildDepartments(t, unit, ['工程管理部']);
  admin = await buildUser(t, { role: 'admin', orgNodeId: group.id });
  manager = await buildUser(t, { role: 'manager', orgNodeId: group.id });
});
after(async () => {
  await smtp.close();
  await t.close();
});

const deliver = () => deliverDue(t.deps, { smtp: { url: smtp.url, from: 'Plaint <plaint@plaint.test>' } });
const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => t.api(method, url, body, { as: admin });

async function act(id: string, body: Record<string, unknown>) {
  // R-LC-5: the reply is approved by a manager, never by its author (issue #15 item 9).
  const res = await t.api('POST', `/api/complaints/${id}/actions`, body, { as: body.type === 'approve_reply' ? manager : admin });
  assert.equal(res.statusCode, 200, `${body.type}: ${res.body}`);
}

async function intake(customer: Record<string, string>, title = '地下车库渗水') {
  const res = await api('POST', '/api/complaints', {
    unitId: unit.id,
    channel: 'phone',
    customer: { name: '陈晓', ...customer },
    title,
    content: '地下车库B区顶板持续渗水，车辆被污损。',
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; code: string; events: { type: string; data: Record<string, unknown> }[] };
}

const mailsTo = (to: string) => smtp.mails.filter((m) => m.to.includes(to));
const secretIn = (text: string) => text.match(/查询密码：(\S+)/)?.[1];

test('issue #14 item 5 / R-IN-5: the receipt reaches the customer by e-mail with the code, the next time limits, the portal link and a secret that opens the complaint', async () => {
  const c = await intake({ phone: '13900001111', email: 'Chen.Xiao@Example.com' });
  // The receipt is an event of the intake itself, with the address masked.
  const notified = c.events.find((e) => e.type === 'customer_notified');
  assert.deepEqual(notified?.data, { message: 'receipt', via: 'email', to: 'c***@example.com' });

  await deliver();
  const [mail] = mailsTo('chen.xiao@example.com');
  assert.ok(mail, 'the receipt reached the SMTP server');
  assert.equal(mail.subject, `[${c.code}] 您的投诉已受理：地下车库渗水`, 'the code in brackets: a reply with it joins the complaint');
  for (const part of [
    `受理编号：${c.code}`,
    '已由翠湖花园项目受理',
    '接下来：',
    '投诉定性(有效/无效)：',
    `${BASE}/portal?code=${c.code}#secret=`,
  ])
    assert.ok(mail.text.includes(part), `${part} in:\n${mail.text}`);
  const secret = secretIn(mail.text);
  assert.ok(secret && secret.length >= 20, 'a secret of 128 bits');
  assert.ok(mail.text.includes(`#secret=${secret}`), 'the link carries the same secret');

  // The secret works in the portal; a wrong one is a 404 like an unknown code.
  const tracked = await t.app.inject({ method: 'POST', url: '/api/portal/track', payload: { code: c.code, secret } });
  assert.equal(tracked.statusCode, 200, tracked.body);
  assert.equal(tracked.json().title, '地下车库渗水');
  const wrong = await t.app.inject({ method: 'POST', url: '/api/portal/track', payload: { code: c.code, secret: `${secret}x` } });
  assert.equal(wrong.statusCode, 404);

  // The complaint page lists the message and its state.
  const listed = (await api('GET', `/api/complaints/${c.id}/customer-messages`)).json() as {
    message: string;
    transport: string;
    recipient: string;
    state: string;
  }[];
  assert.deepEqual(
    listed.map((m) => [m.message, m.transport, m.recipient, m.state]),
    [['receipt', 'email', 'c***@example.com', 'sent']],
  );
  // The administrator's outbox list masks a customer's address too (R-IN-4).
  const outbox = (await api('GET', '/api/outbox?state=sent')).json() as { complaintCode: string; recipient: string }[];
  assert.deepEqual(
    outbox.filter((m) => m.complaintCode === c.code).map((m) => m.recipient),
    ['c***@example.com'],
  );
});

test('issue #14 item 5: the approved reply, then the return-visit invitation, reach the customer; the invitation link lets them rate in the portal', async () => {
  const email = 'owner.reply@example.com';
  const c = await intake({ phone: '13900002222', email }, '电梯频繁故障');
  await act(c.id, { type: 'qualify', result: 'valid' });
  await act(c.id, { type: 'dispatch', leadDepartmentId: lead });
  await act(c.id, { type: 'acknowledge' });
  await act(c.id, {
    type: 'report',
    cause: '电梯控制板老化',
    sequence: '当日来电，次日维保单位检修',
    responsible: '工程管理部',
    conclusion: '投诉有效',
    countermeasures: '更换控制板',
    prevention: '维保巡检增加控制板检测',
  });
  await act(c.id, { type: 'reply', message: '已更换2号电梯控制板，并增加每周巡检。' });
  await deliver();
  assert.equal(mailsTo(email).length, 1, 'a reply awaiting approval has not reached the customer');

  await act(c.id, { type: 'approve_reply' });
  await deliver();
  const reply = mailsTo(email).find((m) => m.subject.includes('答复'));
  assert.ok(reply, 'the approved reply is e-mailed');
  assert.equal(reply.subject, `[${c.code}] 关于您的投诉的答复：电梯频繁故障`);
  assert.ok(reply.text.includes('已更换2号电梯控制板，并增加每周巡检。'), reply.text);
  const secret = secretIn(reply.text);
  assert.ok(secret, 'the reply gives the secret again, so its link opens the complaint');

  // The customer confirms in the portal with that secret: the invitation to rate follows.
  const confirmed = await t.app.inject({ method: 'POST', url: '/api/portal/confirm', payload: { code: c.code, secret } });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  await deliver();
  const invitation = mailsTo(email).find((m) => m.subject.includes('评价'));
  assert.ok(invitation, 'the return-visit invitation is e-mailed');
  assert.ok(invitation.text.includes(`${BASE}/portal?code=${c.code}#secret=${secret}`), invitation.text);
  const rated = await t.app.inject({ method: 'POST', url: '/api/portal/rate', payload: { code: c.code, secret, score: 5 } });
  assert.equal(rated.statusCode, 200, rated.body);
  assert.equal(rated.json().satisfaction, 5);

  const events = (await api('GET', `/api/complaints/${c.id}`)).json().events as { type: string; data: { message?: string } }[];
  assert.deepEqual(
    events.filter((e) => e.type === 'customer_notified').map((e) => e.data.message),
    ['receipt', 'reply', 'visit_invitation'],
  );
});

test('issue #14 item 5: a unit turns a message off; the others still go, and nothing is logged for the one turned off', async () => {
  const off = await api('PUT', `/api/units/${unit.id}/customer-messages`, { receipt: false, reply: true, visitInvitation: true });
  assert.equal(off.statusCode, 200, off.body);
  assert.deepEqual(off.json(), { unitId: unit.id, unitName: '翠湖花园项目', receipt: false, reply: true, visitInvitation: true });
  assert.equal((await api('GET', `/api/units/${unit.id}/customer-messages`)).json().receipt, false);

  const email = 'quiet@example.com';
  const c = await intake({ phone: '13900003333', email }, '物业费收费不透明');
  assert.equal(c.events.filter((e) => e.type === 'customer_notified').length, 0);
  await deliver();
  assert.equal(mailsTo(email).length, 0, 'no receipt from a unit that turned it off');
  assert.deepEqual((await api('GET', `/api/complaints/${c.id}/customer-messages`)).json(), []);

  const bad = await api('PUT', `/api/units/${unit.id}/customer-messages`, { receipt: 'no', reply: true, visitInvitation: true });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /receipt/);
  const back = await api('PUT', `/api/units/${unit.id}/customer-messages`, { receipt: true, reply: true, visitInvitation: true });
  assert.equal(back.statusCode, 200);
  // Another company's administrator neither reads nor sets this unit's switches.
  const stranger = await buildUser(t, { role: 'admin' });
  assert.equal((await t.api('GET', `/api/units/${unit.id}/customer-messages`, undefined, { as: stranger })).statusCode, 404);
});

test('issue #14 item 5: a customer with only a phone gets the receipt through a webhook (an SMS gateway) whose kinds name it; a group robot never does', async () => {
  const robots = await startRobots({ webhook: 'sms-secret' });
  try {
    const company = await buildCompany(t, { groupId: admin.orgNodeId! });
    const smsUnit = await buildUnit(t, { pack: 'real-estate', companyId: company.id, name: '滨江公寓项目' });
    for (const ch of [
      { kind: 'webhook', name: '短信网关', url: `${robots.base}/webhook`, secret: 'sms-secret', kinds: ['customer_receipt'] },
      { kind: 'webhook', name: 'OA 系统', url: `${robots.base}/webhook`, secret: 'sms-secret', kinds: [] },
    ]) {
      const made = await api('POST', '/api/channels', { companyId: company.id, ...ch });
      assert.equal(made.statusCode, 201, made.body);
    }
    const res = await api('POST', '/api/complaints', {
      unitId: smsUnit.id,
      channel: 'phone',
      customer: { name: '周宁', phone: '13700004444' },
      title: '门禁卡无法使用',
      content: '新办的门禁卡刷不开单元门。',
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json() as { id: string; code: string; events: { type: string; data: unknown }[] };
    assert.deepEqual(c.events.find((e) => e.type === 'customer_notified')?.data, { message: 'receipt', via: 'webhook', to: '137****4444' });
    await deliver();
    // Accepted only with a valid X-Plaint-Signature (receivers.ts refuses a bad one with 401).
    assert.deepEqual(robots.refused, []);
    const texts = robots.accepted.filter((h) => h.path === '/webhook' && h.body.type === 'plaint.customer_message');
    assert.equal(texts.length, 1, 'only the gateway that names customer_receipt carries it');
    const body = texts[0].body as { to: string; text: string; message: string };
    assert.equal(body.to, '13700004444');
    assert.equal(body.message, 'receipt');
    assert.match(body.text, new RegExp(`编号${c.code}，查询密码\\S+。查询进度：${BASE}/portal\\?code=${c.code}#secret=`));
  } finally {
    await robots.close();
  }
});
