/**
 * The dashboard's counts (issue #20): read from tallies that a trigger keeps as complaints change
 * (migration 0036), so they are exact at `asOf`, the moment of the answer, and never a stale copy. Each
 * step of a complaint's life moves them at once; at every step the tallies agree with the same tallies
 * folded (the sweeper's pass) and with the tallies counted afresh from the complaints; the windows are
 * whole local days (30 days of intake, 12 weeks of satisfaction) in Asia/Shanghai.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  buildCompany,
  buildDepartments,
  buildGroup,
  buildUnit,
  buildUser,
  LEAK_REPORT,
  type Node,
  type Unit,
  type User,
} from '../helpers/factories.ts';
import { foldTallyChanges, rebuildTallies } from '../../src/data/tally-store.ts';
import { sweepOnce } from '../../src/jobs/sweeper.job.ts';

let t: TestApp;
// The file's own group: a property developer's project with two departments, a manufacturer's desk and a fuel station.
let gardenUnit: Unit, mfgUnit: Unit, fuelUnit: Unit;
let eng: Node, pm: Node;
/** The first test's complaint, closed with a satisfaction of 4 on Thursday 26 November. */
let closedId = '';
let users: Record<'admin' | 'manager' | 'qa' | 'specialist' | 'engineer', User>;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' }); // Tuesday 10:00 in Shanghai
  const group = await buildGroup(t);
  gardenUnit = await buildUnit(t, { pack: 'real-estate', companyId: (await buildCompany(t, { groupId: group.id })).id });
  [eng, pm] = await buildDepartments(t, gardenUnit, ['工程管理部', '物业服务中心']);
  mfgUnit = await buildUnit(t, { pack: 'manufacturing', companyId: (await buildCompany(t, { groupId: group.id })).id });
  fuelUnit = await buildUnit(t, { pack: 'fuel-retail', companyId: (await buildCompany(t, { groupId: group.id })).id });
  users = {
    admin: await buildUser(t, { role: 'admin', orgNodeId: group.id }),
    manager: await buildUser(t, { role: 'manager', orgNodeId: group.id }),
    qa: await buildUser(t, { role: 'qa', orgNodeId: mfgUnit.companyId }),
    specialist: await buildUser(t, { role: 'specialist', orgNodeId: gardenUnit.id }),
    engineer: await buildUser(t, { role: 'handler', orgNodeId: eng.id }),
  };
});
after(async () => t.close());

interface Dash {
  asOf: string;
  openByLevel: { level: string | null; count: number }[];
  overdueByUnit: { unitId: string; unitName: string; count: number }[];
  intakePerDay: { day: string; count: number }[];
  byCategory: { categoryId: string | null; count: number }[];
  satisfaction: { week: string; avg: number; count: number }[];
}
const dash = async (role: keyof typeof users): Promise<Dash> => {
  const res = await t.api('GET', '/api/stats/dashboard', undefined, { as: users[role] });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Dash;
};
const open = (d: Dash) => d.openByLevel.reduce((s, r) => s + r.count, 0);
const byLevel = (d: Dash) => Object.fromEntries(d.openByLevel.map((r) => [r.level ?? '-', r.count]));
const byCategory = (d: Dash) => Object.fromEntries(d.byCategory.map((r) => [r.categoryId ?? '-', r.count]));
const overdueAt = (d: Dash, unit: Unit) => d.overdueByUnit.find((r) => r.unitId === unit.id)?.count ?? 0;
const intake = (d: Dash) => Object.fromEntries(d.intakePerDay.map((r) => [r.day, r.count]));
const counts = (d: Dash) => ({
  overdueByUnit: [...d.overdueByUnit].sort((a, b) => a.unitId.localeCompare(b.unitId)),
  openByLevel: [...d.openByLevel].sort((a, b) => String(a.level).localeCompare(String(b.level))),
  intakePerDay: d.intakePerDay,
  byCategory: [...d.byCategory].sort((a, b) => String(a.categoryId).localeCompare(String(b.categoryId))),
  satisfaction: d.satisfaction,
});

