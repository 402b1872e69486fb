/**
 * Business calendars per unit (R-TL-1): the official-data flag, admin overrides, versioning — an edit
 * never rewrites deadlines already computed; recomputation is an explicit, recorded action.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildUnit, buildUser, type User } from '../helpers/factories.ts';

let t: TestApp;
let unit: string;
let agent: User, admin: User;
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
before(async () => {
  t = await createTestApp({ now: sh('2026-12-07T08:00:00') }); // Monday 08:00
  const project = await buildUnit(t, { pack: 'real-estate' });
  unit = project.id;
  agent = await buildUser(t, { role: 'agent', orgNodeId: project.companyId });
  admin = await buildUser(t, { role: 'admin', orgNodeId: project.companyId });
});
after(async () => t.close());

test('R-TL-1: the calendar lists 2026 holidays and adjusted working days and flags a year without official data', async () => {
  const y2026 = (await t.api('GET', `/api/units/${unit}/calendar?year=2026`, undefined, { as: agent })).json();
  assert.equal(y2026.yearHasOfficialData, true);
  const natl = y2026.days.find((d: { date: string }) => d.date === '2026-10-01');
  assert.equal(natl.working, false);
  const adjusted = y2026.days.find((d: { date: string }) => d.date === '2026-10-10');
  assert.equal(adjusted.working, true, '2026-10-10 is an adjusted working Saturday');
  const y2031 = (await t.api('GET', `/api/units/${unit}/calendar?year=2031`, undefined, { as: agent })).json();
  assert.equal(y2031.yearHasOfficialData, false, 'a year the data package does not cover is flagged');
  assert.equal((await t.api('GET', '/api/units/nowhere/calendar', undefined, { as: agent })).statusCode, 404);
});

test('R-TL-1: an admin override makes a day a holiday for new deadlines; existing deadlines keep their calendar until recomputed', async () => {
  const created = (
    await t.api(
      'POST',
      '/api/complaints',
      {
        unitId: unit,
        channel: 'phone',
        receivedAt: sh('2026-12-07T07:30:00'), // Monday before work: due 1 h after work starts
        customer: { name: '甲', phone: '13900001234' },
        title: '日历测试甲',
        content: '甲乙丙丁戊己庚辛',
      },
      { as: agent },
    )
  ).json();
  const dispatch = () => created.clocks.find((c: { name: string }) => c.name === 'dispatch');
  assert.equal(dispatch().dueAt, sh('2026-12-07T10:00:00'));

  const current = (await t.api('GET', `/api/units/${unit}/calendar`, undefined, { as: agent })).json().calendar;
  const { version: _v, ...body } = current;
  const bad = await t.api(
    'PUT',
    `/api/units/${unit}/calendar`,
    { ...body, workingPeriods: [{ start: '18:00', end: '09:00' }] },
    { as: admin },
  );
  assert.equal(bad.statusCode, 400, bad.body);
  const saved = await t.api(
    'PUT',
    `/api/units/${unit}/calendar`,
    { ...body, overrides: { '2026-12-07': { kind: 'holiday', name: '公司年会' } } },
    { as: admin },
  );
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json().calendar.version, current.version + 1);
  const forbidden = await t.api('PUT', `/api/units/${unit}/calendar`, body, { as: agent });
  assert.equal(forbidden.statusCode, 403);

  const unchanged = (await t.api('GET', `/api/complaints/${created.id}`, undefined, { as: agent })).json();
  assert.equal(
    unchanged.clocks.find((c: { name: string }) => c.name === 'dispatch').dueAt,
    dispatch().dueAt,
    'a calendar edit never rewrites a stored deadline',
  );

  const fresh = (
    await t.api(
      'POST',
      '/api/complaints',
      {
        unitId: unit,
        channel: 'phone',
        receivedAt: sh('2026-12-07T07:40:00'),
        customer: { name: '乙', phone: '13900005678' },
        title: '日历测试乙',
        content: '壬癸子丑寅卯辰巳',
      },
      { as: agent },
    )
  ).json();
  const freshDispatch = fresh.clocks.find((c: { name: string }) => c.name === 'dispatch');
  assert.equal(
    new Date(freshDispatch.dueAt).toISOString(),
    new Date(sh('2026-12-07T23:59:59.999')).toISOString(),
    'the override makes Monday a rest day for new complaints',
  );
  assert.equal(freshDispatch.calendarVersion, current.version + 1);

  const recomputed = await t.api(
    'POST',
    `/api/complaints/${created.id}/actions`,
    { type: 'recompute_clocks', reason: '公司年会放假，按新日历重算' },
    { as: admin },
  );
  assert.equal(recomputed.statusCode, 200, recomputed.body);
  const after = recomputed.json();
  const ev = after.events.find((e: { type: string }) => e.type === 'clocks_recomputed');
  assert.ok(
    ev.data.changed.some((c: { name: string }) => c.name === 'dispatch'),
    'the recomputation is recorded with what changed',
  );
  // Received Monday 07:30; Monday is now a holiday, so R-TL-2's rest-day rule applies: by the end of that day.
  assert.equal(
    after.clocks.find((c: { name: string }) => c.name === 'dispatch').dueAt,
    new Date(sh('2026-12-07T23:59:59.999')).toISOString(),
  );
});

test('R-TL-1, #15 item 8: a deadline counted into an unpublished year is provisional until the calendar confirms the year; then recomputing is offered and settles it', async () => {
  // Thursday 31 December 2026, 16:00: the accept clock's 4 working hours run 16:00–18:00, then skip
  // 元旦 (1 Jan 2027, fixed by the regulation though the 2027 notice is not in the data) and the
  // weekend, and end on Monday 4 January at 11:00.
  t.clock.set(sh('2026-12-31T16:00:00'));
  const project = await buildUnit(t, { pack: 'real-estate' });
  const manager = await buildUser(t, { role: 'manager', orgNodeId: project.id });
  const clerk = await buildUser(t, { role: 'agent', orgNodeId: project.companyId });
  const created = await t.api(
    'POST',
    '/api/complaints',
    {
      unitId: project.id,
      channel: 'phone',
      customer: { name: '丙', phone: '13900009012' },
      title: '跨年时限',
      content: '跨年受理的投诉，时限跨入尚未公布放假安排的年份',
    },
    { as: clerk },
  );
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const accept = (c: { clocks: { name: string; dueAt: string; trace: { kind: string; detailZh?: string; from?: string }[] }[] }) =>
    c.clocks.find((k) => k.name === 'accept')!;
  const first = (await t.api('GET', `/api/complaints/${id}`, undefined, { as: clerk })).json();
  assert.equal(accept(first).dueAt, sh('2027-01-04T11:00:00'));
  assert.ok(
    accept(first).trace.some((s) => s.kind === 'skip-holiday' && s.from === '2027-01-01'),
    '元旦 2027 skipped',
  );
  const flag = accept(first).trace.find((s) => s.kind === 'no-holiday-data');
  assert.match(flag?.detailZh ?? '', /暂定：2027 年官方放假安排尚未发布/);
  assert.deepEqual(first.deadlines.provisionalYears, [2027]);
  assert.deepEqual(first.deadlines.settledYears, []);
  assert.ok(first.deadlines.clocks.includes('accept'));

  // The calendar page shows 2027's statutory days as holidays, flagged as not official.
  const y2027 = (await t.api('GET', `/api/units/${project.id}/calendar?year=2027`, undefined, { as: clerk })).json();
  const newYear = y2027.days.find((d: { date: string }) => d.date === '2027-01-01');
  assert.deepEqual([newYear.working, newYear.reason, newYear.officialData], [false, 'public_holiday', false]);

  // Only a year the data lacks can be confirmed; then the unit's calendar confirms 2027.
  const { version: _v, ...body } = (await t.api('GET', `/api/units/${project.id}/calendar`, undefined, { as: clerk })).json().calendar;
  const published = await t.api('PUT', `/api/units/${project.id}/calendar`, { ...body, confirmedYears: [2026] }, { as: manager });
  assert.equal(published.statusCode, 400, published.body);
  assert.match(published.json().error.message, /confirmedYears\[0\]/);
  const confirmed = await t.api('PUT', `/api/units/${project.id}/calendar`, { ...body, confirmedYears: [2027] }, { as: manager });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  assert.deepEqual(confirmed.json().calendar.confirmedYears, [2027]);

  // Never silent: the stored deadline still says provisional; the complaint offers to recompute it.
  const offered = (await t.api('GET', `/api/complaints/${id}`, undefined, { as: clerk })).json();
  assert.ok(accept(offered).trace.some((s) => s.kind === 'no-holiday-data'));
  assert.deepEqual([offered.deadlines.provisionalYears, offered.deadlines.settledYears], [[], [2027]]);

  const recomputed = await t.api(
    'POST',
    `/api/complaints/${id}/actions`,
    { type: 'recompute_clocks', reason: '2027 年放假安排已确认' },
    { as: manager },
  );
  assert.equal(recomputed.statusCode, 200, recomputed.body);
  const settled = (await t.api('GET', `/api/complaints/${id}`, undefined, { as: clerk })).json();
  assert.equal(accept(settled).dueAt, sh('2027-01-04T11:00:00'), 'the same instant, now confirmed');
  assert.equal(
    accept(settled).trace.some((s) => s.kind === 'no-holiday-data'),
    false,
  );
  assert.deepEqual([settled.deadlines.provisionalYears, settled.deadlines.settledYears, settled.deadlines.clocks], [[], [], []]);
  const ev = settled.events.find((e: { type: string }) => e.type === 'clocks_recomputed');
  assert.ok(
    ev.data.changed.some((c: { name: string }) => c.name === 'accept'),
    'the recomputation is recorded',
  );
});
