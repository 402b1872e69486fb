/**
 * Issue #14 item 6, e-mail intake, against a real IMAP server (a private dovecot, test/mail/dovecot.ts):
 * messages put in with IMAP APPEND become complaints (or customer messages on the complaint their subject
 * names), each taken once by its Message-ID whatever the cursor, the \Seen flags or a restart say; GBK and
 * Big5 mail decodes; HTML-only mail gives text; malformed, oversized and automatic messages are recorded
 * as rejected with their reason and never stop the rest of the mailbox; attachments pass the uploads'
 * content checks or are named as refused. On PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { startDovecot, skipWithoutDovecot, type Dovecot } from './dovecot.ts';
import { EXE, PDF, PNG, rawMail, type MailSpec } from './messages.ts';
import { pollMailboxes, type MailIntakeOptions } from '../../src/use-cases/mail-intake/poll-mailboxes.ts';
import { ensureDefaultMailbox } from '../../src/use-cases/mail-intake/mailboxes.ts';
import { deliverDue } from '../../src/use-cases/deliver-outbox.ts';
import { startSmtp } from '../delivery/receivers.ts';

const skip = skipWithoutDovecot();
let t: TestApp;
let imap: Dovecot;
const UNIT = 'u-re-garden';

before(async () => {
  if (skip) return;
  // In CI a missing dovecot fails here (skipWithoutDovecot never skips there).
  imap = await startDovecot();
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
});
after(async () => {
  await imap?.close();
  await t?.close();
});

interface IntakeRow {
  messageId: string;
  outcome: 'created' | 'joined' | 'rejected';
  complaintId: string | null;
  complaintCode: string | null;
  reason: string | null;
  from: string | null;
  subject: string | null;
  attachments: { filename: string; size: number; stored: boolean; reason: string | null }[];
}

const poll = (opts: Partial<MailIntakeOptions> = {}) => pollMailboxes(t.deps, { attachmentsDir: t.attachmentsDir, ...opts });

/** A mailbox on its own folder, added through the API as an administrator would. */
async function mailbox(folder: string): Promise<string> {
  await imap.createFolder(folder);
  const res = await t.api('POST', '/api/mailboxes', { unitId: UNIT, url: imap.url(folder) }, { role: 'admin' });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
}

/** Appends a message; `messageId: null` sends one without a Message-ID (then `messageId` is null here too). */
async function send(folder: string, spec: MailSpec): Promise<{ uid: number; messageId: string }> {
  const messageId = spec.messageId === null ? null : (spec.messageId ?? `<${folder}-${Math.random().toString(36).slice(2)}@example.com>`);
  const uid = await imap.append(folder, rawMail({ ...spec, messageId }));
  return { uid, messageId: messageId as string };
}