/**
 * The manager's and the engineer's dashboards as the trigger's changes left them; then the same after
 * the changes are folded (the sweeper's last step), and after the tallies are counted afresh from the
 * complaints: all three must agree, or some write moved a complaint without moving its tallies.
 */
async function settled(unfolded = true): Promise<{ manager: Dash; engineer: Dash }> {
  const live = { manager: await dash('manager'), engineer: await dash('engineer') };
  assert.equal(((await foldTallyChanges(t.deps.db)) ?? 0) > 0, unfolded, unfolded ? 'there were changes to fold' : 'all were folded');
  for (const who of ['manager', 'engineer'] as const) assert.deepEqual(counts(await dash(who)), counts(live[who]), `${who}: folded`);
  await rebuildTallies(t.deps.db);
  for (const who of ['manager', 'engineer'] as const)
    assert.deepEqual(counts(await dash(who)), counts(live[who]), `${who}: counted afresh`);
  return live;
}

const complain = async (unit: Unit, extra: Record<string, unknown> = {}) => {
  const res = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId: unit.id,
      channel: 'phone',
      customer: { name: '王先生', phone: '13800000001' },
      title: '看板计数',
      content: '测试看板。',
      ...extra,
    },
    { as: users.admin },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; level: string | null };
};
async function act(id: string, body: Record<string, unknown>) {
  const res = await t.api('POST', `/api/complaints/${id}/actions`, body, { as: users.admin });
  assert.equal(res.statusCode, 200, `${body.type}: ${res.body}`);
  return res.json() as { status: string; level: string | null; categoryId: string | null };
}

test('#20 dashboard: every step of a complaint moves the counts at once, as the complaints say (R-LC-1, R-LC-2, R-SV-1)', async () => {
  const start = await dash('manager');
  assert.equal(start.asOf, t.clock.now.toISOString(), 'counted at the moment of the answer');
  const c = await complain(gardenUnit);
  const received = await dash('manager');
  assert.equal(open(received), open(start) + 1, 'a new complaint shows at once, with nothing kept from before');
  assert.equal(intake(received)['2026-11-24'], (intake(start)['2026-11-24'] ?? 0) + 1, 'counted on its day in Shanghai');
  assert.equal(open(await dash('engineer')), 0, 'not yet the engineering department’s');
  await settled();

  // Qualified as engineering quality, graded hot: it leaves its first level and category for the new ones.
  const q = await act(c.id, { type: 'qualify', result: 'valid', categoryId: 'engineering-quality', level: 'hot' });
  assert.equal(q.categoryId, 'engineering-quality');
  const qualified = await dash('manager');
  assert.equal(open(qualified), open(received));
  assert.equal(byLevel(qualified)[q.level ?? '-'], (byLevel(received)[q.level ?? '-'] ?? 0) + (c.level === q.level ? 0 : 1));
  assert.equal(byCategory(qualified)['engineering-quality'], (byCategory(received)['engineering-quality'] ?? 0) + 1);
  await settled();

  // Dispatched to engineering with property services beside it: the engineering handler counts it now.
  await act(c.id, { type: 'dispatch', leadDepartmentId: eng.id, coDepartmentIds: [pm.id] });
  const dispatched = await settled();
  assert.equal(open(dispatched.engineer), 1, 'the lead department’s handler counts it');
  assert.deepEqual(intake(dispatched.engineer), { '2026-11-24': 1 });

  // Worked to closure with a satisfaction of 4 (R-LC-2, R-RS-4): it leaves the open counts for the week's satisfaction.
  await act(c.id, { type: 'acknowledge' });
  await act(c.id, { type: 'report', ...LEAK_REPORT });
  await act(c.id, { type: 'reply', message: '已安排重做防水。' });
  await act(c.id, { type: 'confirm' });
  await act(c.id, { type: 'visit', score: 4, comment: '满意' });
  t.clock.advance(2 * 86400_000); // closed on Thursday
  assert.equal((await act(c.id, { type: 'close' })).status, 'closed');
  const closed = await settled();
  assert.equal(open(closed.manager), open(start));
  assert.equal(open(closed.engineer), 0);
  assert.deepEqual(closed.engineer.satisfaction, [{ week: '2026-11-23', avg: 4, count: 1 }], 'the week of its closing, Monday to Sunday');
  assert.deepEqual(intake(closed.engineer), { '2026-11-24': 1 }, 'still counted on the day it came in');

  closedId = c.id;
});

