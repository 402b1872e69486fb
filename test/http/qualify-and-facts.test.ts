/**
 * Issue #15 items 1 (qualification's pick-lists) and 2 (facts after intake; a level chosen at qualify),
 * through HTTP on the test's own organisation (test/helpers/factories.ts): a real-estate project (S0 Vanke)
 * and a fuel station (S0 第五篇), a service-centre agent and a department handler.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildComplaint, buildDepartments, buildUnit, buildUser, type Node, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let garden: Unit, station: Unit;
let eng: Node;
let agent: User, handler: User, viewer: User;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' }); // Tuesday 10:00 in Shanghai
  garden = await buildUnit(t, { pack: 'real-estate' });
  station = await buildUnit(t, { pack: 'fuel-retail', companyId: garden.companyId });
  [eng] = await buildDepartments(t, garden, ['工程部']);
  agent = await buildUser(t, { role: 'agent', orgNodeId: garden.companyId });
  handler = await buildUser(t, { role: 'handler', orgNodeId: eng.id });
  viewer = await buildUser(t, { role: 'viewer', orgNodeId: garden.companyId });
});
after(async () => t.close());

const act = (id: string, body: Record<string, unknown>, as: User = agent) => t.api('POST', `/api/complaints/${id}/actions`, body, { as });
const page = async (id: string) => (await t.api('GET', `/api/complaints/${id}`, undefined, { as: agent })).json();
// Each complaint about a matter of its own, so that similar complaints (R-SV-1) raise no level here.
const MATTERS = [
  ['卫生间天花板漏水', '主卫天花板持续漏水，墙面发霉。'],
  ['电梯频繁故障', '3号楼电梯一周停运三次，老人上下楼困难。'],
  ['车库积水', '地下车库B区雨后积水，车辆无法进出。'],
  ['外墙瓷砖脱落', '5栋外墙瓷砖脱落，砸坏楼下车辆。'],
  ['交房延期', '合同约定十月交房，至今未交付。'],
  ['发票未开具', '加油后要求开具发票被拒绝。'],
  ['油品质量问题', '加油后发动机故障灯亮，怀疑油品不合格。'],
  ['加油员态度恶劣', '加油员出言不逊，拒绝道歉。'],
  ['窗户密封不严', '卧室窗户漏风漏雨，冬天室内很冷。'],
  ['绿化缺失', '小区绿化与宣传图不符，草坪未种植。'],
  ['便利店商品过期', '便利店购买的牛奶已过保质期。'],
];
let matter = 0;
const newAt = async (unit: Unit, extra: Record<string, unknown> = {}) => {
  const [title, content] = MATTERS[matter++ % MATTERS.length];
  return (await buildComplaint(t, { unitId: unit.id, title, content, ...extra })).complaint.id;
};
type Ev = { type: string; data: Record<string, unknown>; actor?: { label?: string } | null; actorLabel?: string };
const eventsOf = async (id: string, type: string): Promise<Ev[]> => ((await page(id)).events as Ev[]).filter((e) => e.type === type);

// ── Item 1: the pick-lists of qualify (R-Q-1, R-Q-2) ─────────────────────────────────────────────

test('R-Q-2, S0 gas §3–4: an invalid qualification must name one of the pack’s invalid reasons', async () => {
  const id = await newAt(station);
  const missing = await act(id, { type: 'qualify', result: 'invalid', reason: '与本公司无关' });
  assert.equal(missing.statusCode, 400, missing.body);
  assert.equal(missing.json().error.field, 'invalidReasonId');
  const unknown = await act(id, { type: 'qualify', result: 'invalid', invalidReasonId: 'rude', reason: '与本公司无关' });
  assert.equal(unknown.statusCode, 400, unknown.body);
  assert.equal(unknown.json().error.field, 'invalidReasonId');
  assert.match(unknown.json().error.message, /competitor/, 'the message lists the pack’s reasons');
  assert.equal((await page(id)).status, 'received', 'nothing was written');

  const ok = await act(id, { type: 'qualify', result: 'invalid', invalidReasonId: 'malicious', reason: '酒后恶意投诉，经站长核实' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().status, 'closed');
  const [q] = await eventsOf(id, 'qualified');
  assert.equal(q.data.invalidReasonId, 'malicious');
  assert.equal(q.data.reason, '酒后恶意投诉，经站长核实');
});

test('S0 第五篇 第三条–第四条: the fuel taxonomy sorts matters into valid, invalid and suggestion; qualify cannot contradict it', async () => {
  const id = await newAt(station);
  const asValid = await act(id, { type: 'qualify', result: 'valid', categoryId: 'invalid-competitor' });
  assert.equal(asValid.statusCode, 400, asValid.body);
  assert.equal(asValid.json().error.field, 'categoryId');
  assert.match(asValid.json().error.message, /invalid/);
  const suggestionAsValid = await act(id, { type: 'qualify', result: 'valid', categoryId: 'suggestion-card-pump' });
  assert.equal(suggestionAsValid.statusCode, 400, suggestionAsValid.body);
  assert.equal((await page(id)).status, 'received', 'nothing was written');

  const ok = await act(id, { type: 'qualify', result: 'suggestion', categoryId: 'suggestion-card-pump', reason: '卡机不联动，转业务部门' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().qualification, 'suggestion');
  // A category filed under valid complaints (数质量类) with a valid qualification is taken as before.
  const other = await newAt(station);
  assert.equal((await act(other, { type: 'qualify', result: 'valid', categoryId: 'fuel-quantity' })).statusCode, 200);
});

test('R-Q-1, S0 food 4.1.1: a valid qualification records the pack’s criteria ticked, and only those', async () => {
  const id = await newAt(garden);
  const bad = await act(id, { type: 'qualify', result: 'valid', criteria: ['named-unit', 'looks-plausible'] });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.equal(bad.json().error.field, 'criteria[1]');
  const misplaced = await act(id, { type: 'qualify', result: 'valid', invalidReasonId: 'unrelated' });
  assert.equal(misplaced.statusCode, 400);
  assert.equal(misplaced.json().error.field, 'invalidReasonId');

  const ok = await act(id, { type: 'qualify', result: 'valid', criteria: ['named-unit', 'concrete-facts', 'contact'] });
  assert.equal(ok.statusCode, 200, ok.body);
  const [q] = await eventsOf(id, 'qualified');
  assert.deepEqual(q.data.criteria, ['named-unit', 'concrete-facts', 'contact']);
});

test('R-LC-4: a suggestion closes with its reason and takes no invalid reason', async () => {
  const id = await newAt(station);
  const r = await act(id, { type: 'qualify', result: 'suggestion', invalidReasonId: 'unrelated', reason: '建议增设洗手间' });
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().error.field, 'invalidReasonId');
  const ok = await act(id, { type: 'qualify', result: 'suggestion', reason: '建议增设洗手间' });
  assert.equal(ok.json().status, 'closed');
});

// ── Item 2: a level chosen at qualify (R-SV-4, S0 Vanke 5.5.2.5) ────────────────────────────────

test('R-SV-4: a level chosen at qualify above the automatic one is taken, and the log says it was chosen there', async () => {
  const id = await newAt(garden);
  assert.equal((await page(id)).level, 'general');
  const r = await act(id, { type: 'qualify', result: 'valid', level: 'hot' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().level, 'hot');
  const [change] = await eventsOf(id, 'level_changed');
  assert.equal(change.data.level, 'hot');
  assert.equal(change.data.manual, true);
  assert.equal(change.data.via, 'qualify');
  assert.equal(change.data.automatic, 'general');
});

test('R-SV-4, S0 Vanke 5.5.2.5: a level below the automatic one is refused without a reason, and taken with one', async () => {
  // Three complainants together: hot by R-SV-1 from intake.
  const id = await newAt(garden, { complainantCount: 3 });
  assert.equal((await page(id)).level, 'hot');
  const refused = await act(id, { type: 'qualify', result: 'valid', level: 'general' });
  assert.equal(refused.statusCode, 400, refused.body);
  assert.equal(refused.json().error.field, 'level');
  assert.match(refused.json().error.message, /automatic level 'hot'.*reason/);
  assert.equal((await page(id)).status, 'received', 'nothing was written');

  const lowered = await act(id, { type: 'qualify', result: 'valid', level: 'general', reason: '三位业主为同一户家庭成员，实为一户投诉' });
  assert.equal(lowered.statusCode, 200, lowered.body);
  assert.equal(lowered.json().level, 'general', 'the person’s lower level stands: the rules do not raise it back in the same step');
  const [change] = (await eventsOf(id, 'level_changed')).filter((e) => e.data.manual === true);
  assert.equal(change.data.reason, '三位业主为同一户家庭成员，实为一户投诉');
  assert.equal(change.data.automatic, 'hot');
});

test('R-SV-4: the automatic level itself, chosen at qualify, changes nothing; an invalid complaint takes no level', async () => {
  const id = await newAt(garden);
  const same = await act(id, { type: 'qualify', result: 'valid', level: 'general' });
  assert.equal(same.statusCode, 200, same.body);
  assert.equal((await eventsOf(id, 'level_changed')).filter((e) => e.data.manual === true).length, 0);

  const other = await newAt(garden);
  const r = await act(other, { type: 'qualify', result: 'invalid', invalidReasonId: 'unrelated', reason: '无关', level: 'major' });
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().error.field, 'level');
});

// ── Item 2: facts that arise after intake (R-SV-1, R-SV-4) ──────────────────────────────────────

test('R-SV-1, S0 Vanke 5.5.1.1: a lawsuit filed after intake is recorded with who and why, and the level rises to major at once', async () => {
  const id = await newAt(garden);
  await act(id, { type: 'qualify', result: 'valid' });
  const noReason = await act(id, { type: 'record_facts', flags: { lawsuit: true } });
  assert.equal(noReason.statusCode, 400);
  assert.equal(noReason.json().error.field, 'reason');
  const nothing = await act(id, { type: 'record_facts', flags: { lawsuit: false }, reason: '核实' });
  assert.equal(nothing.statusCode, 400, 'a fact already on record is no change');
  assert.equal(nothing.json().error.field, 'flags');

  const r = await act(id, { type: 'record_facts', flags: { lawsuit: true }, reason: '业主已向区法院起诉' });
  assert.equal(r.statusCode, 200, r.body);
  const after = r.json();
  assert.equal(after.level, 'major');
  assert.equal(after.flags.lawsuit, true);
  const [recorded] = await eventsOf(id, 'facts_recorded');
  assert.deepEqual(recorded.data.flags, { lawsuit: { from: false, to: true } });
  assert.equal(recorded.data.reason, '业主已向区法院起诉');
  const full = await page(id);
  const stored = (full.events as (Ev & { actorName?: string; actorId?: string })[]).find((e) => e.type === 'facts_recorded')!;
  assert.ok(JSON.stringify(stored).includes(agent.name), 'the event names who recorded it');
  const raised = (full.events as Ev[]).filter((e) => e.type === 'level_changed').at(-1)!;
  assert.equal(raised.data.level, 'major');
  assert.equal(raised.data.manual, false);
});

test('R-SV-1, R-SV-4: a larger complainant count raises (3 → hot, 10 → major); withdrawing a fact never lowers', async () => {
  const id = await newAt(garden);
  const hot = await act(id, { type: 'record_facts', complainantCount: 4, reason: '又有三户业主加入' });
  assert.equal(hot.statusCode, 200, hot.body);
  assert.equal(hot.json().level, 'hot');
  assert.equal(hot.json().complainantCount, 4);
  const major = await act(id, { type: 'record_facts', complainantCount: 12, reason: '业主联名信 12 户' });
  assert.equal(major.json().level, 'major');
  const back = await act(id, { type: 'record_facts', complainantCount: 2, reason: '核实后仅两户' });
  assert.equal(back.statusCode, 200, back.body);
  assert.equal(back.json().complainantCount, 2);
  assert.equal(back.json().level, 'major', 'only a person lowers a level, with set_level and its reason');
});

test('R-SV-1 S0 Vanke 5.5.1.3: needing outside support makes a complaint important; recorded by the department’s handler', async () => {
  const id = await newAt(garden);
  await act(id, { type: 'qualify', result: 'valid' });
  await act(id, { type: 'dispatch', leadDepartmentId: eng.id });
  const r = await act(id, { type: 'record_facts', flags: { supportNeeded: true }, reason: '需设计院顾问复核结构' }, handler);
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().level, 'important');
  const denied = await act(id, { type: 'record_facts', flags: { media: true }, reason: 'x' }, viewer);
  assert.ok(denied.statusCode === 403 || denied.statusCode === 404, denied.body);
});

test('R-SV-2, S0 gas §5: media involvement at a station makes it level 1; a closed complaint takes no facts (409)', async () => {
  const id = await newAt(station);
  const r = await act(id, { type: 'record_facts', flags: { mediaThreat: true }, reason: '客户称将向电视台反映' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().level, 'level1');

  const closed = await newAt(station);
  await act(closed, { type: 'qualify', result: 'invalid', invalidReasonId: 'competitor', reason: '竞争对手' });
  const late = await act(closed, { type: 'record_facts', flags: { media: true }, reason: '见报' });
  assert.equal(late.statusCode, 409, late.body);
});
