/**
 * Issue #15 item 1 and item 7 (R-RP-1): every report schedule of a pack produces its report and its due
 * reminder, from the pack's own seed. Vanke's half-monthly report by the 18th, monthly report by the 3rd,
 * maintenance record by the 27th (S0 Vanke 5.6.1.1–5.6.1.2); the manufacturer's statistics by the 5th (S1
 * 第十九条 「质量管理部应于每月五日内填报投诉统计表」). The organisation is the test's own (factories.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildComplaint, buildGroup, buildUnit, buildUser, type Unit, type User } from '../helpers/factories.ts';
import { sweepOnce } from '../../src/jobs/sweeper.job.ts';

let t: TestApp;
let group: { id: string };
let reCompany: { id: string };
let mfgCompany: { id: string };
let re: Unit;
let mfg: Unit;
let admin: User;
const holders: Record<string, { id: string; email: string }> = {};

interface Schedule {
  policyId: string;
  scheduleId: string;
  recipientRole: string | null;
  next: { startDate: string; endDate: string; dueDate: string; remindDate: string; reminded: number } | null;
  previous: { startDate: string; dueDate: string } | null;
}

async function holder(key: string, positionId: string, orgNodeId: string) {
  const email = `${key}@schedules.test`;
  const res = await t.api(
    'POST',
    '/api/users',
    { email, name: key, role: 'manager', orgNodeId, password: TEST_PASSWORD, positions: [{ positionId, orgNodeId }] },
    { as: admin },
  );
  assert.equal(res.statusCode, 201, res.body);
  holders[key] = { id: res.json().id, email };
}

before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' }); // Tuesday 24 Nov, 10:00 in Shanghai
  group = await buildGroup(t);
  reCompany = await buildCompany(t, { groupId: group.id });
  mfgCompany = await buildCompany(t, { groupId: group.id });
  re = await buildUnit(t, { pack: 'real-estate', companyId: reCompany.id });
  mfg = await buildUnit(t, { pack: 'manufacturing', companyId: mfgCompany.id });
  admin = await buildUser(t, { role: 'admin', orgNodeId: group.id });
  await holder('service-centre', 'service_centre', re.id);
  await holder('quality-dept', 'quality_management_dept', mfg.id);
  await holder('quality-manager', 'quality_manager', mfg.id);
});
after(async () => t.close());

const schedules = async (nodeId: string, date?: string): Promise<Schedule[]> => {
  const res = await t.api('GET', `/api/reports/schedules?nodeId=${nodeId}${date ? `&date=${date}` : ''}`, undefined, { as: admin });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().schedules;
};
const inbox = async (who: { email: string }) =>
  (await t.api('GET', '/api/inbox?kind=report_due', undefined, { as: who })).json().items as {
    subjectZh: string;
    complaintId: string | null;
    dueAt: string;
    positionNameZh: string;
  }[];

test('S0 Vanke 5.6.1.1–5.6.1.3: the reports page lists each real-estate schedule with its own period and due date', async () => {
  const list = await schedules(reCompany.id, '2026-11-24');
  const by = Object.fromEntries(list.map((s) => [s.scheduleId, s]));
  assert.deepEqual(
    [by.maintenance_record!.next!.startDate, by.maintenance_record!.next!.endDate, by.maintenance_record!.next!.dueDate],
    ['2026-10-27', '2026-11-26', '2026-11-27'],
    '每月27日前同时上报工程质量保修记录表',
  );
  assert.equal(by.half_monthly!.next!.dueDate, '2026-12-18', 'the 18th of this month has passed: next month’s 1st–15th');
  assert.equal(by.half_monthly!.previous!.dueDate, '2026-11-18');
  assert.deepEqual([by.monthly!.next!.startDate, by.monthly!.next!.dueDate], ['2026-11-01', '2026-12-03'], '下月3日前提交投诉月报');
  assert.equal(by.quarterly!.next!.dueDate, '2026-12-31');
  assert.equal(by.special!.next, null, 'a special report is made at closure, not for a period');
  assert.ok(
    list.every((s) => s.policyId === 'real-estate'),
    'the company’s units follow one pack',
  );
});

test('S1 第十九条: the manufacturer’s statistics are due the 5th; no pack borrows another pack’s dates', async () => {
  const list = await schedules(group.id, '2026-11-24');
  const mfgSchedules = list.filter((s) => s.policyId === 'manufacturing');
  assert.deepEqual(
    mfgSchedules.map((s) => [s.scheduleId, s.next!.startDate, s.next!.endDate, s.next!.dueDate, s.recipientRole]),
    [['statistics', '2026-11-01', '2026-11-30', '2026-12-05', 'quality_management_dept']],
  );
  // Vanke's days (3, 18, 27) are the real-estate pack's only.
  const reDays = new Set(list.filter((s) => s.policyId === 'real-estate' && s.next).map((s) => s.next!.dueDate.slice(8)));
  assert.ok(!reDays.has('05'), [...reDays].join());
});

test('S1 第十九条: the statistics report covers the manufacturer’s units only, for the calendar month, due the 5th', async () => {
  await buildComplaint(t, { unitId: mfg.id, title: '轴承尺寸不符' });
  await buildComplaint(t, { unitId: re.id, title: '外墙渗水' });
  const res = await t.api(
    'GET',
    `/api/reports/scheduled?nodeId=${group.id}&policyId=manufacturing&scheduleId=statistics&period=2026-11-10`,
    undefined,
    { as: admin },
  );
  assert.equal(res.statusCode, 200, res.body);
  const r = res.json();
  assert.deepEqual([r.period.startDate, r.period.endDate, r.period.dueDate], ['2026-11-01', '2026-11-30', '2026-12-05']);
  assert.equal(r.totals.received, 1, 'the real-estate complaint is not in the manufacturer’s statistics');
  assert.deepEqual(r.schedule, { policyId: 'manufacturing', id: 'statistics', nameZh: '投诉统计表' });
  const wrong = await t.api(
    'GET',
    `/api/reports/scheduled?nodeId=${mfgCompany.id}&policyId=real-estate&scheduleId=monthly&period=2026-11-10`,
    undefined,
    { as: admin },
  );
  assert.equal(wrong.statusCode, 400, wrong.body);
  assert.match(wrong.json().error.message, /policyId/);
});

test('S0 Vanke 5.6.1.1: the maintenance record’s due reminder reaches the service centre from the 24th, once per period, even with two sweepers at once', async () => {
  t.clock.set('2026-11-23T02:00:00.000Z'); // the 23rd: the maintenance record is not yet reminded
  await sweepOnce(t.deps);
  assert.equal((await inbox(holders['service-centre']!)).filter((n) => n.subjectZh.includes('工程质量保修记录表')).length, 0);

  t.clock.set('2026-11-24T02:00:00.000Z');
  await Promise.all([sweepOnce(t.deps), sweepOnce(t.deps)]);
  await sweepOnce(t.deps);
  const items = (await inbox(holders['service-centre']!)).filter((n) => n.subjectZh.includes('工程质量保修记录表'));
  assert.equal(items.length, 1, JSON.stringify(items));
  assert.match(items[0]!.subjectZh, /2026-11-27/);
  assert.equal(items[0]!.complaintId, null);
  assert.equal(items[0]!.positionNameZh, '客户服务中心');
  assert.equal(items[0]!.dueAt, '2026-11-27T16:00:00.000Z', 'on time through the end of the 27th in Shanghai');
  // The holder wants e-mail: the reminder is in the outbox too, about no complaint.
  const mails = await t.deps.db
    .selectFrom('outbox')
    .select(['complaint_id', 'payload'])
    .where('recipient', '=', holders['service-centre']!.email)
    .execute();
  assert.ok(mails.some((m) => m.complaint_id === null && JSON.stringify(m.payload).includes('工程质量保修记录表')));
  const listed = (await schedules(reCompany.id, '2026-11-24')).find((s) => s.scheduleId === 'maintenance_record')!;
  assert.equal(listed.next!.reminded, 1);
});

test('S1 第十九条: the statistics reminder reaches the quality management department on the 2nd for the 5th, and not before', async () => {
  t.clock.set('2026-11-30T02:00:00.000Z');
  await sweepOnce(t.deps);
  assert.equal((await inbox(holders['quality-dept']!)).length, 0);
  t.clock.set('2026-12-02T02:00:00.000Z');
  await sweepOnce(t.deps);
  const items = await inbox(holders['quality-dept']!);
  assert.equal(items.length, 1);
  assert.match(items[0]!.subjectZh, /《投诉统计表》（2026年11月）应于 2026-12-05 前报送/);
  // Nobody else's position: the service centre of the real-estate unit is not told about the statistics.
  assert.ok((await inbox(holders['service-centre']!)).every((n) => !n.subjectZh.includes('投诉统计表')));
});

test('S3 5.1.2 item 01 (issue #15 item 7): every manufacturing complaint, whatever its level, is submitted to the quality manager at once', async () => {
  t.clock.set('2026-12-03T02:00:00.000Z');
  const c = await buildComplaint(t, { unitId: mfg.id, title: '包装盒轻微破损' });
  const res = await t.api('GET', '/api/inbox', undefined, { as: holders['quality-manager']! });
  const told = (res.json().items as { complaintId: string; kind: string; subjectZh: string }[]).filter(
    (n) => n.complaintId === c.complaint.id,
  );
  assert.equal(told.length, 1, JSON.stringify(told));
  assert.match(told[0]!.subjectZh, /品质经理/);
});

test('S1 第十九条: once November is over, its statistics report is snapshotted at the first reading and served the same after', async () => {
  t.clock.set('2026-12-03T03:00:00.000Z');
  const url = `/api/reports/scheduled?nodeId=${mfgCompany.id}&policyId=manufacturing&scheduleId=statistics&period=2026-11-30`;
  const first = (await t.api('GET', url, undefined, { as: admin })).json();
  assert.equal(first.closedPeriod, true);
  assert.equal(first.snapshotAt, '2026-12-03T03:00:00.000Z');
  assert.equal(first.period.dueDate, '2026-12-05');
  await buildComplaint(t, { unitId: mfg.id, title: '补录的十一月投诉', receivedAt: '2026-11-20T02:00:00.000Z' });
  t.clock.set('2026-12-04T03:00:00.000Z');
  const again = (await t.api('GET', url, undefined, { as: admin })).json();
  assert.equal(again.snapshotAt, first.snapshotAt);
  assert.deepEqual(again.totals, first.totals, 'a statistics table handed in by the 5th reads the same later');
});
