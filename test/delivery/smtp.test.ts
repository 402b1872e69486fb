/**
 * Issue #14 items 3 and 4, e-mail: messages reach a real SMTP server (smtp-server) carrying their stable
 * id as Message-ID, the result of each attempt is recorded, a refusal is retried with backoff and ends
 * `failed` with its reason, which the admin's outbox page lists and can retry. On PGlite, and on
 * PostgreSQL with DATABASE_URL. The test owns its organisation (test/helpers/factories.ts): a group
 * with a real-estate company and project, an administrator and a service-centre agent at the group.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { startSmtp } from './receivers.ts';
import { deliverDue } from '../../src/use-cases/deliver-outbox.ts';
import { insertOutbox } from '../../src/data/outbox-store.ts';
import { planOutbox } from '../../src/domain/delivery/plan-outbox.ts';
import { MAX_ATTEMPTS } from '../../src/domain/delivery/backoff.ts';
import type { AddressedNotification } from '../../src/domain/notifications/addressing.ts';
import { buildCompany, buildGroup, buildUnit, buildUser, type Node, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const FROM = 'Plaint <plaint@plaint.test>';
let company: Node;
let unit: Unit;
let admin: User, agent: User;

before(async () => {
  t = await createTestApp();
  smtp = await startSmtp({ refuse: (a) => a.startsWith('bounce') });
  const group = await buildGroup(t);
  company = await buildCompany(t, { groupId: group.id });
  unit = await buildUnit(t, { pack: 'real-estate', companyId: company.id, name: '翠湖花园项目' });
  admin = await buildUser(t, { role: 'admin', orgNodeId: group.id });
  agent = await buildUser(t, { role: 'agent', orgNodeId: group.id });
});
after(async () => {
  await smtp.close();
  await t.close();
});

const deliver = () => deliverDue(t.deps, { smtp: { url: smtp.url, from: FROM } });
const outboxRow = (id: string) => t.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function majorComplaint(): Promise<{ id: string; code: string }> {
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId: unit.id,
      channel: 'phone',
      customer: { name: '王芳', phone: '13800001234' },
      title: '小区业主集体投诉渗水',
      content: '十余户业主集体反映地下车库渗水。',
      complainantCount: 12,
    },
    { as: admin },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** The complaint's bulletin as the write stored it, addressed to `emails` directly: this file tests the sender and its retries; test/delivery/position-email.test.ts tests positions → people → e-mail. */
async function emailsFor(complaint: { id: string; code: string }, emails: string[]): Promise<string[]> {
  const list = (await t.api('GET', `/api/complaints/${complaint.id}/notifications`, undefined, { as: admin })).json() as {
    id: string;
    kind: string;
    subject: string;
    dueAt: string;
  }[];
  const bulletin = list.find((n) => n.kind === 'bulletin');
  assert.ok(bulletin, 'a major complaint has its bulletin notification');
  const n: AddressedNotification = {
    id: bulletin.id,
    kind: bulletin.kind,
    subject: bulletin.subject,
    dueAt: bulletin.dueAt,
    ruleId: 'R-NT-1/major-bulletin',
    recipientRole: 'company_management',
    positionId: 'company_management',
    recipients: emails.map((email) => ({ userId: email, name: email, email, wantsEmail: true, unaddressed: false })),
  };
  const rows = planOutbox(
    [n],
    { id: complaint.id, code: complaint.code, level: 'major', levelLabel: '重大投诉', unitName: unit.name },
    [],
    'https://plaint.test',
    t.clock.now,
  );
  return insertOutbox(t.deps.db, rows);
}

test("issue #14 / R-NT-1: a major complaint's bulletin e-mail arrives at the SMTP server with Message-ID <outbox id@plaint>; the attempt is recorded", async () => {
  const c = await majorComplaint();
  const [id] = await emailsFor(c, ['manager@plaint.test']);
  const pass = await deliver();
  // The write's own e-mails, to the people its positions resolved to (the file's administrator,
  // unaddressed), go in the same pass.
  assert.ok(pass.sent >= 1, JSON.stringify(pass));
  assert.equal(pass.failed, 0);
  const mail = smtp.mails.find((m) => m.delivery === id);
  assert.ok(mail, 'the e-mail reached the SMTP server');
  assert.equal(mail.messageId, `<${id}@plaint>`);
  assert.deepEqual(mail.to, ['manager@plaint.test']);
  assert.match(mail.subject, new RegExp(c.code));
  for (const part of [`投诉编号:${c.code}`, '级别:重大投诉', `单位:${unit.name}`, '时限:', `链接:https://plaint.test/complaints/${c.id}`])
    assert.ok(mail.text.includes(part), `${part} in:\n${mail.text}`);
  const row = await outboxRow(id);
  assert.deepEqual([row.state, row.attempts, row.last_error], ['sent', 1, null]);
  assert.equal(new Date(row.delivered_at!).toISOString(), t.clock.now.toISOString());
  // The complaint page's section shows it delivered.
  const shown = (await t.api('GET', `/api/complaints/${c.id}/notifications`, undefined, { as: agent })).json() as {
    deliveries: { id: string; state: string }[];
  }[];
  assert.equal(shown.flatMap((n) => n.deliveries).find((d) => d.id === id)?.state, 'sent');
  // Nothing is sent twice: a second pass finds nothing due.
  assert.equal((await deliver()).claimed, 0);
  assert.equal(smtp.mails.filter((m) => m.delivery === id).length, 1);
});

