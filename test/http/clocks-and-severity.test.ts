/**
 * Complaints created through the API at chosen instants around 2026's holidays and adjusted working
 * days show the due instants the packs' rules require, explain them, and reach the levels the seeds name.
 * The test owns its organisation (test/helpers/factories.ts): a group with a real-estate project, a fuel
 * station, a food plant and a service-centre hotline, and an agent, a manager and an administrator at the group.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { sweepOnce } from '../../src/jobs/sweeper.job.ts';
import {
  buildCompany,
  buildDepartments,
  buildGroup,
  buildUnit,
  buildUser,
  type Node,
  type User,
  uniqueText,
} from '../helpers/factories.ts';

let t: TestApp;
const RE = { unitId: '' }; // the real-estate project, once built
let fuelUnit: string, foodUnit: string, svcUnit: string;
let eng: Node;
let agent: User, manager: User, admin: User;
before(async () => {
  t = await createTestApp({ now: '2026-11-28T04:00:00.000Z' }); // Saturday 12:00 Shanghai, after every receipt below
  const group = await buildGroup(t);
  const unitOf = async (pack: string) => buildUnit(t, { pack, companyId: (await buildCompany(t, { groupId: group.id })).id });
  const garden = await unitOf('real-estate');
  RE.unitId = garden.id;
  [eng] = await buildDepartments(t, garden, ['工程管理部']);
  fuelUnit = (await unitOf('fuel-retail')).id;
  foodUnit = (await unitOf('food')).id;
  svcUnit = (await unitOf('service-centre')).id;
  agent = await buildUser(t, { role: 'agent', orgNodeId: group.id });
  manager = await buildUser(t, { role: 'manager', orgNodeId: group.id });
  admin = await buildUser(t, { role: 'admin', orgNodeId: group.id });
});
after(async () => t.close());

/** As the group's service-centre agent unless another user of the file's is given. */
const api = (method: 'GET' | 'POST', url: string, body?: unknown, as: User = agent) => t.api(method, url, body, { as });