test('#20 dashboard: counts for one scope never include another’s (QA of the manufacturer, the garden specialist, the group manager)', async () => {
  const before = { group: open(await dash('manager')), mfg: open(await dash('qa')), garden: open(await dash('specialist')) };
  for (const unit of [mfgUnit, fuelUnit, fuelUnit, gardenUnit]) await complain(unit);
  assert.deepEqual(
    { group: open(await dash('manager')), mfg: open(await dash('qa')), garden: open(await dash('specialist')) },
    { group: before.group + 4, mfg: before.mfg + 1, garden: before.garden + 1 },
  );
  await settled();
});

test('#20 dashboard: intake counts the last 30 local days, today included; satisfaction the last 12 weeks, Monday to Sunday', async () => {
  t.clock.set('2026-12-01T15:59:00.000Z'); // 23:59 on Tuesday 1 December in Shanghai
  await complain(fuelUnit);
  t.clock.set('2026-12-01T16:01:00.000Z'); // 00:01 on Wednesday 2 December
  await complain(fuelUnit);
  const now = intake(await dash('manager'));
  assert.equal(now['2026-12-01'], 1, 'the day in Shanghai, not in UTC (both were received on 1 December UTC)');
  assert.equal(now['2026-12-02'], 1);

  t.clock.set('2026-12-30T16:30:00.000Z'); // 31 December 00:30 local: 1 December is the 30th day back
  // A month on, the station's four open complaints are past their deadlines: the sweeper marks them
  // overdue (R-TL-2), and that update moves the overdue tally like any other.
  assert.equal(overdueAt(await dash('manager'), fuelUnit), 0);
  const swept = await sweepOnce(t.deps);
  assert.ok(swept.breaches > 0 && (swept.talliesFolded ?? 0) > 0, 'breaches written, then the changes folded');
  assert.equal(overdueAt(await dash('manager'), fuelUnit), 4);
  assert.equal(overdueAt(await dash('engineer'), fuelUnit), 0, 'not the engineering department’s');
  await settled(false);
  const day30 = intake(await dash('manager'));
  assert.equal(day30['2026-12-01'], undefined, '1 December is outside the last 30 days (2–31 December)');
  assert.equal(day30['2026-12-02'], 1, '2 December is the first of them');
  const weeks = (await dash('engineer')).satisfaction.map((s) => s.week);
  assert.deepEqual(weeks, ['2026-11-23'], 'closed in the week of 23 November: 6 weeks ago, still in the trend');
  t.clock.set('2027-02-15T02:00:00.000Z'); // a Monday 12 weeks after the week of 23 November
  assert.deepEqual((await dash('engineer')).satisfaction, [], 'the week of 23 November has left the last 12 weeks');
  t.clock.set('2027-02-14T15:59:00.000Z'); // Sunday 23:59 local, the day before: it is still the 12th week back
  assert.deepEqual(
    (await dash('engineer')).satisfaction.map((s) => s.week),
    ['2026-11-23'],
  );

  // Reopened: open again, and out of the trend (reopening clears its closing; it counts again when closed).
  await act(closedId, { type: 'reopen', reason: '两个多月后再次漏水' });
  const reopened = await dash('engineer');
  assert.equal(open(reopened), 1);
  assert.deepEqual(reopened.satisfaction, []);
  assert.ok(((await foldTallyChanges(t.deps.db)) ?? 0) > 0);
  assert.deepEqual(counts(await dash('engineer')), counts(reopened));
});
