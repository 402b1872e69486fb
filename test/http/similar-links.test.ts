/**
 * Similar-complaint links through HTTP (R-SV-1): a pair is stored once, from the later complaint to
 * the earlier one, yet each complaint of the pair lists the other once; the intake's answer shows the
 * links its page shows afterwards; and a case masks the customers of complaints linked either way
 * (R-RP-2). The test owns its organisation (test/helpers/factories.ts): a group with a real-estate
 * project and a service-centre hotline, and a service-centre agent at the group.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildDepartments, buildGroup, buildUnit, buildUser, type Node, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let garden: Unit, hotline: Unit;
let general: Node;
let agent: User;
before(async () => {
  t = await createTestApp({ now: '2026-11-28T04:00:00.000Z' });
  const group = await buildGroup(t);
  garden = await buildUnit(t, { pack: 'real-estate', companyId: (await buildCompany(t, { groupId: group.id })).id });
  hotline = await buildUnit(t, { pack: 'service-centre', companyId: (await buildCompany(t, { groupId: group.id })).id });
  [general] = await buildDepartments(t, hotline, ['综合业务部']);
  agent = await buildUser(t, { role: 'agent', orgNodeId: group.id });
});
after(async () => t.close());

interface Link {
  id: string;
  code: string;
  kind: string;
  direction: string;
}
interface Made {
  id: string;
  code: string;
  links: Link[];
}

/** A complaint's similar links by id, to compare sets (their order, newest first, is checked on its own). */
const similar = (links: Link[]) => links.filter((l) => l.kind === 'similar').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const link = (c: Made, direction: 'to' | 'from'): Link => ({ id: c.id, code: c.code, kind: 'similar', direction });

