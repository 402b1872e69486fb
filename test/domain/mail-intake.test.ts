/**
 * Issue #14 item 6, the pure half of the e-mail intake: finding a complaint's code in a subject, the
 * words of a message (plain part, else HTML as text), which messages are refused, when a message was
 * received, and the intake input and customer message a message becomes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complaintCodeInSubject } from '../../src/domain/mail-intake/complaint-code-in-subject.ts';
import { htmlToText, messageText } from '../../src/domain/mail-intake/message-text.ts';
import {
  CONTENT_MAX,
  complaintInput,
  customerMessage,
  MESSAGE_TEXT_MAX,
  NO_SUBJECT,
  NO_TEXT,
  receivedAt,
  refusal,
  TITLE_MAX,
  type MailFacts,
} from '../../src/domain/mail-intake/plan-mail.ts';

const NOW = new Date('2026-11-24T02:00:00.000Z');
const mail = (over: Partial<MailFacts> = {}): MailFacts => ({
  messageId: '<m1@example.com>',
  from: { address: 'Wang.Fang@Example.com', name: '王芳' },
  subject: '车库渗水',
  date: new Date('2026-11-24T01:30:00.000Z'),
  internalDate: new Date('2026-11-24T01:31:00.000Z'),
  text: '车库渗水三天。',
  html: null,
  autoSubmitted: null,
  precedence: null,
  ...over,
});

test('issue #14 item 6: the code in a subject, with or without brackets, in any case; none, or a near miss, is null', () => {
  const cases: [string | null, string | null][] = [
    ['Re: [TS-20261204-0033] 答复', 'TS-20261204-0033'],
    ['回复：【TS-20261204-0033】补充材料', 'TS-20261204-0033'],
    ['关于 ts-20261204-0033 的补充', 'TS-20261204-0033'],
    ['Fwd: Re: TS-20261204-12345', 'TS-20261204-12345'],
    ['TS-20261204-003 (three digits)', null],
    ['XTS-20261204-0033', null],
    ['TS-2026120-0033', null],
    ['车库渗水', null],
    [null, null],
  ];
  for (const [subject, code] of cases) assert.equal(complaintCodeInSubject(subject), code, String(subject));
});

test('issue #14 item 6: the plain part is the text; an HTML-only message is turned into text without tags, scripts or styles', () => {
  assert.equal(messageText({ text: ' 你好\r\n世界 ', html: '<p>ignored</p>' }), '你好\n世界');
  assert.equal(messageText({ text: '   ', html: '<p>只有HTML</p>' }), '只有HTML');
  assert.equal(messageText({ text: null, html: null }), '');
  assert.equal(
    htmlToText(
      '<html><head><title>t</title><style>p{}</style></head><body><!-- c --><p>第一段&nbsp;&amp;&lt;b&gt;</p><div>第二段<br/>换行</div><ul><li>一</li><li>二</li></ul><script>x()</script>&#20320;&#x597D;</body></html>',
    ),
    '第一段 &<b>\n\n第二段\n换行\n\n- 一\n- 二\n你好',
  );
});

test('issue #14 item 6: refused — no sender, not an address, automatic replies and bounces; a person’s message passes', () => {
  assert.equal(refusal(mail()), null);
  assert.match(refusal(mail({ from: null })) ?? '', /no sender address/);
  assert.match(refusal(mail({ from: { address: 'not an address', name: null } })) ?? '', /is not an e-mail address/);
  assert.match(refusal(mail({ autoSubmitted: 'auto-replied' })) ?? '', /automatic message/);
  assert.equal(refusal(mail({ autoSubmitted: 'no' })), null);
  assert.match(refusal(mail({ precedence: 'bulk' })) ?? '', /automatic message/);
  assert.match(refusal(mail({ from: { address: 'MAILER-DAEMON@mx.example.com', name: null } })) ?? '', /delivery report/);
});

test('issue #14 item 6: received-at is the Date header when sane; a future or absurd one falls back to the server’s date, then now', () => {
  assert.equal(receivedAt(mail(), NOW).toISOString(), '2026-11-24T01:30:00.000Z');
  const future = new Date('2026-11-25T00:00:00.000Z');
  assert.equal(receivedAt(mail({ date: future }), NOW).toISOString(), '2026-11-24T01:31:00.000Z');
  assert.equal(receivedAt(mail({ date: future, internalDate: future }), NOW).toISOString(), NOW.toISOString());
  assert.equal(receivedAt(mail({ date: new Date('1970-01-01T00:00:00Z'), internalDate: null }), NOW).toISOString(), NOW.toISOString());
  assert.equal(receivedAt(mail({ date: new Date(Number.NaN), internalDate: null }), NOW).toISOString(), NOW.toISOString());
  // Within a minute's clock skew: taken as now, never after it.
  assert.equal(receivedAt(mail({ date: new Date(NOW.getTime() + 30_000) }), NOW).toISOString(), NOW.toISOString());
});

test('issue #14 item 6: a message becomes an e-mail complaint: customer from the sender, title from the subject, defaults when empty, limits kept', () => {
  assert.deepEqual(complaintInput(mail(), 'u-1', NOW), {
    unitId: 'u-1',
    channel: 'email',
    receivedAt: '2026-11-24T01:30:00.000Z',
    customer: { name: '王芳', email: 'wang.fang@example.com' },
    title: '车库渗水',
    content: '车库渗水三天。',
  });
  const bare = complaintInput(mail({ from: { address: 'a@b.cn', name: '' }, subject: ' \u3000 ', text: '', html: null }), 'u-1', NOW);
  assert.deepEqual([bare.customer.name, bare.title, bare.content], ['a@b.cn', NO_SUBJECT, NO_TEXT]);
  const long = complaintInput(mail({ subject: '长'.repeat(300), text: '字'.repeat(CONTENT_MAX + 10) }), 'u-1', NOW);
  assert.equal([...long.title].length, TITLE_MAX);
  assert.equal([...long.content].length, CONTENT_MAX);
  assert.match(long.content, /已截断）$/);
});

test('issue #14 item 6: a reply’s customer message says who wrote, whether it is the customer, and names stored and refused attachments', () => {
  const data = customerMessage(
    mail({ subject: 'Re: [TS-20261124-0001] 补充', text: '又漏了'.repeat(5000) }),
    { stored: ['a.png'], refused: [{ filename: 'b.exe', reason: 'not an accepted type' }] },
    'wang.fang@example.com',
  );
  assert.equal(data.via, 'email');
  assert.equal(data.sender, 'wang.fang@example.com');
  assert.equal(data.fromCustomer, true);
  assert.equal(data.subject, 'Re: [TS-20261124-0001] 补充');
  assert.equal(data.truncated, true);
  assert.equal([...data.text].length, MESSAGE_TEXT_MAX);
  assert.deepEqual(data.attachments, ['a.png']);
  assert.deepEqual(data.refusedAttachments, [{ filename: 'b.exe', reason: 'not an accepted type' }]);
  assert.equal(customerMessage(mail(), { stored: [], refused: [] }, 'someone@else.com').fromCustomer, false);
  assert.equal(customerMessage(mail(), { stored: [], refused: [] }, null).fromCustomer, false);
});