async function intake(mailboxId: string, outcome?: string): Promise<IntakeRow[]> {
  const res = await t.api('GET', `/api/mail-intake?mailboxId=${mailboxId}${outcome ? `&outcome=${outcome}` : ''}`, undefined, {
    role: 'admin',
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

const byMessage = (rows: IntakeRow[], messageId: string) => {
  const row = rows.find((r) => r.messageId === messageId);
  assert.ok(row, `${messageId} is recorded: ${JSON.stringify(rows)}`);
  return row;
};

async function complaint(id: string) {
  const res = await t.api('GET', `/api/complaints/${id}`, undefined, { role: 'admin' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function events(id: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const res = await t.api('GET', `/api/complaints/${id}/events`, undefined, { role: 'admin' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function emailComplaints(): Promise<number> {
  const rows = await t.deps.db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel', '=', 'email')
    .executeTakeFirstOrThrow();
  return Number(rows.n);
}

test('issue #14 item 6: a message appended to the mailbox becomes a complaint (channel email, customer from the sender, title, text), visible through the API', {
  skip,
}, async () => {
  const box = await mailbox('new-message');
  const m = await send('new-message', {
    from: 'wang.fang@example.com',
    fromName: '王芳',
    subject: '  地下车库渗水  ',
    text: '您好：\n城市花园3栋地下车库连续三天渗水，请尽快处理。',
  });
  const [p] = (await poll()).filter((x) => x.mailboxId === box);
  assert.equal(p.error, null);
  const row = byMessage(await intake(box), m.messageId);
  assert.equal(row.outcome, 'created');
  assert.equal(row.from, 'wang.fang@example.com');
  const c = await complaint(row.complaintId!);
  assert.equal(c.code, row.complaintCode);
  assert.equal(c.channel, 'email');
  assert.equal(c.unitId, UNIT);
  assert.equal(c.title, '地下车库渗水');
  assert.equal(c.content, '您好：\n城市花园3栋地下车库连续三天渗水，请尽快处理。');
  assert.equal(c.customer.name, '王芳');
  assert.equal(c.customer.email, 'wang.fang@example.com');
  // The Date header (09:30 +08:00), not the time of the poll.
  assert.equal(new Date(c.receivedAt).toISOString(), '2026-11-24T01:30:00.000Z');
  const received = (await events(c.id)).find((e) => e.type === 'received');
  assert.equal(received?.data.channel, 'email');
  assert.ok((await imap.flags('new-message', m.uid)).includes('\\Seen'), 'the message is marked \\Seen on the server');
});

test('issue #14 item 6: a reply with the code in its subject joins that complaint as a customer_message, and makes no new complaint', {
  skip,
}, async () => {
  const box = await mailbox('reply');
  const first = await send('reply', { from: 'li.na@example.com', fromName: '李娜', subject: '电梯故障', text: '2号电梯困人。' });
  await poll();
  const created = byMessage(await intake(box), first.messageId);
  const code = created.complaintCode!;
  const before = await emailComplaints();

  const reply = await send('reply', {
    from: 'Li.Na@Example.com',
    subject: `Re: [${code}] 电梯故障`,
    text: '补充：今天又困人了，附照片。',
    attachments: [{ filename: '现场.png', type: 'image/png', content: PNG }],
  });
  // The code without brackets, in lower case, from someone else: joins too, marked as not from the customer.
  const other = await send('reply', { from: 'neighbour@example.com', subject: `关于 ${code.toLowerCase()} 的情况`, text: '我也看到了。' });
  await poll();
  const rows = await intake(box);
  for (const [m, fromCustomer] of [
    [reply, true],
    [other, false],
  ] as const) {
    const row = byMessage(rows, m.messageId);
    assert.equal(row.outcome, 'joined');
    assert.equal(row.complaintId, created.complaintId);
    const event = (await events(created.complaintId!)).find((e) => e.type === 'customer_message' && e.data.messageId === m.messageId);
    assert.ok(event, 'a customer_message event on the complaint');
    assert.equal(event.data.via, 'email');
    assert.equal(event.data.fromCustomer, fromCustomer);
  }
  const replyEvent = (await events(created.complaintId!)).find(
    (e) => e.type === 'customer_message' && e.data.messageId === reply.messageId,
  )!;
  assert.equal(replyEvent.data.sender, 'li.na@example.com');
  assert.equal(replyEvent.data.subject, `Re: [${code}] 电梯故障`);
  assert.equal(replyEvent.data.text, '补充：今天又困人了，附照片。');
  assert.deepEqual(replyEvent.data.attachments, ['现场.png']);
  const files = (await t.api('GET', `/api/complaints/${created.complaintId}/attachments`, undefined, { role: 'admin' })).json() as {
    filename: string;
    mime: string;
  }[];
  assert.deepEqual(
    files.map((f) => [f.filename, f.mime]),
    [['现场.png', 'image/png']],
  );
  assert.equal(await emailComplaints(), before, 'no new complaint');

  // Another company's code is only text to this unit's mailbox: a new complaint, never a message on theirs.
  const elsewhere = await t.api(
    'POST',
    '/api/complaints',
    { unitId: 'u-fuel-s1', channel: 'phone', customer: { name: '赵六', phone: '13900001111' }, title: '油品', content: '加油后车辆抖动。' },
    { role: 'admin' },
  );
  assert.equal(elsewhere.statusCode, 201, elsewhere.body);
  const stray = await send('reply', { subject: `Re: [${elsewhere.json().code}] 油品`, text: '还没有处理。' });
  await poll();
  const strayRow = byMessage(await intake(box), stray.messageId);
  assert.equal(strayRow.outcome, 'created');
  assert.notEqual(strayRow.complaintId, elsewhere.json().id);
  assert.ok(!(await events(elsewhere.json().id)).some((e) => e.type === 'customer_message'));
});

test("issue #14 items 5 and 6: a complaint mailed in gets its receipt by e-mail, and the customer's reply to that receipt (its subject kept) joins the complaint", {
  skip,
}, async () => {
  const smtp = await startSmtp();
  try {
    const box = await mailbox('round-trip');
    await send('round-trip', {
      from: 'zhou.ning@example.com',
      fromName: '周宁',
      subject: '门禁卡失效',
      text: '新办的门禁卡刷不开单元门。',
    });
    await poll();
    const [created] = await intake(box, 'created');
    await deliverDue(t.deps, { smtp: { url: smtp.url, from: 'Plaint <plaint@plaint.test>' } });
    const receipt = smtp.mails.find((m) => m.to.includes('zhou.ning@example.com'));
    assert.ok(receipt, 'the sender got a receipt');
    assert.equal(receipt.subject, `[${created.complaintCode}] 您的投诉已受理：门禁卡失效`);

    // The customer answers the receipt as a mail client does: "Re: " and the subject kept.
    const reply = await send('round-trip', {
      from: 'zhou.ning@example.com',
      fromName: '周宁',
      subject: `Re: ${receipt.subject}`,
      text: '补充：3栋2单元的门禁也坏了。',
    });
    await poll();
    const joined = byMessage(await intake(box), reply.messageId);
    assert.equal(joined.outcome, 'joined');
    assert.equal(joined.complaintId, created.complaintId);
    const message = (await events(created.complaintId!)).find((e) => e.type === 'customer_message');
    assert.equal(message?.data.text, '补充：3栋2单元的门禁也坏了。');
    assert.equal((await intake(box, 'created')).length, 1, 'no second complaint');
  } finally {
    await smtp.close();
  }
});

test('issue #14 item 6: polling again, with the cursor lost, \\Seen removed, a new process and even the record gone, takes no message twice', {
  skip,
}, async () => {
  const box = await mailbox('once');
  const a = await send('once', { subject: '噪音扰民', text: '夜间施工噪音。' });
  const b = await send('once', { subject: '停车收费', text: '收费标准不透明。', messageId: null });
  await poll();
  const code = byMessage(await intake(box), a.messageId).complaintCode;
  const reply = await send('once', { subject: `Re: [${code}] 噪音扰民`, text: '昨晚又施工到两点。' });
  await poll();
  const count = await emailComplaints();
  const rows = await intake(box);
  assert.equal(rows.length, 3);
  const aId = byMessage(rows, a.messageId).complaintId!;
  const messages = async () =>
    (await events(aId)).filter((e) => e.type === 'customer_message' && e.data.messageId === reply.messageId).length;
  assert.equal(await messages(), 1);
  assert.ok(byMessage(rows, a.messageId));
  assert.equal(b.messageId, null);
  const hashed = rows.find((r) => r.messageId !== a.messageId && r.messageId !== reply.messageId)!;
  assert.match(hashed.messageId, /^<sha256-[0-9a-f]{64}@plaint\.invalid>$/, 'a message without a Message-ID gets one from its bytes');

  assert.equal((await poll()).find((p) => p.mailboxId === box)?.taken.length, 0, 'the next poll finds nothing new');
  // A restart that forgot where it was: cursor reset, every message unread again, a new Deps (another process on the database).
  await t.deps.db.updateTable('mailboxes').set({ uid_validity: null, last_uid: 0 }).where('id', '=', box).execute();
  await imap.markAllUnseen('once');
  t.clock.advance(1000);
  const restarted = await pollMailboxes({ ...t.deps, now: () => t.clock.now }, { attachmentsDir: t.attachmentsDir });
  const again = restarted.find((p) => p.mailboxId === box)!;
  assert.deepEqual(
    again.taken.map((x) => x.outcome),
    ['already-taken', 'already-taken', 'already-taken'],
  );
  assert.equal(await emailComplaints(), count);
  assert.equal(await messages(), 1, 'the reply joined once');
  assert.equal((await intake(box)).length, 3);
  // Belt and braces: the Message-ID is the intake's idempotency key too, so without its record a new message
  // still makes no second complaint. (A reply has no such key: its record, written with its event, is what holds.)
  await t.deps.db.deleteFrom('mail_intake').where('mailbox_id', '=', box).where('message_id', '!=', reply.messageId).execute();
  await t.deps.db.updateTable('mailboxes').set({ uid_validity: null, last_uid: 0 }).where('id', '=', box).execute();
  await poll();
  assert.equal(await emailComplaints(), count, 'no second complaint');
  const retaken = await intake(box);
  assert.equal(byMessage(retaken, a.messageId).complaintId, byMessage(rows, a.messageId).complaintId);
  assert.equal(byMessage(retaken, hashed.messageId).complaintId, hashed.complaintId);
});

test('issue #14 item 6: two pollers at once (two processes) never take a mailbox together: the second skips the leased mailbox', {
  skip,
}, async () => {
  const box = await mailbox('two-pollers');
  await send('two-pollers', { subject: '物业费', text: '多收物业费。' });
  await send('two-pollers', { subject: '绿化', text: '绿化带被占用。' });
  const before = await emailComplaints();
  const [one, two] = await Promise.all([poll(), poll()]);
  const polls = [...one, ...two].filter((p) => p.mailboxId === box);
  assert.equal(polls.length, 1, 'one poll of the mailbox');
  assert.equal(polls[0].taken.length, 2);
  assert.equal(await emailComplaints(), before + 2);
});

test('issue #14 item 6: GBK and Big5 mail decodes to the right Chinese text (subject, sender name, body)', { skip }, async () => {
  const box = await mailbox('charsets');
  const gbk = await send('charsets', {
    charset: 'GBK',
    fromName: '张伟',
    from: 'zhangwei@example.cn',
    subject: '物业服务投诉：楼道灯坏了',
    text: '三号楼二单元楼道灯坏了两周，老人晚上摔倒。',
  });
  const gb2312 = await send('charsets', { charset: 'GB2312', subject: '热水器故障', text: '热水器无法加热，请派人维修。' });
  const big5 = await send('charsets', {
    charset: 'Big5',
    fromName: '陳大文',
    from: 'chan@example.hk',
    subject: '服務態度惡劣',
    text: '櫃檯人員態度惡劣，要求道歉。',
  });
  await poll();
  const rows = await intake(box);
  const expect = [
    [gbk, '物业服务投诉：楼道灯坏了', '三号楼二单元楼道灯坏了两周，老人晚上摔倒。', '张伟'],
    [gb2312, '热水器故障', '热水器无法加热，请派人维修。', 'customer@example.com'],
    [big5, '服務態度惡劣', '櫃檯人員態度惡劣，要求道歉。', '陳大文'],
  ] as const;
  for (const [m, title, content, name] of expect) {
    const row = byMessage(rows, m.messageId);
    assert.equal(row.outcome, 'created', JSON.stringify(row));
    assert.equal(row.subject, title);
    const c = await complaint(row.complaintId!);
    assert.equal(c.title, title);
    assert.equal(c.content, content);
    assert.equal(c.customer.name, name);
  }
});

test('issue #14 item 6: an HTML-only message gives text content (no tags, no script, entities decoded, lines kept)', { skip }, async () => {
  const box = await mailbox('html');
  const m = await send('html', {
    subject: '',
    html: '<html><head><style>p{color:red}</style></head><body><p>您好，</p><p>小区门禁&amp;监控<b>全部</b>失灵&nbsp;已一周。<br>请处理。</p><script>alert(1)</script></body></html>',
  });
  await poll();
  const row = byMessage(await intake(box), m.messageId);
  const c = await complaint(row.complaintId!);
  assert.equal(c.content, '您好，\n\n小区门禁&监控全部失灵 已一周。\n请处理。');
  assert.equal(c.title, '（无主题邮件）', 'an empty subject gets a title');
});

test('issue #14 item 6: a malformed message, an oversized one and an automatic reply are rejected with their reason; the good messages after them are still taken', {
  skip,
}, async () => {
  const box = await mailbox('rejects');
  const malformed = '<malformed-1@example.com>';
  await imap.append('rejects', `Message-ID: ${malformed}\r\nSubject: no sender\r\n\r\n\x00\x01\x02 not an e-mail at all`);
  const big = await send('rejects', { subject: '大邮件', text: '大'.repeat(40_000) });
  const auto = await send('rejects', { subject: '自动回复：我正在休假', text: '休假中。', headers: { 'Auto-Submitted': 'auto-replied' } });
  const good = await send('rejects', { subject: '漏水', text: '厨房漏水。' });
  // A small limit stands in for 25 MB: the message is rejected from its size, without being downloaded.
  const [p] = (await poll({ maxMessageBytes: 64 * 1024 })).filter((x) => x.mailboxId === box);
  assert.equal(p.error, null);
  const rejected = await intake(box, 'rejected');
  assert.match(byMessage(rejected, malformed).reason ?? '', /no sender address/);
  assert.match(byMessage(rejected, big.messageId).reason ?? '', /over the 0\.1 MB limit: not downloaded/);
  assert.equal(byMessage(rejected, big.messageId).subject, '大邮件', 'its header still names it');
  assert.match(byMessage(rejected, auto.messageId).reason ?? '', /automatic message \(Auto-Submitted: auto-replied\)/);
  assert.equal(byMessage(await intake(box), good.messageId).outcome, 'created', 'the message after them is taken');
  assert.equal(rejected.length, 3);
});

test('issue #14 item 6: a PDF and a PNG are stored with the complaint; an .exe is refused and named; a >10 MB attachment is refused as an attachment', {
  skip,
}, async () => {
  const box = await mailbox('attachments');
  const m = await send('attachments', {
    subject: '质量问题',
    text: '见附件。',
    attachments: [
      { filename: '检测报告.pdf', type: 'application/pdf', content: PDF },
      { filename: 'photo.png', type: 'image/png', content: PNG },
      { filename: 'invoice.pdf.exe', type: 'application/octet-stream', content: EXE },
    ],
  });
  const huge = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 + 1024, 7)]);
  const large = await send('attachments', {
    subject: '大附件',
    text: '视频截图。',
    attachments: [{ filename: 'big.png', type: 'image/png', content: huge }],
  });
  await poll();
  const rows = await intake(box);
  const row = byMessage(rows, m.messageId);
  assert.equal(row.outcome, 'created');
  assert.match(row.reason ?? '', /invoice\.pdf\.exe \(not an accepted type/);
  assert.deepEqual(
    row.attachments.map((a) => [a.filename, a.stored]),
    [
      ['检测报告.pdf', true],
      ['photo.png', true],
      ['invoice.pdf.exe', false],
    ],
  );
  const files = (await t.api('GET', `/api/complaints/${row.complaintId}/attachments`, undefined, { role: 'admin' })).json() as {
    filename: string;
    mime: string;
  }[];
  assert.deepEqual(files.map((f) => [f.filename, f.mime]).sort(), [
    ['photo.png', 'image/png'],
    ['检测报告.pdf', 'application/pdf'],
  ]);
  const types = (await events(row.complaintId!)).map((e) => e.type);
  assert.equal(types.filter((x) => x === 'attachment_added').length, 2);

  const largeRow = byMessage(rows, large.messageId);
  assert.equal(largeRow.outcome, 'created', 'the complaint is taken; only the attachment is refused');
  assert.match(largeRow.reason ?? '', /big\.png \(10\.0 MB, over the 10\.0 MB limit for attachments\)/);
  assert.equal(largeRow.attachments[0].stored, false);
});

test('issue #14 item 6: a mailbox that cannot be reached or logged into keeps the error on the mailbox; nothing crashes; its password is never returned', {
  skip,
}, async () => {
  const res = await t.api(
    'POST',
    '/api/mailboxes',
    { unitId: UNIT, url: `imap://${imap.user}:wrong-password-7@127.0.0.1:${imap.port}/INBOX` },
    { role: 'admin' },
  );
  assert.equal(res.statusCode, 201, res.body);
  assert.ok(!res.body.includes('wrong-password-7'));
  const box = res.json().id as string;
  const down = await t.api('POST', '/api/mailboxes', { unitId: UNIT, url: 'imap://u:closed-port-pw@127.0.0.1:9/INBOX' }, { role: 'admin' });
  const polls = await poll();
  assert.ok(polls.find((p) => p.mailboxId === box)?.error, 'a login failure is the poll’s error');
  assert.ok(polls.find((p) => p.mailboxId === down.json().id)?.error, 'a refused connection is the poll’s error');
  const list = await t.api('GET', '/api/mailboxes', undefined, { role: 'admin' });
  assert.equal(list.statusCode, 200);
  assert.ok(!list.body.includes('wrong-password-7') && !list.body.includes('closed-port-pw') && !list.body.includes(imap.password));
  const shown = (list.json() as { id: string; lastError: string | null; urlHint: string }[]).find((m) => m.id === box)!;
  assert.ok(shown.lastError, 'the error is on the mailbox');
  assert.match(shown.urlHint, /^imap:\/\/intake:\*\*\*@127\.0\.0\.1/);
  // Disabled mailboxes are not polled.
  for (const id of [box, down.json().id])
    assert.equal((await t.api('PATCH', `/api/mailboxes/${id}`, { enabled: false }, { role: 'admin' })).statusCode, 200);
  t.clock.advance(1000);
  assert.ok(!(await poll()).some((p) => p.mailboxId === box));
});

test('issue #14 item 6: the mailbox API refuses a bad URL naming the field, an unknown unit or mailbox with 404, and is an administrator’s', {
  skip,
}, async () => {
  const bad = await t.api('POST', '/api/mailboxes', { unitId: UNIT, url: 'http://example.com/' }, { role: 'admin' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.field, 'url');
  assert.equal((await t.api('POST', '/api/mailboxes', { unitId: 'u-nope', url: imap.url() }, { role: 'admin' })).statusCode, 404);
  assert.equal(
    (await t.api('PATCH', '/api/mailboxes/00000000-0000-0000-0000-000000000000', { enabled: true }, { role: 'admin' })).statusCode,
    404,
  );
  assert.equal((await t.api('GET', '/api/mailboxes', undefined, { role: 'agent' })).statusCode, 403);
  assert.equal((await t.api('GET', '/api/mail-intake', undefined, { role: 'manager' })).statusCode, 403);
});

test('issue #14 item 6: PLAINT_IMAP_URL / PLAINT_IMAP_UNIT configure one default mailbox, upserted at every start', { skip }, async () => {
  await imap.createFolder('default');
  const first = await ensureDefaultMailbox(t.deps, imap.url('default'), UNIT);
  const second = await ensureDefaultMailbox(t.deps, imap.url('default'), UNIT);
  assert.equal(second.id, first.id);
  assert.equal(first.folder, 'default');
  assert.equal(first.source, 'env');
  const m = await send('default', { subject: '默认邮箱', text: '测试默认邮箱。' });
  await poll();
  assert.equal(byMessage(await intake(first.id), m.messageId).outcome, 'created');
  // Another server or folder starts the cursor again; the row stays one.
  const moved = await ensureDefaultMailbox(t.deps, imap.url('INBOX'), 'u-prop-jx');
  assert.equal(moved.id, first.id);
  const row = await t.deps.db.selectFrom('mailboxes').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
  assert.deepEqual([row.unit_id, row.folder, Number(row.last_uid)], ['u-prop-jx', 'INBOX', 0]);
  assert.equal((await t.deps.db.selectFrom('mailboxes').select('id').where('source', '=', 'env').execute()).length, 1);
});