async function intake(body: Record<string, unknown>): Promise<Made> {
  const res = await t.api('POST', '/api/complaints', { channel: 'phone', receivedAt: t.clock.now.toISOString(), ...body }, { as: agent });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function page(id: string): Promise<Made> {
  const res = await t.api('GET', `/api/complaints/${id}`, undefined, { as: agent });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function act(id: string, body: Record<string, unknown>) {
  const res = await t.api('POST', `/api/complaints/${id}/actions`, body, { as: agent });
  assert.equal(res.statusCode, 200, `${String(body.type)}: ${res.body}`);
}

test('R-SV-1: complaints about the same matter are linked once per pair and each lists the others once', async () => {
  const texts = [
    ['3栋卫生间天花板漏水', '3栋12楼卫生间天花板漏水渗水，楼上防水层可能破损，墙面发霉。'],
    ['3栋楼上漏水导致卫生间天花板渗水', '我家3栋卫生间天花板也在漏水渗水，怀疑楼上防水没做好。'],
    ['3栋卫生间顶部漏水严重', '3栋住户，卫生间天花板漏水，滴水不止，和邻居情况一样，应该是防水问题。'],
  ];
  const made: Made[] = [];
  for (const [i, [title, content]] of texts.entries()) {
    t.clock.advance(60_000);
    const c = await intake({
      unitId: garden.id,
      categoryId: 'engineering-quality',
      customer: { name: `业主${i}`, phone: `1392000000${i}` },
      title,
      content,
    });
    // What the intake answers without reading back is what the page then shows.
    const onPage = (await page(c.id)).links.filter((l) => l.kind === 'similar');
    assert.deepEqual(
      c.links.filter((l) => l.kind === 'similar'),
      onPage,
      `intake ${i}: answer and page agree, in the same order`,
    );
    assert.deepEqual(similar(c.links), similar(made.map((m) => link(m, 'to'))), `intake ${i}: one link to each earlier complaint`);
    made.push(c);
  }
  const [first, second, third] = made;
  assert.deepEqual(
    similar((await page(first.id)).links),
    similar([link(second, 'from'), link(third, 'from')]),
    'the first lists the two later ones once each',
  );
  assert.deepEqual(similar((await page(second.id)).links), similar([link(first, 'to'), link(third, 'from')]));
  assert.deepEqual(
    similar((await page(third.id)).links),
    similar([link(first, 'to'), link(second, 'to')]),
    'the third lists the two earlier ones once each',
  );
  assert.deepEqual(
    (await page(third.id)).links.filter((l) => l.kind === 'similar').map((l) => l.id),
    [second.id, first.id],
    'newest first',
  );
  assert.deepEqual(
    (await page(first.id)).links.filter((l) => l.kind === 'similar').map((l) => l.id),
    [third.id, second.id],
    'newest first',
  );

  const ids = made.map((m) => m.id);
  const rows = await t.database.db
    .selectFrom('complaint_links')
    .select(['from_id', 'to_id'])
    .where('kind', '=', 'similar')
    .where((eb) => eb.or([eb('from_id', 'in', ids), eb('to_id', 'in', ids)]))
    .execute();
  const stored = rows.map((r) => `${ids.indexOf(r.from_id)}→${ids.indexOf(r.to_id)}`).sort();
  assert.deepEqual(stored, ['1→0', '2→0', '2→1'], 'one row per pair, from the later complaint');
});

test('R-RP-2: a case masks the customer of a similar complaint whichever side of the link it is on', async () => {
  const earlier = await intake({
    unitId: hotline.id,
    categoryId: 'service-attitude',
    customer: { name: '王芳', phone: '13922221111' },
    title: '客服热线长时间无人接听',
    content: '拨打客服热线多次，每次等待十分钟以上无人接听，问题一直无法反映。',
  });
  t.clock.advance(60_000);
  const later = await intake({
    unitId: hotline.id,
    categoryId: 'service-attitude',
    customer: { name: '赵磊', phone: '13922223333' },
    title: '客服热线打不通无人接听',
    content: '客服热线连续几天打不通，等很久也无人接听，问题没法反映。',
  });
  assert.deepEqual(similar(later.links), [link(earlier, 'to')], 'the two are about the same matter');
  for (const [c, other] of [
    [earlier, '赵磊'],
    [later, '王芳'],
  ] as const) {
    await act(c.id, { type: 'qualify', result: 'valid' });
    await act(c.id, { type: 'dispatch', leadDepartmentId: general.id });
    await act(c.id, { type: 'acknowledge' });
    await act(c.id, {
      type: 'report',
      cause: '高峰时段排班不足',
      sequence: '核查',
      responsible: '综合业务部',
      conclusion: '有效',
      countermeasures: '增加排班',
      prevention: '高峰时段预警',
    });
    await act(c.id, { type: 'reply', message: '您好，已增加排班。' });
    await act(c.id, { type: 'confirm' });
    await act(c.id, { type: 'visit', score: 4, comment: '满意' });
    await act(c.id, { type: 'close' });
    const res = await t.api(
      'POST',
      `/api/complaints/${c.id}/case`,
      { classification: '热线接通率', lessons: `${other}也反映了同样的问题，回访时${other}表示满意。` },
      { as: agent },
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.ok(!res.body.includes(other), `${other}, the linked complaint's customer, leaked from the case of ${c.code}: ${res.body}`);
  }
});

test('R-SV-1 with #15 item 1: the pack’s similarWindowDays is the window — tuned to 7 days, the same matter 10 days earlier is not counted, 5 days earlier is', async () => {
  const unit = await buildUnit(t, { pack: 'real-estate', companyId: garden.companyId });
  const admin = await buildUser(t, { role: 'admin', orgNodeId: garden.companyId });
  const put = await t.api('PUT', `/api/units/${unit.id}/policy`, { overrides: { severity: { similarWindowDays: 7 } } }, { as: admin });
  assert.equal(put.statusCode, 200, put.body);
  const tooWide = await t.api('PUT', `/api/units/${unit.id}/policy`, { overrides: { severity: { similarWindowDays: 45 } } }, { as: admin });
  assert.equal(tooWide.statusCode, 400, 'a window beyond the intake read’s 30 days is refused');

  const matter = (i: number) => ({
    unitId: unit.id,
    categoryId: 'engineering-quality',
    customer: { name: `窗口业主${i}`, phone: `1393000000${i}` },
    title: '5栋地下车库顶板漏水',
    content: '5栋地下车库顶板漏水严重，车辆被水泡，怀疑防水层破损。',
  });
  const old = await intake(matter(1));
  t.clock.advance(10 * 24 * 3600_000);
  const late = await intake(matter(2));
  assert.deepEqual(similar(late.links), [], 'ten days apart: outside the tuned 7-day window');
  t.clock.advance(5 * 24 * 3600_000);
  const near = await intake(matter(3));
  assert.deepEqual(similar(near.links), [link(late, 'to')], 'five days apart: counted; the one fifteen days back is not');
  assert.ok(!similar((await page(old.id)).links).length, 'the oldest stays alone');
});
