/**
 * Issue #14 end to end, both halves together: a user created through POST /api/users with an e-mail
 * address and a position at a real-estate company, after a major complaint is taken in at one of its
 * units, receives the bulletin by e-mail at a real SMTP server (smtp-server), delivered by the outbox
 * worker's pass, and reads it in GET /api/inbox. A holder who turned e-mail off (users.notify_email,
 * kept current in the configuration copy by migration 0025's trigger) still reads it in the inbox but
 * gets no e-mail. On PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildUnit, buildUser, type Unit, type User } from '../helpers/factories.ts';
import { startSmtp } from './receivers.ts';
import { deliverDue } from '../../src/use-cases/deliver-outbox.ts';
import { getPack } from '../../src/policies/index.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let company: { id: string; groupId: string };
let unit: Unit;
let admin: User;
const FROM = 'Plaint <plaint@plaint.test>';

before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' }); // Tuesday 10:00 in Shanghai
  smtp = await startSmtp();
  company = await buildCompany(t);
  unit = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  admin = await buildUser(t, { role: 'admin', orgNodeId: company.id });
});
after(async () => {
  await smtp.close();
  await t.close();
});

/** The position the real-estate pack's major-complaint bulletin addresses at the company. */
function bulletinPosition(): string {
  const rule = getPack('real-estate').notifications.find((r) => r.ruleId === 'R-NT-1/major-bulletin');
  assert.ok(rule, 'the real-estate pack has a major-complaint bulletin');
  assert.ok(rule.recipientRoles.includes('company'));
  return 'company';
}

async function createHolder(email: string, name: string): Promise<{ id: string; email: string }> {
  const res = await t.api(
    'POST',
    '/api/users',
    {
      email,
      name,
      role: 'manager',
      orgNodeId: company.id,
      password: TEST_PASSWORD,
      positions: [{ positionId: bulletinPosition(), orgNodeId: company.id }],
    },
    { as: admin },
  );
  assert.equal(res.statusCode, 201, res.body);
  return { id: res.json().id, email };
}

let phone = 0;
async function majorComplaint(): Promise<{ id: string; code: string }> {
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId: unit.id,
      channel: 'phone',
      customer: { name: '业主', phone: `1397654${String(++phone).padStart(4, '0')}` },
      title: `小区外墙脱落被媒体报道 ${phone}`,
      content: '外墙瓷砖脱落砸坏车辆，已被电视台报道。',
      flags: { media: true },
    },
    { as: admin },
  );
  assert.equal(res.statusCode, 201, res.body);
  const c = res.json();
  assert.equal(c.level, 'major');
  return { id: c.id, code: c.code };
}

const deliver = () => deliverDue(t.deps, { smtp: { url: smtp.url, from: FROM } });

async function inboxBulletin(as: { email: string }, complaintId: string) {
  const res = await t.api('GET', '/api/inbox', undefined, { as });
  assert.equal(res.statusCode, 200, res.body);
  const items = res.json().items as { id: string; complaintId: string; kind: string; positionId: string; unaddressed: boolean }[];
  return items.find((n) => n.complaintId === complaintId && n.kind === 'bulletin');
}

test('issue #14: a position holder created through POST /api/users gets the major bulletin by e-mail (real SMTP) and in GET /api/inbox', async () => {
  const holder = await createHolder('zhou.ming@re.test', '公司负责人 周明');
  const c = await majorComplaint();

  const bulletin = await inboxBulletin(holder, c.id);
  assert.ok(bulletin, 'the bulletin is in the holder’s inbox');
  assert.equal(bulletin.positionId, 'company');
  assert.equal(bulletin.unaddressed, false);

  // The outbox row was written with the notification, naming it and the holder's address.
  const rows = await t.deps.db.selectFrom('outbox').selectAll().where('complaint_id', '=', c.id).where('transport', '=', 'email').execute();
  const mine = rows.filter((r) => r.recipient === holder.email);
  assert.ok(
    mine.some((r) => r.notification_id === bulletin.id),
    JSON.stringify(rows.map((r) => [r.recipient, r.notification_id])),
  );

  const pass = await deliver();
  assert.ok(pass.sent >= 1, JSON.stringify(pass));
  const mails = smtp.mails.filter((m) => m.to.includes(holder.email) && m.subject.includes(c.code));
  assert.ok(
    mails.length >= 1,
    `an e-mail reached the SMTP server for ${holder.email}: ${JSON.stringify(smtp.mails.map((m) => [m.to, m.subject]))}`,
  );
  const bulletinRow = mine.find((r) => r.notification_id === bulletin.id)!;
  const mail = smtp.mails.find((m) => m.delivery === bulletinRow.id);
  assert.ok(mail, 'the bulletin e-mail arrived');
  assert.equal(mail.messageId, `<${bulletinRow.id}@plaint>`);
  assert.ok(mail.text.includes(`投诉编号:${c.code}`), mail.text);
  const stored = await t.deps.db
    .selectFrom('outbox')
    .select(['state', 'attempts'])
    .where('id', '=', bulletinRow.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual([stored.state, stored.attempts], ['sent', 1]);
});

test('issue #14: a holder who turned e-mail off still reads the bulletin in the inbox but gets no e-mail (the configuration copy follows users.notify_email)', async () => {
  const quiet = await createHolder('li.na@re.test', '公司负责人 李娜');
  // A first complaint loads the configuration copy with the holder wanting e-mail...
  const first = await majorComplaint();
  assert.ok(await inboxBulletin(quiet, first.id));
  const firstRows = await t.deps.db.selectFrom('outbox').select('recipient').where('complaint_id', '=', first.id).execute();
  assert.ok(firstRows.some((r) => r.recipient === quiet.email));
  // ...then the holder opts out; the next complaint's write sees it.
  const off = await t.api('PATCH', '/api/me/preferences', { notifyEmail: false }, { as: quiet });
  assert.equal(off.statusCode, 200, off.body);
  const second = await majorComplaint();
  assert.ok(await inboxBulletin(quiet, second.id), 'still in the inbox');
  const secondRows = await t.deps.db.selectFrom('outbox').select('recipient').where('complaint_id', '=', second.id).execute();
  assert.ok(!secondRows.some((r) => r.recipient === quiet.email), JSON.stringify(secondRows));
  assert.ok(
    secondRows.some((r) => r.recipient === 'zhou.ming@re.test'),
    'the other holder still gets e-mail',
  );
  await deliver();
  assert.ok(!smtp.mails.some((m) => m.to.includes(quiet.email) && m.subject.includes(second.code)));
});