test('issue #14: a refused recipient is recorded as last_error, retried with backoff, and failed after the last attempt; the admin lists and retries it', async () => {
  const c = await majorComplaint();
  const [id] = await emailsFor(c, ['bounce@plaint.test']);
  await deliver();
  let row = await outboxRow(id);
  assert.equal(row.state, 'pending');
  assert.equal(row.attempts, 1);
  assert.match(row.last_error ?? '', /550/);
  assert.equal(new Date(row.next_attempt_at).getTime(), t.clock.now.getTime() + 30_000, 'the first retry waits 30 s');
  // Not due before its time.
  t.clock.advance(29_000);
  assert.equal((await deliver()).claimed, 0);
  for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
    t.clock.advance(30 * 60_000);
    await deliver();
    row = await outboxRow(id);
    assert.equal(row.attempts, attempt);
  }
  assert.equal(row.state, 'failed');
  t.clock.advance(60 * 60_000);
  assert.equal((await deliver()).claimed, 0, 'a failed message is not tried again by itself');

  const failures = (await t.api('GET', '/api/outbox?state=failed', undefined, { as: admin })).json() as {
    id: string;
    lastError: string;
    attempts: number;
    complaintCode: string;
  }[];
  const listed = failures.find((f) => f.id === id);
  assert.ok(listed, 'the failure is listed for the administrator');
  assert.match(listed.lastError, /550/);
  assert.equal(listed.complaintCode, c.code);
  assert.equal((await t.api('GET', '/api/outbox', undefined, { as: agent })).statusCode, 403);
  const retried = await t.api('POST', `/api/outbox/${id}/retry`, undefined, { as: admin });
  assert.equal(retried.statusCode, 200, retried.body);
  assert.deepEqual([(await outboxRow(id)).state, (await outboxRow(id)).attempts], ['pending', 0]);
  assert.equal(
    (await t.api('POST', `/api/outbox/${id}/retry`, undefined, { as: admin })).statusCode,
    409,
    'only a failed message is retried',
  );
});

test('issue #14: a company e-mail channel (its own SMTP URL, password never returned) sends its test message to the admin', async () => {
  const created = await t.api(
    'POST',
    '/api/channels',
    { companyId: company.id, kind: 'email', name: '地产公司邮件', url: smtp.url.replace('smtp://', 'smtp://mailer:s3cret-pw@') },
    { as: admin },
  );
  assert.equal(created.statusCode, 201, created.body);
  assert.ok(!created.body.includes('s3cret-pw'), 'the SMTP password is not returned');
  const tested = await t.api('POST', `/api/channels/${created.json().id}/test`, undefined, { as: admin });
  assert.equal(tested.statusCode, 202, tested.body);
  const { outboxId } = tested.json() as { outboxId: string };
  // The installation default points nowhere: the channel's own URL is used.
  await deliverDue(t.deps, { smtp: { url: 'smtp://127.0.0.1:9', from: FROM } });
  const mail = smtp.mails.find((m) => m.delivery === outboxId);
  assert.ok(mail, `the test e-mail arrived: ${JSON.stringify(await outboxRow(outboxId))}`);
  assert.deepEqual(mail.to, [admin.email]);
  assert.match(mail.subject, /通知渠道测试/);
  await t.api('DELETE', `/api/channels/${created.json().id}`, undefined, { as: admin });
});

test('issue #14: a user may choose not to receive e-mail', async () => {
  assert.deepEqual((await t.api('GET', '/api/me/preferences', undefined, { as: agent })).json(), { notifyEmail: true });
  assert.deepEqual((await t.api('PATCH', '/api/me/preferences', { notifyEmail: false }, { as: agent })).json(), { notifyEmail: false });
  assert.deepEqual((await t.api('GET', '/api/me/preferences', undefined, { as: agent })).json(), { notifyEmail: false });
  const bad = await t.api('PATCH', '/api/me/preferences', { notifyEmail: 'no' }, { as: agent });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /notifyEmail/);
});
