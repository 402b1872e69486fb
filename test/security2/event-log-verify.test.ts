/**
 * Tamper evidence (R-LC-1): an event row edited directly in the database is reported by the admin
 * API and, on PostgreSQL, by `npm run verify-log` run as a separate process.
 * The test owns its organisation and users (test/helpers/factories.ts): a real-estate project with two
 * departments under a company and group of its own, and one user of each role placed where its scope is.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createSecApp, type SecApp } from './helpers.ts';
import { placeComplaint, type Placed } from '../security/security-fixtures.ts';
import { runVerifyLog } from './event-log-tamper.ts';
import { buildCompany, buildDepartments, buildUnit, buildUsers, type Node, type User } from '../helpers/factories.ts';

const ROLES = ['agent', 'manager', 'qa', 'auditor', 'handler', 'specialist', 'admin'] as const;

let t: SecApp;
let users: Record<(typeof ROLES)[number], User>;
let sales: Node;
let a: Placed;
let b: Placed;
before(async () => {
  t = await createSecApp();
  const company = await buildCompany(t);
  const garden = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  const [eng, salesDept] = await buildDepartments(t, garden, ['工程管理部', '营销部']);
  sales = salesDept;
  users = await buildUsers(t, {
    agent: company.groupId,
    manager: company.id,
    qa: company.id,
    auditor: company.groupId,
    handler: eng.id,
    specialist: garden.id,
    // Sees the whole installation (no node: NODELESS_SCOPE), so the check covers the checkpoint too.
    admin: null,
  });
  a = await placeComplaint(t, garden.id, eng.id, { as: users.admin });
  b = await placeComplaint(t, garden.id, null, { as: users.admin });
  const note = await t.api('POST', `/api/complaints/${b.id}/actions`, { type: 'note', text: '第二个事件' }, { as: users.admin });
  assert.equal(note.statusCode, 200, note.body);
});
after(async () => t.close());

test('only holders of eventlog.verify (admin) may run the check', async () => {
  for (const role of ['agent', 'manager', 'qa', 'auditor', 'handler', 'specialist'] as const) {
    assert.equal((await t.api('GET', '/api/admin/event-log/verify', undefined, { as: users[role] })).statusCode, 403, role);
  }
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/event-log/verify' })).statusCode, 401);
  assert.equal((await t.api('GET', '/api/admin/event-log/verify?complaintId=nope', undefined, { as: users.admin })).statusCode, 400);
});

test('an edited event row is reported with its complaint and seq by the API (and by npm run verify-log on PostgreSQL)', async () => {
  const clean = await t.api('GET', '/api/admin/event-log/verify', undefined, { as: users.admin });
  assert.equal(clean.statusCode, 200, clean.body);
  assert.equal(clean.json().intact, true);
  assert.equal(clean.json().complaints, 2);
  assert.ok(clean.json().events >= 4);

  const before = await runVerifyLog(t.database);
  assert.equal(before.code, 0, before.stdout);
  assert.match(before.stdout, /every chain is intact/);

  // Someone with database access rewrites what a handler wrote.
  const events = (await t.api('GET', `/api/complaints/${a.id}/events`, undefined, { as: users.admin })).json() as {
    seq: number;
    type: string;
  }[];
  const target = events.find((e) => e.type === 'dispatched') ?? events[1];
  await sql`UPDATE complaint_events SET data = ${JSON.stringify({ leadDepartmentId: sales.id, forged: true })}::jsonb WHERE complaint_id = ${a.id} AND seq = ${target.seq}`.execute(
    t.database.db,
  );

  const res = await t.api('GET', '/api/admin/event-log/verify', undefined, { as: users.admin });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().intact, false);
  assert.equal(res.json().broken.length, 1, 'only the tampered complaint is reported');
  const broken = res.json().broken[0];
  assert.equal(broken.complaintId, a.id);
  assert.equal(broken.seq, target.seq, 'the first broken link is the edited event');
  assert.match(broken.reason, /edited/);
  assert.match(broken.code, /^TS-/);
  const one = await t.api('GET', `/api/admin/event-log/verify?complaintId=${b.id}`, undefined, { as: users.admin });
  assert.equal(one.json().intact, true, 'the other complaint is intact');

  const after = await runVerifyLog(t.database);
  assert.equal(after.code, 1, after.stdout);
  assert.match(after.stdout, new RegExp(`BROKEN ${broken.code} \\(${a.id}\\) at event ${target.seq}: .*edited`));

  // Deleting a row is found too (the first one: every later link breaks).
  await sql`DELETE FROM complaint_events WHERE complaint_id = ${b.id} AND seq = 1`.execute(t.database.db);
  const again = (await t.api('GET', '/api/admin/event-log/verify', undefined, { as: users.admin })).json();
  assert.deepEqual(again.broken.map((x: { complaintId: string }) => x.complaintId).sort(), [a.id, b.id].sort());
});
