/**
 * Issue #14 items 3 and 4, the pure half: which messages a write puts in the outbox (planOutbox), what
 * each platform's body and signature is, and the retry timing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { planOutbox, channelCarries, type ChannelConfig } from '../../src/domain/delivery/plan-outbox.ts';
import {
  dingtalkSign,
  dingtalkSignedUrl,
  feishuSign,
  robotBody,
  emailPayload,
  webhookSignature,
  chinaTime,
} from '../../src/domain/delivery/messages.ts';
import { afterFailure, backoffMs, MAX_ATTEMPTS } from '../../src/domain/delivery/backoff.ts';
import type { AddressedNotification, Recipient } from '../../src/domain/notifications/addressing.ts';

const NOW = new Date('2026-11-24T02:00:00.000Z');
const complaint = {
  id: '11111111-1111-4111-8111-111111111111',
  code: 'TS-20261124-0001',
  level: 'major',
  levelLabel: '重大投诉',
  unitName: '城市花园项目',
};
const person = (email: string | null, wantsEmail = true): Recipient => ({
  userId: email ?? 'x',
  name: '张三',
  email,
  wantsEmail,
  unaddressed: false,
});
const note = (o: Partial<AddressedNotification> = {}): AddressedNotification => ({
  id: '22222222-2222-4222-8222-222222222222',
  recipientRole: 'company_management',
  positionId: 'company_management',
  dueAt: '2026-11-24T02:00:00.000Z',
  subject: '重大投诉即时通报',
  ruleId: 'R-NT-1/major-bulletin',
  kind: 'bulletin',
  recipients: [],
  ...o,
});
const channel = (o: Partial<ChannelConfig>): ChannelConfig => ({
  id: 'ch',
  companyId: 'co-re',
  kind: 'dingtalk',
  name: '钉钉群',
  kinds: [],
  levels: [],
  enabled: true,
  ...o,
});

test('issue #14: one e-mail per recipient with an address who wants e-mail, deduplicated; none for those who opted out', () => {
  const rows = planOutbox(
    [note({ recipients: [person('a@x.cn'), person('A@x.cn'), person(null), person('b@x.cn', false)] })],
    complaint,
    [],
    'https://plaint.example.cn/',
    NOW,
  );
  assert.deepEqual(
    rows.map((r) => [r.transport, r.recipient, r.channel_id]),
    [['email', 'a@x.cn', null]],
  );
  const p = rows[0].payload as { subject: string; text: string; html: string; to: string };
  assert.equal(p.to, 'a@x.cn');
  assert.match(p.subject, /TS-20261124-0001/);
  for (const part of [
    '投诉编号:TS-20261124-0001',
    '级别:重大投诉',
    '单位:城市花园项目',
    '时限:2026-11-24 10:00',
    `链接:https://plaint.example.cn/complaints/${complaint.id}`,
  ])
    assert.ok(p.text.includes(part), `${part} in ${p.text}`);
  assert.equal(rows[0].notification_id, note().id);
});

test('issue #14: robots and webhooks get one message per matching channel and rule; kinds and levels filter; disabled channels get none', () => {
  const channels = [
    channel({ id: 'd', kind: 'dingtalk' }),
    channel({ id: 'w', kind: 'wecom', kinds: ['progress'] }),
    channel({ id: 'f', kind: 'feishu', levels: ['major'] }),
    channel({ id: 'h', kind: 'webhook', levels: ['hot'] }),
    channel({ id: 'off', kind: 'webhook', enabled: false }),
  ];
  // Two positions addressed by one rule: one message to each group, not two.
  const rows = planOutbox(
    [note(), note({ id: '33333333-3333-4333-8333-333333333333', recipientRole: 'group_coordination_centre' })],
    complaint,
    channels,
    '',
    NOW,
  );
  assert.deepEqual(rows.map((r) => r.channel_id).sort(), ['d', 'f']);
  assert.equal(channelCarries(channels[1], 'progress', 'major'), true);
  assert.equal(channelCarries(channels[3], 'bulletin', null), false);
});

test('issue #14: a company e-mail channel carries e-mail for the kinds it filters; without one the default SMTP (channel null) does', () => {
  const emailCh = channel({ id: 'mail', kind: 'email', kinds: ['progress'] });
  const n = note({ recipients: [person('a@x.cn')] });
  assert.deepEqual(planOutbox([n], complaint, [emailCh], '', NOW), []);
  assert.equal(
    planOutbox([note({ kind: 'progress', recipients: [person('a@x.cn')] })], complaint, [emailCh], '', NOW)[0].channel_id,
    'mail',
  );
  assert.equal(planOutbox([n], complaint, [], '', NOW)[0].channel_id, null);
});

test('issue #14: each platform body is in its documented format with the Chinese text', () => {
  const info = { ...complaint, link: 'https://p.cn/complaints/1' };
  const facts = { subject: '重大投诉即时通报', kind: 'bulletin', dueAt: '2026-11-24T02:00:00.000Z' };
  const wecom = robotBody('wecom', info, facts) as { msgtype: string; markdown: { content: string } };
  assert.equal(wecom.msgtype, 'markdown');
  assert.match(wecom.markdown.content, /投诉编号:TS-20261124-0001/);
  const ding = robotBody('dingtalk', info, facts) as { msgtype: string; markdown: { title: string; text: string } };
  assert.deepEqual([ding.msgtype, ding.markdown.title], ['markdown', '重大投诉即时通报']);
  assert.match(ding.markdown.text, /时限:2026-11-24 10:00/);
  const fei = robotBody('feishu', info, facts) as { msg_type: string; content: { text: string } };
  assert.equal(fei.msg_type, 'text');
  assert.match(fei.content.text, /单位:城市花园项目/);
  const hook = robotBody('webhook', info, facts) as { complaint: { code: string } };
  assert.equal(hook.complaint.code, 'TS-20261124-0001');
  assert.match(emailPayload(info, facts).html, /<a href="https:\/\/p.cn\/complaints\/1">/);
  assert.equal(chinaTime('2026-11-24T16:30:00.000Z'), '2026-11-25 00:30');
});

test('issue #14: 钉钉 加签, 飞书 签名校验 and the webhook signature follow their recipes', () => {
  const secret = 'SECabc123';
  const ts = 1700000000000;
  const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
  assert.equal(dingtalkSign(secret, ts), expected);
  const u = new URL(dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=t', secret, ts));
  assert.equal(u.searchParams.get('access_token'), 't');
  assert.equal(u.searchParams.get('timestamp'), String(ts));
  assert.equal(u.searchParams.get('sign'), expected);
  // Feishu: the string is the KEY and the message is empty.
  assert.equal(feishuSign(secret, 1700000000), createHmac('sha256', `1700000000\n${secret}`).update('').digest('base64'));
  assert.notEqual(feishuSign(secret, 1700000000), createHmac('sha256', secret).update(`1700000000\n${secret}`).digest('base64'));
  assert.equal(webhookSignature('k', '{"a":1}'), `sha256=${createHmac('sha256', 'k').update('{"a":1}').digest('hex')}`);
});

test('issue #14: retries back off exponentially (30 s doubling, capped at 30 min); the last attempt leaves the message failed', () => {
  assert.deepEqual(
    [1, 2, 3, 7, 20].map((a) => backoffMs(a)),
    [30_000, 60_000, 120_000, 1_800_000, 1_800_000],
  );
  const now = new Date('2026-11-24T02:00:00Z');
  assert.deepEqual(afterFailure(1, now), { state: 'pending', nextAttemptAt: new Date(now.getTime() + 30_000) });
  assert.equal(afterFailure(MAX_ATTEMPTS, now).state, 'failed');
  assert.equal(afterFailure(MAX_ATTEMPTS - 1, now).state, 'pending');
});
