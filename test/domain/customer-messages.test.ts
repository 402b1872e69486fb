/**
 * Issue #14 item 5, the pure rules of messages to customers (src/domain/delivery/customer-messages.ts,
 * src/domain/portal-secret.ts): which way each message goes, what a unit's switches do, the link's
 * secret kept out of the query string, and a secret that can be given again without being stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  customerMessageSwitches,
  customerMessagesFor,
  customerRoutes,
  portalLink,
  runningLimits,
} from '../../src/domain/delivery/customer-messages.ts';
import type { ChannelConfig } from '../../src/domain/delivery/plan-outbox.ts';
import { portalSecret, portalSecretHash, recoverPortalSecret } from '../../src/domain/portal-secret.ts';
import type { ClockRecord } from '../../src/domain/contracts.ts';

const ch = (o: Partial<ChannelConfig> & Pick<ChannelConfig, 'kind'>): ChannelConfig => ({
  id: `${o.kind}-${o.name ?? 'x'}`,
  companyId: 'co',
  name: o.name ?? o.kind,
  kinds: [],
  levels: [],
  enabled: true,
  ...o,
});
const ALL_ON = customerMessageSwitches({});
const both = { name: '陈晓', email: 'A@Example.com', phone: '13900001111' };

test("a unit's switches: every message on unless named false", () => {
  assert.deepEqual(ALL_ON, { receipt: true, reply: true, visit_invitation: true });
  assert.deepEqual(customerMessageSwitches({ customerMessages: { reply: false } }), {
    receipt: true,
    reply: false,
    visit_invitation: true,
  });
  assert.deepEqual(customerRoutes('reply', both, customerMessageSwitches({ customerMessages: { reply: false } }), []), []);
});

test('e-mail goes by the default SMTP when the company has no e-mail channel, by a carrying e-mail channel when it has some, not at all when none carries it', () => {
  assert.deepEqual(customerRoutes('receipt', both, ALL_ON, []), [
    { via: 'email', to: 'a@example.com', channelId: null, channelName: null },
  ]);
  const own = ch({ kind: 'email', name: 'own', kinds: ['customer_receipt'] });
  assert.equal(customerRoutes('receipt', both, ALL_ON, [own])[0].channelId, own.id);
  assert.deepEqual(customerRoutes('reply', both, ALL_ON, [own]), [], 'the only e-mail channel does not carry replies');
});

test('a phone reaches the customer only through webhooks that name the message; robots and catch-all webhooks never text a customer', () => {
  const channels = [
    ch({ kind: 'webhook', name: 'sms', kinds: ['customer_receipt', 'customer_reply'] }),
    ch({ kind: 'webhook', name: 'oa' }),
    ch({ kind: 'dingtalk', name: 'group', kinds: ['customer_receipt'] }),
    ch({ kind: 'webhook', name: 'off', kinds: ['customer_receipt'], enabled: false }),
  ];
  const phoneOnly = { name: '周宁', email: null, phone: '13700004444' };
  assert.deepEqual(
    customerRoutes('receipt', phoneOnly, ALL_ON, channels).map((r) => [r.via, r.channelName, r.to]),
    [['webhook', 'sms', '13700004444']],
  );
  assert.deepEqual(customerRoutes('visit_invitation', phoneOnly, ALL_ON, channels), []);
  assert.deepEqual(customerRoutes('receipt', { name: 'x', email: null, phone: null }, ALL_ON, channels), []);
});

test('the reply goes when it reaches the customer (replied), the invitation when they confirm', () => {
  assert.deepEqual(customerMessagesFor([{ type: 'reply_submitted' }]), []);
  assert.deepEqual(customerMessagesFor([{ type: 'reply_approved' }, { type: 'replied' }]), ['reply']);
  assert.deepEqual(customerMessagesFor([{ type: 'confirmed' }]), ['visit_invitation']);
});

test('R-IN-5: the portal link carries the code in the query and the secret only in the fragment', () => {
  const link = portalLink('https://plaint.test/', 'TS-20261206-0001', 'ab-c_d');
  assert.equal(link, 'https://plaint.test/portal?code=TS-20261206-0001#secret=ab-c_d');
  assert.equal(new URL(link).search.includes('secret'), false);
  assert.equal(portalLink('https://plaint.test', 'TS-1', null), 'https://plaint.test/portal?code=TS-1');
});

test('the derived secret: 128 bits, per complaint and key, recovered only when the stored hash is of it', () => {
  const key = Buffer.alloc(32, 7);
  const s = portalSecret(key, 'c-1');
  assert.equal(Buffer.from(s, 'base64url').length, 16);
  assert.notEqual(s, portalSecret(key, 'c-2'));
  assert.notEqual(s, portalSecret(Buffer.alloc(32, 8), 'c-1'));
  assert.equal(recoverPortalSecret(key, 'c-1', portalSecretHash(s)), s);
  assert.equal(recoverPortalSecret(key, 'c-1', portalSecretHash('a random secret of an older complaint')), null);
  assert.equal(recoverPortalSecret(key, 'c-1', null), null);
});

test('the receipt lists the running time limits by their pack labels, soonest first', () => {
  const clock = (name: string, dueAt: string, state: ClockRecord['state']) =>
    ({ name, ruleId: 'R', startedAt: '2026-12-06T00:00:00.000Z', dueAt, state, pausedMs: 0, calendarVersion: 1, trace: [] }) as ClockRecord;
  const pack = {
    clocks: [
      { name: 'accept', labelZh: '投诉定性' },
      { name: 'reply', labelZh: '答复客户' },
    ],
  };
  assert.deepEqual(
    runningLimits(pack, [
      clock('reply', '2026-12-09T00:00:00.000Z', 'running'),
      clock('accept', '2026-12-06T04:00:00.000Z', 'running'),
      clock('x', '2026-12-06T01:00:00.000Z', 'met'),
    ]),
    [
      { labelZh: '投诉定性', dueAt: '2026-12-06T04:00:00.000Z' },
      { labelZh: '答复客户', dueAt: '2026-12-09T00:00:00.000Z' },
    ],
  );
});
