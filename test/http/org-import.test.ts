/**
 * Import of the organisation tree and its people from one workbook (#16 item 2): a good workbook makes
 * the nodes and users (users without a usable password, listed as needing an invitation); any wrong
 * row answers 400 listing every wrong row by sheet, row and column, and nothing is written; a dry run
 * writes nothing; an administrator at a company imports only inside it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildCompany, buildGroup, buildUnit, buildUser, type Node, type Unit, type User } from '../helpers/factories.ts';

let t: TestApp;
let group: Node, coB: Node;
let unitB: Unit;
let root: User, adminB: User;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  group = await buildGroup(t, { name: '导入集团' });
  coB = await buildCompany(t, { groupId: group.id, name: '既有公司' });
  unitB = await buildUnit(t, { pack: 'food', companyId: coB.id, name: '既有工厂' });
  root = await buildUser(t, { role: 'admin', orgNodeId: null });
  adminB = await buildUser(t, { role: 'admin', orgNodeId: coB.id });
});
after(async () => t.close());

async function workbook(org: string[][], people?: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const o = wb.addWorksheet('组织');
  for (const r of org) o.addRow(r);
  if (people) {
    const p = wb.addWorksheet('人员');
    for (const r of people) p.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(bytes: Buffer, dryRun = false) {
  const boundary = 'orgimportboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="org.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return t.app.inject({
    method: 'POST',
    url: `/api/org-nodes/import${dryRun ? '?dryRun=true' : ''}`,
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${dummy}` },
  });
}
let dummy = '';
async function as(user: User) {
  dummy = await t.tokenFor(user);
}

const ORG_HEADER = ['名称', '类型', '上级', '政策包', '开放门户'];
const PEOPLE_HEADER = ['邮箱', '姓名', '角色', '所属组织', '岗位'];

const nodeNames = async () =>
  (await t.api('GET', '/api/org-nodes', undefined, { as: root })).json().map((n: { name: string }) => n.name) as string[];

test('#16 item 2: a good workbook creates the tree (parents by name in the file or existing) and its users, who need an invitation', async () => {
  await as(root);
  const bytes = await workbook(
    [
      ORG_HEADER,
      // The unit comes before its company: rows are made after their parents, whatever the order.
      ['海景花园项目', '项目', '海景地产公司', '', '是'],
      ['海景地产公司', '公司', '导入集团', '万科投诉处理办法', ''],
      ['工程管理部', '部门', '海景花园项目', '', ''],
      ['质检部', '部门', unitB.id, '', '否'],
    ],
    [
      PEOPLE_HEADER,
      ['Li.Qiang@example.com', '李强', '项目客服专员', '海景花园项目', 'cs_specialist'],
      ['zhao@example.com', '赵磊', 'handler', '工程管理部', ''],
      ['qian@example.com', '钱敏', '系统管理员', '既有公司', ''],
    ],
  );
  const res = await upload(bytes);
  assert.equal(res.statusCode, 200, res.body);
  const r = res.json();
  assert.equal(r.dryRun, false);
  assert.deepEqual(r.nodes.map((n: { row: number; kind: string }) => [n.row, n.kind]).sort(), [
    [2, 'unit'],
    [3, 'company'],
    [4, 'department'],
    [5, 'department'],
  ]);
  const company = r.nodes.find((n: { row: number }) => n.row === 3);
  const unit = r.nodes.find((n: { row: number }) => n.row === 2);
  assert.equal(company.parentId, group.id);
  assert.equal(unit.parentId, company.id);
  assert.deepEqual(r.needsInvite, ['li.qiang@example.com', 'zhao@example.com', 'qian@example.com']);

  const nodes = (await t.api('GET', '/api/org-nodes', undefined, { as: root })).json() as {
    id: string;
    policyId: string;
    portal: boolean;
  }[];
  const made = nodes.find((n) => n.id === unit.id)!;
  assert.equal(made.policyId, 'real-estate', 'the pack named by its Chinese name, inherited from the company');
  assert.equal(made.portal, true);

  const users = (await t.api('GET', '/api/users', undefined, { as: root })).json() as {
    email: string;
    role: string;
    orgNodeId: string;
    positions: { positionId: string; orgNodeId: string }[];
  }[];
  const li = users.find((u) => u.email === 'li.qiang@example.com')!;
  assert.equal(li.role, 'specialist');
  assert.equal(li.orgNodeId, unit.id);
  assert.deepEqual(li.positions, [{ positionId: 'cs_specialist', orgNodeId: unit.id }]);
  assert.equal(users.find((u) => u.email === 'qian@example.com')!.orgNodeId, coB.id);
  for (const password of ['', 'test-password-1', '!no-password:invite']) {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'zhao@example.com', password: password || 'x' },
    });
    assert.equal(login.statusCode, 401, 'an imported user has no usable password until invited');
  }
  // Imported people are invited accounts (#16 item 3): the page lists them so, and the invitation link
  // lets them set a password and sign in.
  const zhao = (await t.api('GET', '/api/users', undefined, { as: root }))
    .json()
    .find((u: { email: string }) => u.email === 'zhao@example.com');
  assert.equal(zhao.invited, true);
  const invite = await t.api('POST', `/api/users/${zhao.id}/invite`, undefined, { as: root });
  assert.equal(invite.statusCode, 200, invite.body);
  const token = String(invite.json().url).split('#token=')[1];
  const accepted = await t.app.inject({
    method: 'POST',
    url: '/api/auth/invite/accept',
    payload: { token, password: 'a long phrase of his own 4' },
  });
  assert.equal(accepted.statusCode, 200, accepted.body);
  const signedIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'zhao@example.com', password: 'a long phrase of his own 4' },
  });
  assert.equal(signedIn.statusCode, 200, signedIn.body);
  const log = (await t.api('GET', `/api/org-nodes/${company.id}/changes`, undefined, { as: root })).json();
  assert.equal(log[0].action, 'create', 'imported nodes are audited like any other');
});

test('#16 item 2: wrong rows answer 400 listing each by sheet, row and column; nothing is written', async () => {
  await as(root);
  const before = await nodeNames();
  const bytes = await workbook(
    [
      ORG_HEADER,
      ['好公司', '公司', '导入集团', '', ''],
      ['坏类型', '分公司', '好公司', '', ''],
      ['无上级', '部门', '不存在的节点', '', ''],
      ['无包项目', '单位', '好公司', '', ''],
    ],
    [PEOPLE_HEADER, ['bad-address', '某人', 'agent', '好公司', ''], ['ok@example.com', '某人', '老板', '好公司', '']],
  );
  const res = await upload(bytes);
  assert.equal(res.statusCode, 400, res.body);
  const body = res.json();
  assert.equal(body.error.code, 'VALIDATION');
  assert.deepEqual(
    body.rows.map((e: { sheet: string; row: number; field: string }) => [e.sheet, e.row, e.field]),
    [
      ['人员', 2, '邮箱'],
      ['人员', 3, '角色'],
      ['组织', 3, '类型'],
      ['组织', 4, '上级'],
      ['组织', 5, '政策包'],
    ],
  );
  assert.deepEqual(await nodeNames(), before, 'not even the good rows were written');
  const users = (await t.api('GET', '/api/users', undefined, { as: root })).json() as { email: string }[];
  assert.ok(!users.some((u) => u.email === 'ok@example.com'));
});

test('#16 item 2: a dry run answers what the import would do and writes nothing', async () => {
  await as(root);
  const before = await nodeNames();
  const bytes = await workbook(
    [ORG_HEADER, ['预演公司', '公司', '导入集团', 'food', '']],
    [PEOPLE_HEADER, ['dry@example.com', '预演', 'agent', '预演公司', '']],
  );
  const res = await upload(bytes, true);
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().dryRun, true);
  assert.equal(res.json().nodes.length, 1);
  assert.deepEqual(
    res.json().users.map((u: { id: string | null; email: string }) => [u.id, u.email]),
    [[null, 'dry@example.com']],
  );
  assert.deepEqual(await nodeNames(), before);
  const again = await upload(bytes, true);
  assert.equal(again.statusCode, 200, 'the dry run left nothing behind to clash with');
});

test('#16 item 2: an administrator at a company imports inside it only; the template downloads', async () => {
  await as(adminB);
  const outside = await upload(await workbook([ORG_HEADER, ['越界公司', '公司', '导入集团', 'food', '']]));
  assert.equal(outside.statusCode, 400, outside.body);
  assert.deepEqual(
    outside.json().rows.map((e: { field: string }) => e.field),
    ['上级'],
  );
  const inside = await upload(await workbook([ORG_HEADER, ['包装车间', '部门', '既有工厂', '', '']]));
  assert.equal(inside.statusCode, 200, inside.body);
  const template = await t.api('GET', '/api/org-nodes/import-template', undefined, { as: adminB });
  assert.equal(template.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual((wb.getWorksheet('组织')!.getRow(1).values as unknown[]).slice(1), ORG_HEADER);
  assert.deepEqual((wb.getWorksheet('人员')!.getRow(1).values as unknown[]).slice(1), PEOPLE_HEADER);
});

test('#16 item 2: an administrator at a company learns that an address is taken no faster through the import than through POST /api/users', async () => {
  await as(adminB);
  const people = [PEOPLE_HEADER];
  // Eleven addresses of accounts elsewhere: more than the hour's ration of such answers (10).
  for (let i = 0; i < 11; i++) {
    const u = await buildUser(t, { role: 'agent', orgNodeId: unitB.id, email: `taken-${i}@example.com` });
    people.push([u.email, '某人', 'agent', '既有工厂', '']);
  }
  const res = await upload(await workbook([ORG_HEADER], people), true);
  assert.equal(res.statusCode, 429, res.body);
  const next = await upload(await workbook([ORG_HEADER], [PEOPLE_HEADER, ['taken-0@example.com', '某人', 'agent', '既有工厂', '']]), true);
  assert.equal(next.statusCode, 429, 'the ration is spent for the hour');
});
