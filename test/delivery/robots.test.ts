/**
 * Issue #14 items 3 and 4, robots and webhooks: a major complaint taken in at a unit reaches its
 * company's 企业微信, 钉钉 (加签) and 飞书 (签名校验) robots and a webhook (HMAC), each in its documented
 * format and checked by a receiver that verifies the signature exactly as the platform does; a channel
 * with the wrong secret is refused and the refusal recorded; a receiver down for ten minutes gets every
 * message once it is back, each exactly once. On PGlite, and on PostgreSQL with DATABASE_URL.
 * The test owns its organisation (test/helpers/factories.ts): a group, a real-estate company with one
 * project, an administrator and a manager at the group.
 */
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { startRobots } from './receivers.ts';
import { deliverDue } from '../../src/use-cases/deliver-outbox.ts';
import { buildCompany, buildGroup, buildUnit, buildUser, type Node, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
afterEach(async () => {
  await clearChannels();
});
let robots: Awaited<ReturnType<typeof startRobots>>;
let company: Node;
let project: Unit;
let admin: { as: User };
let manager: User;
const SECRETS = { dingtalk: 'SEC-ding-0123456789', feishu: 'feishu-secret-xyz', webhook: 'hook-key-42' };

before(async () => {
  t = await createTestApp();
  const group = await buildGroup(t);
  company = await buildCompany(t, { groupId: group.id });
  project = await buildUnit(t, { pack: 'real-estate', companyId: company.id, name: '城市花园项目' });
  admin = { as: await buildUser(t, { role: 'admin', orgNodeId: group.id }) };
  manager = await buildUser(t, { role: 'manager', orgNodeId: group.id });
  // These tests are about robots and webhooks. The positions' people (here the group's administrator,
  // receiving unaddressed) would be e-mailed too, with no SMTP server in this file: they opt out
  // (test/delivery/position-email.test.ts covers the e-mail to a position's holder).
  await t.deps.db.updateTable('users').set({ notify_email: false }).execute();
  robots = await startRobots(SECRETS, () => t.clock.now.getTime());
});
after(async () => {
  await robots.close();
  await t.close();
});

const deliver = () => deliverDue(t.deps, { smtp: { url: null, from: 'Plaint <plaint@plaint.test>' } });
const channels: string[] = [];

async function addChannel(body: Record<string, unknown>): Promise<string> {
  const res = await t.api('POST', '/api/channels', { companyId: company.id, ...body }, admin);
  assert.equal(res.statusCode, 201, res.body);
  channels.push(res.json().id);
  return res.json().id;
}

async function majorComplaint(title = '业主集体投诉地下车库渗水'): Promise<{ id: string; code: string }> {
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId: project.id,
      channel: 'phone',
      customer: { name: '王芳', phone: '13800001234' },
      title,
      content: '十余户业主集体反映地下车库渗水。',
      complainantCount: 12,
    },
    admin,
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function clearChannels(): Promise<void> {
  for (const id of channels.splice(0)) assert.equal((await t.api('DELETE', `/api/channels/${id}`, undefined, admin)).statusCode, 204);
}

test("issue #14: a major complaint reaches the company's WeCom, DingTalk (signed), Feishu (signed) robots and the webhook (HMAC), each once per rule, in their formats", async () => {
  await addChannel({ kind: 'wecom', name: '企业微信群', url: `${robots.base}/wecom?key=wecom-key` });
  const dingId = await addChannel({
    kind: 'dingtalk',
    name: '钉钉群',
    url: `${robots.base}/dingtalk?access_token=tok`,
    secret: SECRETS.dingtalk,
  });
  await addChannel({ kind: 'feishu', name: '飞书群', url: `${robots.base}/feishu`, secret: SECRETS.feishu });
  await addChannel({ kind: 'webhook', name: 'OA 系统', url: `${robots.base}/webhook`, secret: SECRETS.webhook, levels: ['major'] });
  // Another company's robot, and one for another kind: neither is told.
  await addChannel({ kind: 'wecom', name: '只收快报', url: `${robots.base}/wecom?key=progress-only`, kinds: ['progress_reminder'] });

  // The secret is stored, never returned; the URL's token is hidden.
  const listed = (await t.api('GET', '/api/channels', undefined, admin)).json() as { id: string; hasSecret: boolean; urlHint: string }[];
  const ding = listed.find((c) => c.id === dingId)!;
  assert.equal(ding.hasSecret, true);
  assert.ok(
    !JSON.stringify(listed).includes(SECRETS.dingtalk) && !JSON.stringify(listed).includes('access_token=tok'),
    JSON.stringify(ding),
  );

  const c = await majorComplaint();
  const pass = await deliver();
  assert.equal(
    pass.claimed,
    pass.sent,
    `every message sent: ${JSON.stringify(await t.deps.db.selectFrom('outbox').select(['transport', 'state', 'last_error']).execute())}`,
  );
  const mine = robots.accepted.filter((h) => JSON.stringify(h.body).includes(c.code));
  const byPath = (p: string) => mine.filter((h) => h.path === p);
  // A major complaint's rules: the bulletin at once and the weekly progress report (R-NT-1). Each rule
  // notifies several positions; a group is told once per rule all the same.
  for (const p of ['/wecom', '/dingtalk', '/feishu', '/webhook']) {
    assert.equal(byPath(p).length, 2, `${p}: ${JSON.stringify(mine.map((h) => h.path))}`);
    assert.equal(byPath(p).filter((h) => JSON.stringify(h.body).includes('重大投诉即时通报')).length, 1, `${p}: one bulletin, in Chinese`);
  }
  assert.equal(robots.refused.length, 0, JSON.stringify(robots.refused));

  const bulletin = (p: string) => byPath(p).find((h) => JSON.stringify(h.body).includes('重大投诉即时通报'))!;
  const wecom = bulletin('/wecom').body as { msgtype: string; markdown: { content: string } };
  assert.equal(wecom.msgtype, 'markdown');
  for (const part of [`投诉编号:${c.code}`, '级别:重大', `单位:${project.name}`, '时限:', `/complaints/${c.id}`])
    assert.ok(wecom.markdown.content.includes(part), `${part} in ${wecom.markdown.content}`);
  const dingBody = bulletin('/dingtalk').body as { msgtype: string; markdown: { title: string; text: string } };
  assert.equal(dingBody.msgtype, 'markdown');
  assert.equal(dingBody.markdown.title, '重大投诉即时通报');
  const feishu = bulletin('/feishu').body as { msg_type: string; content: { text: string }; sign: string; timestamp: string };
  assert.equal(feishu.msg_type, 'text');
  assert.equal(feishu.timestamp, String(Math.floor(t.clock.now.getTime() / 1000)));
  const hook = bulletin('/webhook');
  assert.match(hook.delivery ?? '', /^[0-9a-f-]{36}$/, 'the webhook carries the message id');
  assert.equal((hook.body as { complaint: { code: string } }).complaint.code, c.code);

  // The complaint page: each notification with its deliveries.
  const shown = (await t.api('GET', `/api/complaints/${c.id}/notifications`, undefined, admin)).json() as {
    kind: string;
    deliveries: { transport: string; state: string }[];
  }[];
  const delivered = shown.flatMap((n) => n.deliveries);
  assert.deepEqual([...new Set(delivered.map((d) => d.transport))].sort(), ['dingtalk', 'feishu', 'webhook', 'wecom']);
  assert.ok(delivered.every((d) => d.state === 'sent'));
  await clearChannels();
});

test('issue #14: a robot with the wrong secret refuses the message; the refusal is the recorded reason', async () => {
  await addChannel({ kind: 'dingtalk', name: '钉钉群(错误密钥)', url: `${robots.base}/dingtalk?access_token=tok`, secret: 'SEC-wrong' });
  await addChannel({ kind: 'feishu', name: '飞书群(错误密钥)', url: `${robots.base}/feishu`, secret: 'wrong' });
  await addChannel({ kind: 'webhook', name: 'OA(错误密钥)', url: `${robots.base}/webhook`, secret: 'wrong' });
  const before = robots.refused.length;
  const c = await majorComplaint('业主集体投诉电梯故障');
  await deliver();
  // Two rules (bulletin, weekly progress) × three channels.
  assert.equal(robots.refused.length - before, 6);
  const rows = await t.deps.db
    .selectFrom('outbox')
    .select(['transport', 'state', 'attempts', 'last_error'])
    .where('complaint_id', '=', c.id)
    .orderBy('transport')
    .execute();
  assert.deepEqual(
    rows.map((r) => [r.transport, r.state, r.attempts]),
    ['dingtalk', 'dingtalk', 'feishu', 'feishu', 'webhook', 'webhook'].map((tr) => [tr, 'pending', 1]),
  );
  assert.match(rows[0].last_error ?? '', /310000.*sign not match/);
  assert.match(rows[2].last_error ?? '', /19021/);
  assert.match(rows[4].last_error ?? '', /HTTP 401/);
  await clearChannels();
  // Their channel gone, they cannot be sent: give them up for this test.
  await t.deps.db.updateTable('outbox').set({ state: 'failed' }).where('complaint_id', '=', c.id).execute();
});

test('issue #14: a receiver down for ten minutes gets every message once it is back, each exactly once', async () => {
  await addChannel({ kind: 'webhook', name: 'OA 系统', url: `${robots.base}/webhook`, secret: SECRETS.webhook });
  await robots.down();
  const complaints = [await majorComplaint('集体投诉一'), await majorComplaint('集体投诉二'), await majorComplaint('集体投诉三')];
  const ids = (
    await t.deps.db
      .selectFrom('outbox')
      .select('id')
      .where(
        'complaint_id',
        'in',
        complaints.map((c) => c.id),
      )
      .execute()
  ).map((r) => r.id);
  assert.equal(ids.length, 6, 'two rules for each of three complaints');
  // Ten minutes of passes every 15 s while the receiver is down: each attempt fails and is recorded.
  const downUntil = t.clock.now.getTime() + 10 * 60_000;
  while (t.clock.now.getTime() < downUntil) {
    await deliver();
    t.clock.advance(15_000);
  }
  const waiting = await t.deps.db.selectFrom('outbox').select(['state', 'attempts', 'last_error']).where('id', 'in', ids).execute();
  assert.ok(
    waiting.every((r) => r.state === 'pending' && r.attempts >= 4 && /ECONNREFUSED|fetch failed/.test(r.last_error ?? '')),
    JSON.stringify(waiting),
  );
  await robots.up();
  // Back: within the next backoff (at most 30 min), every message arrives.
  for (let i = 0; i < 40; i++) {
    await deliver();
    t.clock.advance(60_000);
  }
  const got = robots.accepted.filter((h) => h.path === '/webhook' && ids.includes(h.delivery ?? ''));
  assert.deepEqual(got.map((h) => h.delivery).sort(), [...ids].sort(), 'each message exactly once');
  const done = await t.deps.db.selectFrom('outbox').select(['state']).where('id', 'in', ids).execute();
  assert.ok(done.every((r) => r.state === 'sent'));
  await clearChannels();
});

test("issue #14: channel input is checked and another company's channels are not reachable", async () => {
  const noUrl = await t.api('POST', '/api/channels', { companyId: company.id, kind: 'dingtalk', name: '钉钉' }, admin);
  assert.equal(noUrl.statusCode, 400);
  assert.match(noUrl.body, /url/);
  const badScheme = await t.api('POST', '/api/channels', { companyId: company.id, kind: 'email', name: '邮件', url: 'http://mail' }, admin);
  assert.equal(badScheme.statusCode, 400);
  assert.match(badScheme.body, /url/);
  const badKind = await t.api('POST', '/api/channels', { companyId: company.id, kind: 'sms', name: 'x', url: 'http://x' }, admin);
  assert.equal(badKind.statusCode, 400);
  assert.match(badKind.body, /kind/);
  const unit = await t.api('POST', '/api/channels', { companyId: project.id, kind: 'wecom', name: 'x', url: 'http://x' }, admin);
  assert.equal(unit.statusCode, 404, 'channels belong to companies');
  assert.equal((await t.api('PATCH', '/api/channels/not-a-uuid', { name: 'x' }, admin)).statusCode, 404);
  assert.equal((await t.api('GET', '/api/channels', undefined, { as: manager })).statusCode, 403);
  // A secret is changed only when given; left out, it stays.
  const id = await addChannel({ kind: 'webhook', name: 'OA', url: 'http://127.0.0.1:9/hook', secret: 'k1' });
  const renamed = await t.api('PATCH', `/api/channels/${id}`, { name: 'OA 2' }, admin);
  assert.deepEqual([renamed.json().name, renamed.json().hasSecret], ['OA 2', true]);
  const cleared = await t.api('PATCH', `/api/channels/${id}`, { secret: null }, admin);
  assert.equal(cleared.json().hasSecret, false);
  await clearChannels();
});

test("issue #14 / R-NT-1: a missed weekly progress report's reminder reaches the company's robots too", async () => {
  await addChannel({
    kind: 'webhook',
    name: 'OA 系统',
    url: `${robots.base}/webhook`,
    secret: SECRETS.webhook,
    kinds: ['progress_overdue'],
  });
  const c = await majorComplaint('集体投诉进展逾期');
  await deliver();
  // More than a week with no progress entry: the sweeper's reminder.
  t.clock.advance(8 * 24 * 3_600_000);
  const { remindMissingProgress } = await import('../../src/use-cases/casework/special-report.ts');
  const { reminded } = await remindMissingProgress(t.deps);
  assert.ok(reminded >= 1);
  await deliver();
  const got = robots.accepted.filter(
    (h) => h.path === '/webhook' && (h.body as { complaint?: { code: string } }).complaint?.code === c.code,
  );
  assert.equal(got.length, 1, JSON.stringify(got.map((h) => h.body)));
  assert.equal((got[0].body as { kind: string }).kind, 'progress_overdue');
  assert.match((got[0].body as { text: string }).text, /逾期未报/);
});
