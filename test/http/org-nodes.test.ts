/**
 * The organisation tree through the API (#16 item 2) and the units open to the portal (#16 item 5):
 * create under the kinds' rules, change (rename, move without cycles, pack with the open-complaints
 * question, disable, portal), every change audited with before and after, and an administrator at a
 * company confined to its subtree. The test owns its organisation (test/helpers/factories.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  buildCompany,
  buildComplaint,
  buildDepartments,
  buildGroup,
  buildUnit,
  buildUser,
  type Node,
  type Unit,
  type User,
} from '../helpers/factories.ts';

let t: TestApp;
let group: Node;
let coA: Node, coB: Node;
let unitA: Unit, unitB: Unit;
let root: User, adminA: User, agentA: User;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  group = await buildGroup(t, { name: '测试集团' });
  coA = await buildCompany(t, { groupId: group.id, name: '甲公司' });
  coB = await buildCompany(t, { groupId: group.id, name: '乙公司' });
  unitA = await buildUnit(t, { pack: 'real-estate', companyId: coA.id, name: '甲项目' });
  unitB = await buildUnit(t, { pack: 'real-estate', companyId: coB.id, name: '乙项目' });
  root = await buildUser(t, { role: 'admin', orgNodeId: null, name: '安装管理员' });
  adminA = await buildUser(t, { role: 'admin', orgNodeId: coA.id, name: '甲公司管理员' });
  agentA = await buildUser(t, { role: 'agent', orgNodeId: coA.id });
});
after(async () => t.close());

const as = (user: User) => ({
  post: (url: string, body: unknown) => t.api('POST', url, body, { as: user }),
  patch: (url: string, body: unknown) => t.api('PATCH', url, body, { as: user }),
  get: (url: string) => t.api('GET', url, undefined, { as: user }),
});

async function created(user: User, body: Record<string, unknown>): Promise<{ id: string; policyId: string | null; kind: string }> {
  const res = await as(user).post('/api/org-nodes', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

test('#16 item 2: a company under the group, a unit on its company’s pack, departments under the unit and the company', async () => {
  const co = await created(root, { name: '丙石油公司', kind: 'company', parentId: group.id, policyId: 'fuel-retail' });
  assert.match(co.id, /^co-[0-9a-f]{10}$/);
  const unit = await created(root, { name: '丙一号加油站', kind: 'unit', parentId: co.id });
  assert.equal(unit.policyId, 'fuel-retail', 'a unit without its own pack takes its company’s');
  const own = await created(root, { name: '丙二号餐厅', kind: 'unit', parentId: co.id, policyId: 'restaurant' });
  assert.equal(own.policyId, 'restaurant');
  await created(root, { name: '站务班组', kind: 'department', parentId: unit.id });
  await created(root, { name: '财务部', kind: 'department', parentId: co.id });
  // The new unit takes complaints at once, on the default calendar like every unit.
  const intake = await t.api(
    'POST',
    '/api/complaints',
    { unitId: unit.id, channel: 'phone', customer: { name: '客户', phone: '13700009999' }, title: '加油卡余额错误', content: '余额不对' },
    { as: root },
  );
  assert.equal(intake.statusCode, 201, intake.body);
  assert.equal((await as(root).get(`/api/units/${unit.id}/calendar`)).json().calendar.version, 1);
});

test('#16 item 2: bad input answers 400 naming the field, an unknown parent 404, a clash 409', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ name: '错位单位', kind: 'unit', parentId: group.id, policyId: 'food' }, 'parentId'],
    [{ name: '公司下的公司', kind: 'company', parentId: coA.id }, 'parentId'],
    [{ name: '部门下的单位', kind: 'unit', parentId: unitA.id, policyId: 'food' }, 'parentId'],
    [{ name: '有包的部门', kind: 'department', parentId: unitA.id, policyId: 'food' }, 'policyId'],
    [{ name: '未知包', kind: 'unit', parentId: coA.id, policyId: 'no-such-pack' }, 'policyId'],
    [{ name: '无包单位', kind: 'unit', parentId: coA.id }, 'policyId'],
    [{ name: '门户部门', kind: 'department', parentId: unitA.id, portal: true }, 'portal'],
    [{ name: ' ', kind: 'department', parentId: unitA.id }, 'name'],
    [{ name: '类型错', kind: 'division', parentId: unitA.id }, 'kind'],
    [{ name: '多余字段', kind: 'department', parentId: unitA.id, colour: 'red' }, 'colour'],
    [{ name: '无上级字段', kind: 'department' }, 'parentId'],
  ];
  for (const [body, field] of cases) {
    const res = await as(root).post('/api/org-nodes', body);
    assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
    assert.equal(res.json().error.field, field, res.body);
  }
  const unknown = await as(root).post('/api/org-nodes', { name: '孤儿', kind: 'department', parentId: 'no-such-node' });
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.json().error.message, /organisation node 'no-such-node' not found/);
  const top = await as(root).post('/api/org-nodes', { name: '第二个集团', kind: 'group', parentId: null });
  assert.equal(top.statusCode, 409, `the top node exists already: ${top.body}`);
  const twin = await as(root).post('/api/org-nodes', { name: '甲项目', kind: 'unit', parentId: coA.id, policyId: 'food' });
  assert.equal(twin.statusCode, 409, `two siblings of one name: ${twin.body}`);
  assert.equal((await as(agentA).post('/api/org-nodes', { name: '无权', kind: 'department', parentId: unitA.id })).statusCode, 403);
});

test('#16 item 2: rename and move are audited with before and after; a move under itself is 409, an illegal kind 400', async () => {
  const unit = await created(root, { name: '待改名项目', kind: 'unit', parentId: coA.id, policyId: 'property' });
  const dept = await created(root, { name: '工程部', kind: 'department', parentId: unit.id });
  const renamed = await as(root).patch(`/api/org-nodes/${unit.id}`, { name: '锦绣项目' });
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.equal(renamed.json().name, '锦绣项目');
  const moved = await as(root).patch(`/api/org-nodes/${unit.id}`, { parentId: coB.id });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal(moved.json().parentId, coB.id);

  const cycle = await as(root).patch(`/api/org-nodes/${unit.id}`, { parentId: dept.id });
  assert.equal(cycle.statusCode, 409, cycle.body);
  assert.equal(cycle.json().error.field, 'parentId');
  const self = await as(root).patch(`/api/org-nodes/${unit.id}`, { parentId: unit.id });
  assert.equal(self.statusCode, 409, self.body);
  const illegal = await as(root).patch(`/api/org-nodes/${unit.id}`, { parentId: group.id });
  assert.equal(illegal.statusCode, 400, illegal.body);
  assert.equal(illegal.json().error.field, 'parentId');
  const toTop = await as(root).patch(`/api/org-nodes/${coA.id}`, { parentId: null });
  assert.equal(toTop.statusCode, 400, toTop.body);
  assert.equal((await as(root).patch('/api/org-nodes/no-such-node', { name: 'x' })).statusCode, 404);
  assert.equal((await as(root).patch(`/api/org-nodes/${unit.id}`, { parentId: 'no-such-node' })).statusCode, 404);

  const log = (await as(root).get(`/api/org-nodes/${unit.id}/changes`)).json();
  assert.deepEqual(
    log.map((c: { action: string; before: unknown; after: unknown; by: { id: string; name: string } }) => [
      c.action,
      c.before,
      c.after,
      c.by.name,
    ]),
    [
      ['update', { parentId: coA.id }, { parentId: coB.id }, '安装管理员'],
      ['update', { name: '待改名项目' }, { name: '锦绣项目' }, '安装管理员'],
      [
        'create',
        null,
        { name: '待改名项目', kind: 'unit', parentId: coA.id, policyId: 'property', disabled: false, portal: false },
        '安装管理员',
      ],
    ],
  );
  assert.equal(log[0].by.id, root.id);
  const unchanged = await as(root).patch(`/api/org-nodes/${unit.id}`, { name: '锦绣项目' });
  assert.equal(unchanged.statusCode, 200);
  assert.equal((await as(root).get(`/api/org-nodes/${unit.id}/changes`)).json().length, 3, 'nothing changed, nothing audited');
});

test('#16 item 2: a unit with open complaints changes pack only with runningClocks: keep; its complaints keep the pack they were received under', async () => {
  const unit = await buildUnit(t, { pack: 'real-estate', companyId: coA.id, name: '换包项目' });
  const { complaint } = await buildComplaint(t, { unitId: unit.id });
  const refused = await as(root).patch(`/api/org-nodes/${unit.id}`, { policyId: 'property' });
  assert.equal(refused.statusCode, 409, refused.body);
  assert.equal(refused.json().error.field, 'runningClocks');
  assert.match(refused.json().error.message, /1 open complaint/);
  const kept = await as(root).patch(`/api/org-nodes/${unit.id}`, { policyId: 'property', runningClocks: 'keep' });
  assert.equal(kept.statusCode, 200, kept.body);
  assert.equal(kept.json().policyId, 'property');
  const old = (await as(root).get(`/api/complaints/${complaint.id}`)).json();
  assert.equal(old.policyId, 'real-estate', 'the open complaint keeps its pack');
  const { complaint: fresh } = await buildComplaint(t, { unitId: unit.id });
  assert.equal((await as(root).get(`/api/complaints/${fresh.id}`)).json().policyId, 'property', 'a new complaint runs on the new pack');
  const emptyUnit = await buildUnit(t, { pack: 'real-estate', companyId: coA.id, name: '空项目' });
  assert.equal(
    (await as(root).patch(`/api/org-nodes/${emptyUnit.id}`, { policyId: 'food' })).statusCode,
    200,
    'no open complaint, no question',
  );
});

test('#16 item 2: a disabled unit takes no new complaint (409), keeps its history, is listed as disabled, and can be enabled again', async () => {
  const unit = await buildUnit(t, { pack: 'real-estate', companyId: coA.id, name: '停用项目' });
  const { complaint } = await buildComplaint(t, { unitId: unit.id });
  const off = await as(root).patch(`/api/org-nodes/${unit.id}`, { disabled: true });
  assert.equal(off.statusCode, 200, off.body);
  assert.equal(off.json().disabled, true);
  const body = {
    unitId: unit.id,
    channel: 'phone',
    customer: { name: '客户', phone: '13700008888' },
    title: '停用后来电',
    content: '内容',
  };
  const refused = await t.api('POST', '/api/complaints', body, { as: root });
  assert.equal(refused.statusCode, 409, refused.body);
  assert.match(refused.json().error.message, /disabled/);
  assert.equal((await as(root).get(`/api/complaints/${complaint.id}`)).statusCode, 200, 'its history stays');
  const listed = (await as(root).get('/api/org-nodes')).json().find((n: { id: string }) => n.id === unit.id);
  assert.equal(listed.disabled, true);
  // Disabling the company stops its units too.
  assert.equal((await as(root).patch(`/api/org-nodes/${unit.id}`, { disabled: false })).statusCode, 200);
  assert.equal((await t.api('POST', '/api/complaints', body, { as: root })).statusCode, 201, 'enabled again');
  const co = await buildCompany(t, { groupId: group.id, name: '停用公司' });
  const under = await buildUnit(t, { pack: 'food', companyId: co.id });
  assert.equal((await as(root).patch(`/api/org-nodes/${co.id}`, { disabled: true })).statusCode, 200);
  assert.equal((await t.api('POST', '/api/complaints', { ...body, unitId: under.id }, { as: root })).statusCode, 409);
});

test('#16 item 5: the portal lists and accepts only units opened to it and not disabled; a closed unit answers 404 naming it', async () => {
  const unit = await buildUnit(t, { pack: 'service-centre', companyId: coA.id, name: '门户热线' });
  const portalUnits = async () => (await t.app.inject({ method: 'GET', url: '/api/portal/units' })).json().map((u: { id: string }) => u.id);
  const submit = () =>
    t.app.inject({
      method: 'POST',
      url: '/api/portal/complaints',
      payload: { unitId: unit.id, customer: { name: '市民', phone: '13700007777' }, title: '热线无人接听', content: '打了三次' },
    });
  assert.ok(!(await portalUnits()).includes(unit.id), 'a unit starts closed');
  const closed = await submit();
  assert.equal(closed.statusCode, 404, closed.body);
  assert.match(closed.json().error.message, new RegExp(`unit '${unit.id}'`));

  const opened = await as(root).patch(`/api/org-nodes/${unit.id}`, { portal: true });
  assert.equal(opened.statusCode, 200, opened.body);
  assert.equal(opened.json().portal, true);
  assert.ok((await portalUnits()).includes(unit.id));
  assert.equal((await submit()).statusCode, 201);

  await as(root).patch(`/api/org-nodes/${unit.id}`, { disabled: true });
  assert.ok(!(await portalUnits()).includes(unit.id), 'a disabled unit is hidden even when open');
  assert.equal((await submit()).statusCode, 404);
  await as(root).patch(`/api/org-nodes/${unit.id}`, { disabled: false, portal: false });
  assert.ok(!(await portalUnits()).includes(unit.id), 'closed again');
  const onCompany = await as(root).patch(`/api/org-nodes/${coA.id}`, { portal: true });
  assert.equal(onCompany.statusCode, 400);
  assert.equal(onCompany.json().error.field, 'portal');
});

test('#16 item 2: an administrator at company A works inside A only and never sees company B', async () => {
  const a = as(adminA);
  const list = (await a.get('/api/org-nodes')).json() as { id: string; editable: boolean }[];
  const ids = list.map((n) => n.id);
  assert.ok(ids.includes(coA.id) && ids.includes(unitA.id));
  assert.ok(!ids.includes(coB.id) && !ids.includes(unitB.id), 'company B is not shown');
  assert.deepEqual(
    list.filter((n) => !n.editable).map((n) => n.id),
    [group.id],
    'the group above is shown for the path, not editable',
  );
  const dept = await created(adminA, { name: '甲客服部', kind: 'department', parentId: unitA.id });
  assert.ok(dept.id);
  const newCompany = await a.post('/api/org-nodes', { name: '甲的新公司', kind: 'company', parentId: group.id });
  assert.equal(newCompany.statusCode, 404, `a company administrator creates no company: ${newCompany.body}`);
  const underB = await a.post('/api/org-nodes', { name: '潜入', kind: 'department', parentId: unitB.id });
  assert.equal(underB.statusCode, 404);
  assert.match(underB.json().error.message, /not found/);
  assert.equal((await a.patch(`/api/org-nodes/${unitB.id}`, { name: '改乙' })).statusCode, 404);
  assert.equal((await a.patch(`/api/org-nodes/${coB.id}`, { disabled: true })).statusCode, 404);
  assert.equal((await a.get(`/api/org-nodes/${unitB.id}/changes`)).statusCode, 404);
  assert.equal((await a.patch(`/api/org-nodes/${unitA.id}`, { parentId: coB.id })).statusCode, 404, 'nothing moves out of the subtree');
  assert.equal((await a.patch(`/api/org-nodes/${coA.id}`, { parentId: null })).statusCode, 400);
  const renamed = await a.patch(`/api/org-nodes/${unitA.id}`, { name: '甲项目（一期）' });
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.equal((await as(agentA).get('/api/org-nodes')).statusCode, 403, 'org.manage is the administrator’s');
  assert.equal((await as(agentA).patch(`/api/org-nodes/${unitA.id}`, { name: 'x' })).statusCode, 403);
});

test('#15 item 1, R-LC-5: a unit’s own reply approval is set on the organisation page and wins over its pack’s default; null returns to the pack; the portal switch keeps it', async () => {
  const unit = await buildUnit(t, { pack: 'real-estate', companyId: coA.id, name: '审批项目' }); // the pack: no approval by default
  const [dept] = await buildDepartments(t, unit, ['客服部']);
  const replyStatus = async () => {
    const c = (await buildComplaint(t, { unitId: unit.id, title: '门禁卡失灵', content: '门禁卡刷不开单元门。' })).complaint.id;
    for (const body of [
      { type: 'qualify', result: 'valid' },
      { type: 'dispatch', leadDepartmentId: dept.id },
      { type: 'acknowledge' },
      {
        type: 'report',
        cause: '读卡器故障',
        sequence: '现场检查',
        responsible: '物业',
        conclusion: '属实',
        countermeasures: '更换',
        prevention: '巡检',
      },
    ]) {
      const r = await as(agentA).post(`/api/complaints/${c}/actions`, body);
      assert.equal(r.statusCode, 200, r.body);
    }
    const replied = await as(agentA).post(`/api/complaints/${c}/actions`, { type: 'reply', message: '已更换读卡器。' });
    assert.equal(replied.statusCode, 200, replied.body);
    return replied.json().status as string;
  };
  assert.equal((await as(adminA).get('/api/org-nodes')).json().find((n: { id: string }) => n.id === unit.id).replyApproval, null);
  assert.equal(await replyStatus(), 'replied', 'the pack’s default: no approval');

  const on = await as(adminA).patch(`/api/org-nodes/${unit.id}`, { replyApproval: true });
  assert.equal(on.statusCode, 200, on.body);
  assert.equal(on.json().replyApproval, true);
  assert.equal(await replyStatus(), 'awaiting_approval', 'the unit’s own setting wins');
  const opened = await as(adminA).patch(`/api/org-nodes/${unit.id}`, { portal: true });
  assert.equal(opened.json().replyApproval, true, 'opening the portal keeps the other settings');
  const changes = (await as(adminA).get(`/api/org-nodes/${unit.id}/changes`)).json();
  assert.ok(
    changes.some(
      (c: { before: { replyApproval?: unknown }; after: { replyApproval?: unknown } }) =>
        c.before?.replyApproval === undefined && c.after.replyApproval === true,
    ),
  );

  const back = await as(adminA).patch(`/api/org-nodes/${unit.id}`, { replyApproval: null });
  assert.equal(back.json().replyApproval, null);
  assert.equal(back.json().portal, true);
  assert.equal(await replyStatus(), 'replied', 'back to the pack’s default');
  const onCompany = await as(adminA).patch(`/api/org-nodes/${coA.id}`, { replyApproval: true });
  assert.equal(onCompany.statusCode, 400);
  assert.equal(onCompany.json().error.field, 'replyApproval');
});
