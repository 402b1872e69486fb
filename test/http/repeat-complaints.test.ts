/**
 * Repeat complaints (issue #15 item 3; R-LC-3, R-SV-1; S0 Vanke 5.5.1.3 "处理完毕后发生二次投诉的"): a new
 * complaint from the same customer about the same matter after the earlier one was closed counts as a
 * repeat, is linked to it, and is important in the real-estate pack. The test owns its organisation
 * (test/helpers/factories.ts): a real-estate project with an engineering department, an agent.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildDepartments, buildUnit, buildUser, type Node, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let garden: Unit;
let eng: Node;
let agent: User;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  garden = await buildUnit(t, { pack: 'real-estate' });
  [eng] = await buildDepartments(t, garden, ['工程部']);
  agent = await buildUser(t, { role: 'agent', orgNodeId: garden.companyId });
});
after(async () => t.close());

interface Made {
  id: string;
  code: string;
  level: string;
  repeatCount: number;
  status: string;
  links: { id: string; code: string; kind: string; direction: string }[];
  events: { type: string; data: Record<string, unknown> }[];
}

const LEAK = { title: '3栋1201室卫生间天花板漏水', content: '主卫天花板持续漏水，墙面发霉，请尽快维修。' };
const LEAK_AGAIN = { title: '3栋1201卫生间天花板又漏水了', content: '上次维修后主卫天花板再次漏水，墙面又发霉。' };
const DOOR = { title: '单元门禁卡无法使用', content: '新办理的门禁卡刷不开单元门，物业说系统故障。' };

async function intake(phone: string, text: { title: string; content: string }, name = '王先生'): Promise<Made> {
  const res = await t.api(
    'POST',
    '/api/complaints',
    { unitId: garden.id, channel: 'phone', customer: { name, phone, type: 'owner' }, ...text },
    { as: agent },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function act(id: string, body: Record<string, unknown>): Promise<Made> {
  const res = await t.api('POST', `/api/complaints/${id}/actions`, body, { as: agent });
  assert.equal(res.statusCode, 200, `${String(body.type)}: ${res.body}`);
  return res.json();
}

const page = async (id: string): Promise<Made> => (await t.api('GET', `/api/complaints/${id}`, undefined, { as: agent })).json();

/** Works a complaint through to closure as valid (R-LC-2). */
async function handleAndClose(id: string): Promise<void> {
  await act(id, { type: 'qualify', result: 'valid' });
  await act(id, { type: 'dispatch', leadDepartmentId: eng.id });
  await act(id, { type: 'acknowledge' });
  await act(id, {
    type: 'report',
    cause: '楼上防水层破损',
    sequence: '当日上门核查',
    responsible: '工程部',
    conclusion: '属实',
    countermeasures: '重做防水',
    prevention: '交付前闭水试验',
  });
  await act(id, { type: 'reply', message: '已重做防水层' });
  await act(id, { type: 'confirm' });
  await act(id, { type: 'visit', score: 4 });
  const closed = await act(id, { type: 'close' });
  assert.equal(closed.status, 'closed');
}

test('R-LC-3, R-SV-1, S0 Vanke 5.5.1.3: the same customer about the same matter after closure is a repeat: counted, linked, important', async () => {
  const first = await intake('13911110001', LEAK);
  assert.equal(first.level, 'general');
  await handleAndClose(first.id);
  t.clock.advance(40 * 86_400_000); // beyond the 30-day window of similar complaints: a repeat has none

  const again = await intake('13911110001', LEAK_AGAIN);
  assert.equal(again.repeatCount, 1);
  assert.equal(again.level, 'important');
  assert.deepEqual(
    again.links.map((l) => [l.code, l.kind, l.direction]),
    [[first.code, 'repeat', 'to']],
  );
  const raised = again.events.find((e) => e.type === 'level_changed')!;
  assert.equal(raised.data.ruleId, 'R-SV-1/repeat');
  const received = again.events.find((e) => e.type === 'received')!;
  assert.deepEqual(received.data.repeatOf, { complaintId: first.id, code: first.code, repeatCount: 1 });

  // The page shows what the intake answered, and the earlier record shows the repeat from its side.
  assert.deepEqual((await page(again.id)).links, again.links);
  assert.deepEqual(
    (await page(first.id)).links.map((l) => [l.code, l.kind, l.direction]),
    [[again.code, 'repeat', 'from']],
  );

  // A third time, after the second was closed too: the count goes on from the second.
  await handleAndClose(again.id);
  const third = await intake('13911110001', LEAK);
  assert.equal(third.repeatCount, 2);
  assert.equal(third.links.find((l) => l.kind === 'repeat')!.id, again.id, 'the newest earlier complaint of the matter');
});

test('R-LC-3: within the similar window, the closed earlier complaint is linked once, as the repeat', async () => {
  const first = await intake('13911110002', LEAK, '李女士');
  await handleAndClose(first.id);
  t.clock.advance(2 * 86_400_000);
  const again = await intake('13911110002', LEAK_AGAIN, '李女士');
  assert.equal(again.repeatCount, 1);
  const toFirst = again.links.filter((l) => l.id === first.id);
  assert.deepEqual(
    toFirst.map((l) => l.kind),
    ['repeat'],
  );
});

test('R-LC-3: no repeat for another matter, another customer, an open earlier complaint, or one closed as invalid', async () => {
  const closed = await intake('13911110003', LEAK, '赵先生');
  await handleAndClose(closed.id);
  t.clock.advance(86_400_000);

  const otherMatter = await intake('13911110003', DOOR, '赵先生');
  assert.equal(otherMatter.repeatCount, 0);
  assert.equal(otherMatter.level, 'general');

  const otherCustomer = await intake('13911110004', LEAK_AGAIN, '钱女士');
  assert.equal(otherCustomer.repeatCount, 0);
  assert.ok(!otherCustomer.links.some((l) => l.kind === 'repeat'));

  const open = await intake('13911110005', LEAK, '孙先生');
  const whileOpen = await intake('13911110005', LEAK_AGAIN, '孙先生');
  assert.equal(whileOpen.repeatCount, 0, 'a second call about an open complaint is not a repeat after handling');
  assert.ok(whileOpen.links.some((l) => l.id === open.id && l.kind === 'similar'));

  const invalid = await intake('13911110006', LEAK, '周女士');
  await act(invalid.id, { type: 'qualify', result: 'invalid', invalidReasonId: 'unrelated', reason: '非本项目房源' });
  const afterInvalid = await intake('13911110006', LEAK_AGAIN, '周女士');
  assert.equal(afterInvalid.repeatCount, 0);
});