let phoneSeq = 0;
async function create(body: Record<string, unknown>) {
  phoneSeq++;
  const res = await api('POST', '/api/complaints', {
    customer: { name: `客户${phoneSeq}`, phone: `1390000${String(phoneSeq).padStart(4, '0')}` },
    title: uniqueText(phoneSeq, 8),
    content: uniqueText(phoneSeq + 1000, 40),
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const clock = (c: { clocks: { name: string }[] }, name: string) => {
  const k = c.clocks.find((x) => x.name === name) as
    | { name: string; dueAt: string; state: string; trace: { kind: string; detail: string }[] }
    | undefined;
  assert.ok(k, `clock ${name} exists on ${JSON.stringify(c.clocks.map((x) => x.name))}`);
  return k;
};
/** Local Shanghai wall time → ISO instant. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

test('R-TL-2: phone complaint in working hours is due to the specialist in 30 working minutes', async () => {
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-24T10:00:00') });
  assert.equal(clock(c, 'dispatch').dueAt, sh('2026-11-24T10:30:00'));
});

test('R-TL-2: e-mail at 17:50 carries its remaining working minutes into the next working morning', async () => {
  const c = await create({ ...RE, channel: 'email', receivedAt: sh('2026-11-24T17:50:00') });
  assert.equal(clock(c, 'dispatch').dueAt, sh('2026-11-25T09:20:00'));
});

test('R-TL-2: forum complaint in working hours is due in 1 h', async () => {
  const c = await create({ ...RE, channel: 'forum', receivedAt: sh('2026-11-24T10:00:00') });
  assert.equal(clock(c, 'dispatch').dueAt, sh('2026-11-24T11:00:00'));
});

test('R-TL-2: received on a working day outside working hours → 1 h after work starts', async () => {
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-25T20:00:00') });
  const k = clock(c, 'dispatch');
  assert.equal(k.dueAt, sh('2026-11-26T10:00:00'));
  assert.ok(k.trace.length > 0, 'the due instant explains itself');
  assert.match(JSON.stringify(k.trace), /outside working hours|非工作时间|outside/i);
});

test('R-TL-2/R-TL-1: received on a public holiday (National Day 2026-10-03) → by the end of that day', async () => {
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-10-03T14:00:00') });
  const due = new Date(clock(c, 'dispatch').dueAt);
  assert.equal(due.toISOString(), new Date(sh('2026-10-03T23:59:59.999')).toISOString());
  assert.match(JSON.stringify(clock(c, 'dispatch').trace), /国庆|National Day|holiday|rest/i);
});

test('R-TL-1: an adjusted working Saturday (2026-10-10 调休) counts as a working day', async () => {
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-10-10T10:00:00') });
  assert.equal(clock(c, 'dispatch').dueAt, sh('2026-10-10T10:30:00'));
});

test('R-TL-1: an ordinary Sunday is a rest day → by the end of that day', async () => {
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-22T11:00:00') });
  assert.equal(new Date(clock(c, 'dispatch').dueAt).toISOString(), new Date(sh('2026-11-22T23:59:59.999')).toISOString());
});

test('R-TL-2: dispatching meets the dispatch clock and starts the 4 h written confirmation (R-TL-3)', async () => {
  t.clock.set(sh('2026-11-27T10:00:00'));
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-27T09:50:00') });
  await api('POST', `/api/complaints/${c.id}/actions`, { type: 'qualify', result: 'valid' });
  t.clock.set(sh('2026-11-27T10:10:00'));
  const d = (await api('POST', `/api/complaints/${c.id}/actions`, { type: 'dispatch', leadDepartmentId: eng.id })).json();
  assert.equal(clock(d, 'dispatch').state, 'met');
  const ack = clock(d, 'acknowledge');
  assert.equal(ack.state, 'running');
  assert.equal(ack.dueAt, sh('2026-11-27T14:10:00'));
  t.clock.set('2026-11-28T04:00:00.000Z');
});

test('R-TL-4: fuel-retail clocks — 24 h reply on the wall clock (the station’s 2 h from intake: test/http/fuel-retail-procedure.test.ts)', async () => {
  const c = await create({ unitId: fuelUnit, channel: 'phone', receivedAt: sh('2026-11-27T22:00:00') });
  assert.equal(clock(c, 'reply').dueAt, sh('2026-11-28T22:00:00'));
});

test('R-TL-5: food — once approved, the complaint record reaches the responsible department within 1 working hour', async () => {
  t.clock.set(sh('2026-11-27T17:30:00'));
  const c = await create({ unitId: foodUnit, channel: 'phone', receivedAt: sh('2026-11-27T17:20:00') });
  const q = (await api('POST', `/api/complaints/${c.id}/actions`, { type: 'qualify', result: 'valid', categoryId: 'underweight' })).json();
  // Friday 17:30 + 1 working hour → Monday 09:30 (weekend skipped).
  assert.equal(clock(q, 'dispatch').dueAt, sh('2026-11-30T09:30:00'));
  t.clock.set('2026-11-28T04:00:00.000Z');
});

test('R-TL-7: a regulator-forwarded complaint gets the accept clock of 7 working days', async () => {
  const c = await create({ unitId: svcUnit, channel: 'regulator', receivedAt: sh('2026-09-28T10:00:00') });
  const k = clock(c, 'accept');
  // 7 working days after Mon 2026-09-28, skipping National Day (10-01..07) with adjusted Saturday 10-10:
  // 09-29, 09-30, 10-08, 10-09, 10-10, 10-12, 10-13 → end of 10-13.
  assert.equal(new Date(k.dueAt).toISOString(), new Date(sh('2026-10-13T23:59:59.999')).toISOString());
});

test('R-SV-1: 12 complainants together make a major complaint; 4 make it hot', async () => {
  const major = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-27T10:00:00'), complainantCount: 12 });
  assert.equal(major.level, 'major');
  assert.match(major.levelRule, /R-SV-1/);
  const hot = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-27T10:00:00'), complainantCount: 4 });
  assert.equal(hot.level, 'hot');
});

test('R-SV-1: media exposure or a lawsuit makes a major complaint, and a major complaint notifies at once (R-NT-1)', async () => {
  const media = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-27T10:00:00'), flags: { media: true } });
  assert.equal(media.level, 'major');
  const lawsuit = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-27T10:00:00'), flags: { lawsuit: true } });
  assert.equal(lawsuit.level, 'major');
  // Nobody holds the bulletin's positions in the file's organisation: its administrator receives it, unaddressed (issue #14).
  const inbox = (await api('GET', '/api/inbox', undefined, admin)).json().items;
  assert.ok(
    inbox.some(
      (n: { code: string; kind: string; unaddressed: boolean }) => n.code === media.code && n.kind === 'bulletin' && n.unaddressed,
    ),
    'an immediate bulletin is queued',
  );
  // R-TL-3: the service centre answers a major complaint within 24 h of it becoming major.
  const first = clock(media, 'first_answer');
  assert.equal(first.dueAt, new Date(t.clock.now.getTime() + 24 * 3600_000).toISOString());
});

test('R-SV-2: fuel retail — a safety incident is level 1', async () => {
  const c = await create({ unitId: fuelUnit, channel: 'phone', receivedAt: sh('2026-11-27T10:00:00'), flags: { safety: true } });
  assert.equal(c.level, 'level1');
});

test('R-SV-3: food — foreign matter is class A, damaged packaging class C', async () => {
  const a = await create({ unitId: foodUnit, channel: 'phone', receivedAt: sh('2026-11-27T10:00:00'), categoryId: 'foreign-matter' });
  assert.equal(a.level, 'A');
  const c = await create({
    unitId: foodUnit,
    channel: 'phone',
    receivedAt: sh('2026-11-27T10:00:00'),
    categoryId: 'packaging-damaged',
  });
  assert.equal(c.level, 'C');
});

test('R-SV-1: the third customer complaining of the same matter within a month makes all three hot, and they are linked', async () => {
  const texts = [
    ['3栋卫生间天花板漏水', '3栋12楼卫生间天花板漏水渗水，楼上防水层可能破损，墙面发霉。'],
    ['3栋楼上漏水导致卫生间天花板渗水', '我家3栋卫生间天花板也在漏水渗水，怀疑楼上防水没做好。'],
    ['3栋卫生间顶部漏水严重', '3栋住户，卫生间天花板漏水，滴水不止，和邻居情况一样，应该是防水问题。'],
  ];
  const made = [];
  for (const [i, [title, content]] of texts.entries()) {
    made.push(
      await create({
        ...RE,
        channel: 'phone',
        receivedAt: sh(`2026-11-2${i + 3}T10:00:00`),
        title,
        content,
        categoryId: 'engineering-quality',
      }),
    );
  }
  assert.equal(made[0].level, 'general', 'one complaint alone stays general');
  assert.equal(made[2].level, 'hot', 'the third different customer makes it hot');
  const first = (await api('GET', `/api/complaints/${made[0].id}`)).json();
  assert.equal(first.level, 'hot', 'the earlier complaints are raised too');
  assert.ok(first.links.filter((l: { kind: string }) => l.kind === 'similar').length >= 2);
  const unrelated = await create({
    ...RE,
    channel: 'phone',
    receivedAt: sh('2026-11-27T10:00:00'),
    title: '销售顾问态度恶劣',
    content: '售楼处销售顾问对我们态度很差，问交房时间不耐烦。',
    categoryId: 'engineering-quality',
  });
  assert.equal(unrelated.level, 'general');
});

test('R-SV-4: a person may set the level with a reason; the rules never lower it', async () => {
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-27T10:00:00') });
  const noReason = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'set_level', level: 'hot' }, manager);
  assert.equal(noReason.statusCode, 400);
  const set = (
    await api('POST', `/api/complaints/${c.id}/actions`, { type: 'set_level', level: 'hot', reason: '客户扬言找媒体' }, manager)
  ).json();
  assert.equal(set.level, 'hot');
  const noted = (await api('POST', `/api/complaints/${c.id}/actions`, { type: 'note', text: '已电话安抚' })).json();
  assert.equal(noted.level, 'hot', 'a later evaluation does not lower a level set by a person');
  const ev = noted.events.find((e: { type: string }) => e.type === 'level_changed');
  assert.equal(ev.data.manual, true);
  assert.equal(ev.data.reason, '客户扬言找媒体');
});

test('R-TL-8: a clock pauses only with a reason and resumes later by the paused time', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-24T10:00:00') });
  const bad = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'pause_clock', clock: 'dispatch', reason: '' });
  assert.equal(bad.statusCode, 400);
  const paused = (
    await api('POST', `/api/complaints/${c.id}/actions`, { type: 'pause_clock', clock: 'dispatch', reason: '等待客户提供照片' })
  ).json();
  assert.equal(clock(paused, 'dispatch').state, 'paused');
  t.clock.set(sh('2026-11-24T11:00:00'));
  const resumed = (await api('POST', `/api/complaints/${c.id}/actions`, { type: 'resume_clock', clock: 'dispatch' })).json();
  const k = clock(resumed, 'dispatch');
  assert.equal(k.state, 'running');
  assert.equal(k.dueAt, sh('2026-11-24T11:30:00'), 'the hour paused is added back');
  t.clock.set('2026-11-28T04:00:00.000Z');
});

test('a deadline extension is requested with a reason and approved by someone else', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-24T10:00:00') });
  const req = (
    await api('POST', `/api/complaints/${c.id}/actions`, {
      type: 'request_extension',
      clock: 'dispatch',
      minutes: 60,
      reason: '责任人出差',
    })
  ).json();
  const requestId = req.events.find((e: { type: string }) => e.type === 'extension_requested').data.requestId;
  const self = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'approve_extension', requestId });
  assert.equal(self.statusCode, 403, 'the requester cannot approve their own extension');
  const ok = await api('POST', `/api/complaints/${c.id}/actions`, { type: 'approve_extension', requestId }, manager);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.ok(new Date(clock(ok.json(), 'dispatch').dueAt) > new Date(sh('2026-11-24T10:30:00')));
  t.clock.set('2026-11-28T04:00:00.000Z');
});

test('the sweeper writes one breach event per breached clock, even when two passes race', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-24T10:00:00') });
  t.clock.set(sh('2026-11-24T12:00:00'));
  await Promise.all([sweepOnce(t.deps), sweepOnce(t.deps)]);
  await sweepOnce(t.deps);
  const d = (await api('GET', `/api/complaints/${c.id}`)).json();
  const breaches = d.events.filter(
    (e: { type: string; data: { name: string } }) => e.type === 'clock_breached' && e.data.name === 'dispatch',
  );
  assert.equal(breaches.length, 1);
  assert.equal(clock(d, 'dispatch').state, 'breached');
  assert.equal(d.overdue, true);
  const overdueList = (await api('GET', '/api/complaints?overdue=true&limit=200')).json();
  assert.ok(overdueList.items.some((i: { id: string }) => i.id === c.id));
  t.clock.set('2026-11-28T04:00:00.000Z');
});

test('R-SV-1: unresolved one week after receipt for reasons on our side → hot (sweeper time rule)', async () => {
  t.clock.set(sh('2026-11-02T10:00:00'));
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-02T10:00:00') });
  assert.equal(c.level, 'general');
  t.clock.set(sh('2026-11-09T10:01:00'));
  await sweepOnce(t.deps);
  const week = (await api('GET', `/api/complaints/${c.id}`)).json();
  assert.equal(week.level, 'hot');
  t.clock.set(sh('2026-12-02T10:01:00'));
  await sweepOnce(t.deps);
  const month = (await api('GET', `/api/complaints/${c.id}`)).json();
  assert.equal(month.level, 'major');
  t.clock.set('2026-11-28T04:00:00.000Z');
});

test('R-LC-4: closing a complaint as invalid stops its clocks, so the sweeper never breaches them', async () => {
  t.clock.set(sh('2026-11-24T10:00:00'));
  const c = await create({ ...RE, channel: 'phone', receivedAt: sh('2026-11-24T10:00:00') });
  const closed = (
    await api('POST', `/api/complaints/${c.id}/actions`, {
      type: 'qualify',
      result: 'invalid',
      invalidReasonId: 'competitor',
      reason: '竞争对手恶意投诉',
    })
  ).json();
  assert.ok(
    closed.clocks.every((k: { state: string }) => k.state === 'met'),
    JSON.stringify(closed.clocks.map((k: { state: string }) => k.state)),
  );
  assert.equal(closed.nextDueAt, null);
  t.clock.set(sh('2026-11-30T10:00:00'));
  await sweepOnce(t.deps);
  const later = (await api('GET', `/api/complaints/${c.id}`)).json();
  assert.equal(later.events.filter((e: { type: string }) => e.type === 'clock_breached').length, 0);
  assert.equal(later.overdue, false);
  t.clock.set('2026-11-28T04:00:00.000Z');
});
