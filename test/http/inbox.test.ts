/**
 * Issue #14, items 1 and 2 (R-NT-1): recipients are people, through positions, and each reads their own
 * inbox. A user created through the API with a position at a real-estate company, after a major
 * complaint is taken in at one of its units, sees the bulletin in GET /api/inbox; a position nobody
 * holds goes to the company's administrator, marked unaddressed, and the dashboard lists it.
 *
 * The organisation is the test's own (factories.ts): a group, a real-estate company, one unit, and an
 * administrator at the company. The demo administrator sits at another group and receives nothing here.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildUnit, buildUser, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let company: { id: string; groupId: string };
let unit: Unit;
let admin: User;
let holder: { id: string; email: string };

interface Item {
  id: string;
  complaintId: string;
  code: string;
  kind: string;
  ruleId: string;
  subject: string;
  subjectZh: string;
  readAt: string | null;
  unaddressed: boolean;
  positionId: string;
  positionNameZh: string;
}

before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' }); // Tuesday 10:00 in Shanghai
  company = await buildCompany(t);
  unit = await buildUnit(t, { pack: 'real-estate', companyId: company.id });
  admin = await buildUser(t, { role: 'admin', orgNodeId: company.id });
});
after(async () => t.close());

const inbox = async (as: { email: string }, query = '') => {
  const res = await t.api('GET', `/api/inbox${query}`, undefined, { as });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: Item[]; nextCursor: string | null };
};
const unread = async (as: { email: string }) => (await t.api('GET', '/api/inbox/unread-count', undefined, { as })).json().unread as number;

let phone = 0;
/** A major complaint (media exposure, R-SV-1) taken in through the API at the test's unit. */
async function majorComplaint(): Promise<{ id: string; code: string }> {
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId: unit.id,
      channel: 'phone',
      customer: { name: '业主', phone: `1391234${String(++phone).padStart(4, '0')}` },
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

test('issue #14: the real-estate pack declares its positions, named from the seeds (GET /api/policies/:id)', async () => {
  const pack = (await t.api('GET', '/api/policies/real-estate')).json();
  const names = Object.fromEntries(pack.positions.map((p: { id: string; nameZh: string }) => [p.id, p.nameZh]));
  assert.equal(names.company, '公司负责人');
  assert.equal(names.group_coordination_centre, '集团客户协调中心');
  assert.equal(names.cs_specialist, '客服专员');
});

test('issue #14: users hold positions — POST /api/users takes them, checked against the pack and the scope; GET /api/users/:id returns them', async () => {
  const wrongPack = await t.api(
    'POST',
    '/api/users',
    {
      email: 'zhan@re.test',
      name: '站长',
      role: 'manager',
      orgNodeId: company.id,
      password: 'a-long-password-7',
      positions: [{ positionId: 'station_manager', orgNodeId: unit.id }],
    },
    { as: admin },
  );
  assert.equal(wrongPack.statusCode, 400, wrongPack.body);
  assert.match(wrongPack.json().error.message, /positions\[0\]\.positionId/);
  const outside = await t.api(
    'POST',
    '/api/users',
    {
      email: 'zhan@re.test',
      name: '站长',
      role: 'manager',
      orgNodeId: company.id,
      password: 'a-long-password-7',
      positions: [{ positionId: 'company', orgNodeId: company.groupId }],
    },
    { as: admin },
  );
  assert.equal(outside.statusCode, 404, 'a node above the administrator is outside their scope');

  const res = await t.api(
    'POST',
    '/api/users',
    {
      email: 'fuzeren@re.test',
      name: '公司负责人 周明',
      role: 'manager',
      orgNodeId: company.id,
      password: TEST_PASSWORD,
      positions: [{ positionId: 'company', orgNodeId: company.id }],
    },
    { as: admin },
  );
  assert.equal(res.statusCode, 201, res.body);
  holder = { id: res.json().id, email: 'fuzeren@re.test' };
  const read = (await t.api('GET', `/api/users/${holder.id}`, undefined, { as: admin })).json();
  assert.deepEqual(read.positions, [{ positionId: 'company', orgNodeId: company.id }]);
});

test('issue #14 / R-NT-1: after a major complaint at a unit, the position holder at its company sees the bulletin in GET /api/inbox; unread count, mark read', async () => {
  assert.equal(await unread(holder), 0);
  const c = await majorComplaint();
  const { items } = await inbox(holder);
  const bulletin = items.find((n) => n.complaintId === c.id && n.kind === 'bulletin');
  assert.ok(bulletin, JSON.stringify(items));
  assert.equal(bulletin.code, c.code);
  assert.equal(bulletin.ruleId, 'R-NT-1/major-bulletin');
  assert.equal(bulletin.positionId, 'company');
  assert.equal(bulletin.positionNameZh, '公司负责人');
  assert.equal(bulletin.subject, `${c.code} Major complaint bulletin`);
  assert.equal(bulletin.subjectZh, `${c.code} 重大投诉即时通报`, "the rule's Chinese subject, for the console's zh-CN");
  assert.equal(bulletin.unaddressed, false);
  assert.equal(bulletin.readAt, null);
  // A major complaint also owes weekly progress (R-NT-1): the same position is told when the first is due.
  assert.deepEqual(items.map((n) => n.kind).sort(), ['bulletin', 'progress']);
  assert.ok(
    items.every((n) => n.positionId === 'company'),
    "only what the holder's position addresses",
  );
  assert.equal(await unread(holder), 2);

  // The kind filter.
  assert.deepEqual(
    (await inbox(holder, '?kind=bulletin')).items.map((n) => n.id),
    [bulletin.id],
  );

  // Mark read: the count falls, the entry goes after the unread ones.
  assert.equal((await t.api('POST', `/api/inbox/${bulletin.id}/read`, undefined, { as: holder })).statusCode, 204);
  assert.equal(await unread(holder), 1);
  const after = (await inbox(holder)).items;
  assert.equal(after.at(-1)!.id, bulletin.id, 'unread first');
  assert.ok(after.at(-1)!.readAt);

  // Another user's notification is not theirs to mark: 404, as for an unknown id.
  assert.equal((await t.api('POST', `/api/inbox/${bulletin.id}/read`, undefined, { as: admin })).statusCode, 404);
  assert.equal((await t.api('POST', '/api/inbox/read-all', undefined, { as: holder })).json().marked, 1);
  assert.equal(await unread(holder), 0);
});

test("issue #14: a position nobody holds is never a silent drop — the company's administrator gets it, unaddressed, and the dashboard lists it until it is held", async () => {
  const c = await majorComplaint();
  const mine = (await inbox(admin)).items.filter((n) => n.complaintId === c.id);
  assert.deepEqual(
    mine.map((n) => [n.kind, n.positionId, n.unaddressed]).sort(),
    [
      ['bulletin', 'group_coordination_centre', true],
      ['progress', 'group_coordination_centre', true],
    ],
    "the company holder's notifications are not the admin's; only the gap is",
  );
  assert.ok(!(await inbox(holder)).items.some((n) => n.positionId === 'group_coordination_centre'));

  const dashboard = (await t.api('GET', '/api/stats/dashboard', undefined, { as: admin })).json();
  const gap = dashboard.unaddressedPositions.find(
    (g: { positionId: string; orgNodeId: string }) => g.positionId === 'group_coordination_centre' && g.orgNodeId === unit.id,
  );
  assert.ok(gap, JSON.stringify(dashboard.unaddressedPositions));
  assert.equal(gap.positionNameZh, '集团客户协调中心');
  assert.equal(gap.orgNodeName, unit.name);
  assert.equal(gap.count, 4, 'two complaints, bulletin and progress each');
  const agentView = (await t.api('GET', '/api/stats/dashboard', undefined, { as: holder })).json();
  assert.deepEqual(agentView.unaddressedPositions, [], 'listed for those who receive the gap, not for everyone');

  // The administrator fixes it: the holder also takes the group coordination role at the company.
  const fixed = await t.api(
    'PATCH',
    `/api/users/${holder.id}`,
    {
      positions: [
        { positionId: 'company', orgNodeId: company.id },
        { positionId: 'group_coordination_centre', orgNodeId: company.id },
      ],
    },
    { as: admin },
  );
  assert.equal(fixed.statusCode, 200, fixed.body);
  assert.equal(fixed.json().positions.length, 2);
  const later = (await t.api('GET', '/api/stats/dashboard', undefined, { as: admin })).json();
  assert.ok(
    !later.unaddressedPositions.some((g: { positionId: string }) => g.positionId === 'group_coordination_centre'),
    'held now: no longer a problem',
  );
  const next = await majorComplaint();
  assert.deepEqual(
    (await inbox(holder)).items
      .filter((n) => n.complaintId === next.id)
      .map((n) => n.positionId)
      .sort(),
    ['company', 'company', 'group_coordination_centre', 'group_coordination_centre'],
  );
  assert.equal((await inbox(admin)).items.filter((n) => n.complaintId === next.id).length, 0);
});

test('issue #14: a disabled holder is not a recipient — the change reaches the configuration copy at once, and the admin gets it unaddressed', async () => {
  assert.equal((await t.api('PATCH', `/api/users/${holder.id}`, { disabled: true }, { as: admin })).statusCode, 200);
  const c = await majorComplaint();
  const mine = (await inbox(admin)).items.filter((n) => n.complaintId === c.id);
  assert.deepEqual(mine.map((n) => n.positionId).sort(), ['company', 'company', 'group_coordination_centre', 'group_coordination_centre']);
  assert.ok(mine.every((n) => n.unaddressed));
});

test('issue #14: the inbox pages with a cursor, unread first then newest, and refuses a cursor it did not give', async () => {
  const first = await inbox(admin, '?limit=3');
  assert.equal(first.items.length, 3);
  assert.ok(first.nextCursor);
  const rest = await inbox(admin, `?limit=200&cursor=${first.nextCursor}`);
  const all = (await inbox(admin, '?limit=200')).items;
  assert.deepEqual(
    [...first.items, ...rest.items].map((n) => n.id),
    all.map((n) => n.id),
  );
  const bad = await t.api('GET', '/api/inbox?cursor=not-a-cursor', undefined, { as: admin });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /cursor/);
});
