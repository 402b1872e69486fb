/**
 * Issue #18, "a response schema on every route": real answers of every route family against the success
 * schema the OpenAPI document declares for them (the document the web app's types are generated from),
 * with every object closed — a field an answer carries must be documented, and a documented field must
 * have the type the answer gives it. Each answer is taken from the document by method, path and status.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { DEMO_USERS } from '../../src/seed/demo-org.ts';
import { importBody } from '../imports/import-helpers.ts';

const addFormats = formatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const COMPONENTS = '#/components/schemas/';

/** The schema with every object closed and the document's component references made ajv's. */
function prepared(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(prepared);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema))
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith(COMPONENTS) ? v.slice(COMPONENTS.length) : prepared(v);
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  // OpenAPI 3.0's nullable admits null, an enum included (ajv asks for null in the enum itself).
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

let t: TestApp;
let paths: [RegExp, number, Record<string, Operation>][] = [];
const checked = new Set<string>();
const validators = new Map<string, ValidateFunction>();

before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, unknown> };
  };
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) ajv.addSchema(prepared(schema) as object, name);
  // Literal segments win over parameters: /api/cases/patterns before /api/cases/{id}.
  paths = Object.entries(doc.paths)
    .map(([p, ops]): [RegExp, number, Record<string, Operation>] => [
      new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
      (p.match(/\{/g) ?? []).length,
      ops,
    ])
    .sort((a, b) => a[1] - b[1]);
});
after(async () => t.close());

/** The answer's body against the document's schema for its operation and status. */
function assertDocumented(method: Method, url: string, res: LightMyRequestResponse): void {
  const path = url.split('?')[0];
  const found = paths.find(([re]) => re.test(path));
  assert.ok(found, `${method} ${path} is in the document`);
  const op = found[2][method.toLowerCase()];
  const key = `${method} ${found[0].source} ${res.statusCode}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = op?.responses?.[String(res.statusCode)]?.content?.['application/json']?.schema;
    assert.ok(schema, `${method} ${path} documents a JSON ${res.statusCode}`);
    validate = ajv.compile(prepared(schema) as object);
    validators.set(key, validate);
  }
  assert.ok(validate(res.json()), `${method} ${url} (${res.statusCode}): ${ajv.errorsText(validate.errors)}\n${res.body.slice(0, 2000)}`);
  checked.add(`${method} ${found[0].source}`);
}

/** A call as `role` whose answer must be `status` and as documented. */
async function call(
  method: Method,
  url: string,
  body?: unknown,
  opts: { role?: string; status?: number } = {},
): Promise<LightMyRequestResponse> {
  const res = await t.api(method, url, body, { role: opts.role ?? 'agent' });
  assert.equal(res.statusCode, opts.status ?? (method === 'POST' ? 201 : 200), `${method} ${url}: ${res.body}`);
  assertDocumented(method, url, res);
  return res;
}

async function intake(body: Record<string, unknown>): Promise<string> {
  const res = await call('POST', '/api/complaints', {
    channel: 'phone',
    customer: { name: '张伟', phone: '13800138000', email: 'zhangwei@example.com' },
    content: '详细情况见标题。',
    receivedAt: t.clock.now.toISOString(),
    ...body,
  });
  return res.json().id as string;
}

async function act(id: string, body: Record<string, unknown>, role = 'agent') {
  return call('POST', `/api/complaints/${id}/actions`, body, { role, status: 200 });
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db40000000049454e44ae426082',
  'hex',
);

function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----plaint-shapes-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

test('auth, users, organisation, policies, health, dashboard and inbox answer as documented', async () => {
  const agent = DEMO_USERS.find((u) => u.role === 'agent')!;
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: agent.email, password: TEST_PASSWORD } });
  assert.equal(login.statusCode, 200, login.body);
  assertDocumented('POST', '/api/auth/login', login);
  await call('GET', '/api/me');
  const token = await call('POST', '/api/auth/tokens', { name: 'shapes' });
  await call('GET', '/api/auth/tokens');
  assert.equal((await t.api('DELETE', `/api/auth/tokens/${token.json().id}`)).statusCode, 204);

  const users = await call('GET', '/api/users', undefined, { role: 'admin' });
  assert.ok(users.json().length > 0);
  const adminNode = (await call('GET', '/api/me', undefined, { role: 'admin' })).json().user.orgNodeId as string | null;
  const created = await call(
    'POST',
    '/api/users',
    { email: 'shapes@example.com', name: '形状', role: 'agent', orgNodeId: adminNode ?? 'u-svc', password: 'a long passphrase 42' },
    { role: 'admin' },
  );
  await call('PATCH', `/api/users/${created.json().id}`, { disabled: true }, { role: 'admin' });

  const units = await call('GET', '/api/units');
  assert.ok(units.json().some((u: { id: string }) => u.id === 'u-re-garden'));
  const calendar = await call('GET', '/api/units/u-re-garden/calendar?year=2026');
  const { version: _version, ...editable } = calendar.json().calendar as Record<string, unknown>;
  await call(
    'PUT',
    '/api/units/u-re-garden/calendar',
    { ...editable, overrides: { '2026-12-24': { kind: 'holiday', name: 'Christmas Eve' } } },
    { role: 'manager' },
  );
  await call('GET', '/api/units/u-re-garden/calendar?year=2026');

  const packs = await call('GET', '/api/policies');
  const one: unknown[] = [];
  for (const p of packs.json() as { id: string }[]) one.push((await call('GET', `/api/policies/${p.id}`)).json());
  // #20: the console's one request for every pack answers what the packs' requests one by one answer.
  assert.deepEqual((await call('GET', '/api/policy-packs')).json(), one);

  const health = await t.app.inject({ method: 'GET', url: '/api/health' });
  assertDocumented('GET', '/api/health', health);
  await call('GET', '/api/stats/dashboard');
  await call('GET', '/api/inbox', undefined, { role: 'admin' });
  await call('GET', '/api/admin/event-log/verify', undefined, { role: 'admin' });
  await call('GET', '/api/admin/backups', undefined, { role: 'admin' });
});

test('complaints: contact, assessment, attachments, the export log and an import answer as documented', async () => {
  const id = await intake({ unitId: 'u-food-plant', title: '产品发霉', categoryId: 'spoiled' });
  await call('GET', `/api/complaints/${id}/contact`);
  await act(id, { type: 'qualify', result: 'valid' });
  await call('GET', `/api/complaints/${id}/assessment?harm=minor&productValueYuan=10`);
  const fuel = await intake({ unitId: 'u-fuel-s1', title: '加油站服务差' });
  await act(fuel, { type: 'qualify', result: 'valid' });
  await call('GET', `/api/complaints/${fuel}/assessment?directPersonId=p1&stationManagerId=p2&areaManagerId=p3`);

  const file = multipart({}, { name: 'mould.png', type: 'image/png', bytes: PNG });
  const upload = await t.app.inject({
    method: 'POST',
    url: `/api/complaints/${id}/attachments`,
    payload: file.payload,
    headers: { ...file.headers, authorization: `Bearer ${await t.token('agent')}` },
  });
  assert.equal(upload.statusCode, 201, upload.body);
  assertDocumented('POST', `/api/complaints/${id}/attachments`, upload);
  await call('GET', `/api/complaints/${id}/attachments`);

  const exported = await t.api('GET', '/api/complaints/export.csv', undefined, { role: 'admin' });
  assert.equal(exported.statusCode, 200, exported.body);
  await call('GET', '/api/export-log', undefined, { role: 'admin' });

  const csv = Buffer.from('标题,内容\n门店服务差,店员态度恶劣\n,缺标题\n');
  const form = importBody({
    filename: 'ledger.csv',
    bytes: csv,
    mapping: { title: '标题', content: '内容' },
    defaults: { unitId: 'u-svc', channel: 'phone', receivedAt: '2026-11-01' },
  });
  const imported = await t.app.inject({
    method: 'POST',
    url: '/api/imports?dryRun=true',
    payload: form.payload,
    headers: { ...form.headers, authorization: `Bearer ${await t.token('manager')}` },
  });
  assert.equal(imported.statusCode, 200, imported.body);
  assert.ok(imported.json().errors.length > 0, 'a bad row is part of what was checked');
  assertDocumented('POST', '/api/imports', imported);

  const submitted = await t.app.inject({
    method: 'POST',
    url: '/api/portal/complaints',
    payload: {
      unitId: 'u-svc',
      customer: { name: '金先生', phone: '13866660002' },
      title: 'APP无法登录',
      content: '升级后一直提示网络错误。',
    },
    remoteAddress: '203.0.113.9',
  });
  assert.equal(submitted.statusCode, 201, submitted.body);
  const portalForm = multipart(
    { code: submitted.json().code, secret: submitted.json().secret },
    { name: 'screen.png', type: 'image/png', bytes: PNG },
  );
  const portalUpload = await t.app.inject({ method: 'POST', url: '/api/portal/attachments', ...portalForm, remoteAddress: '203.0.113.9' });
  assert.equal(portalUpload.statusCode, 201, portalUpload.body);
  assertDocumented('POST', '/api/portal/attachments', portalUpload);
});

test('casework: special report, progress, emergency, corrective action, returns and cases answer as documented', async () => {
  const hot = await intake({ unitId: 'u-re-garden', title: '业主论坛集中反映小区停车难' });
  t.clock.advance(3600_000);
  await act(hot, { type: 'set_level', level: 'hot', reason: '媒体可能关注' }, 'manager');
  await call('POST', `/api/complaints/${hot}/special-report`);
  await call(
    'PUT',
    `/api/complaints/${hot}/special-report`,
    { summary: '停车位不足引发集中投诉', causeAnalysis: '车位规划不足' },
    { status: 200 },
  );
  await call('POST', `/api/complaints/${hot}/special-report/approve`, undefined, { role: 'manager', status: 200 });
  await call('GET', `/api/complaints/${hot}/special-report`);

  const major = await intake({ unitId: 'u-prop-jx', title: '电梯困人两小时无人处理' });
  await act(major, { type: 'set_level', level: 'major', reason: '造成人身伤害风险' }, 'manager');
  await call('POST', `/api/complaints/${major}/progress`, { text: '已与业主代表座谈' });
  await call('GET', `/api/complaints/${major}/progress`);
  // #15 item 6: set_level opened it by itself, so opening it again is a conflict.
  await call('POST', `/api/complaints/${major}/emergency`, { commanderName: '项目经理 周军', team: ['客服部 李主管'] }, { status: 409 });
  await call('POST', `/api/complaints/${major}/emergency/actions`, { text: '已明确答复住户', kind: 'answer' });
  await call('POST', `/api/complaints/${major}/emergency/actions`, { text: '更换电梯控制板', kind: 'conclusion' });
  await call(
    'POST',
    `/api/complaints/${major}/emergency/review`,
    { findings: '夜间维保响应慢', planChanges: '增加夜间值班电工' },
    { status: 200 },
  );
  await call('GET', `/api/complaints/${major}/emergency`);
  t.clock.advance(8 * 24 * 3600_000);
  const reminders = await call('GET', '/api/casework/reminders');
  assert.ok(reminders.json().items.length > 0, 'a reminder is part of what was checked');

  // #15 item 5: compensation within the handler's authority (S0 food 9.2.3, 1:1).
  const food = await intake({ unitId: 'u-food-plant', title: '豆干破碎', categoryId: 'broken' });
  await call('POST', `/api/complaints/${food}/compensations`, { entryId: 'c', items: '豆干 2 包', giftQuantity: 2, affectedQuantity: 2 });

  const mfg = await intake({ unitId: 'u-mfg-qa', title: '产品规格不符', batchNo: 'B2026-11' });
  await act(mfg, { type: 'qualify', result: 'valid' });
  await act(mfg, { type: 'dispatch', leadDepartmentId: 'u-mfg-qa-prod' });
  await call('POST', `/api/complaints/${mfg}/capa`, { team: ['品质工程师 陈'], containment: '隔离库存同批次产品' });
  await call('PUT', `/api/complaints/${mfg}/capa`, { rootCause: '模具磨损', prevention: '模具点检周期缩短为每周' }, { status: 200 });
  const withAction = await call('POST', `/api/complaints/${mfg}/capa/actions`, {
    description: '更换模具',
    owner: '生产部 李',
    dueDate: '2026-12-30',
  });
  const actionId = (withAction.json().actions as { id: string }[])[0].id;
  await call('POST', `/api/complaints/${mfg}/capa/actions/${actionId}/done`, undefined, { status: 200 });
  const verified = await call(
    'POST',
    `/api/complaints/${mfg}/capa/verify`,
    { effective: true, evidence: '连续三批复检合格' },
    { status: 200 },
  );
  assert.ok(verified.json().eightD, 'the 8D view is part of what was checked');
  await call('GET', `/api/complaints/${mfg}/capa`);
  const ret = await call('POST', `/api/complaints/${mfg}/returns`, { product: '精密轴承', quantity: 200, reason: '尺寸超差' });
  await call(
    'POST',
    `/api/returns/${ret.json().id}/inspect`,
    { result: 'confirmed', defectiveQuantity: 150, findings: '外径超差' },
    { role: 'qa', status: 200 },
  );
  await call(
    'POST',
    `/api/returns/${ret.json().id}/dispose`,
    { disposition: 'replacement', replacementOrder: 'SO-1001' },
    { role: 'qa', status: 200 },
  );
  await call('GET', `/api/complaints/${mfg}/returns`);

  const closed = await intake({ unitId: 'u-svc', title: '热线无人接听', categoryId: 'service-attitude' });
  await act(closed, { type: 'qualify', result: 'valid' });
  await act(closed, { type: 'dispatch', leadDepartmentId: 'u-svc-general' });
  await act(closed, { type: 'acknowledge' });
  await act(closed, {
    type: 'report',
    cause: '排班不足',
    sequence: '核查',
    responsible: '综合业务部',
    conclusion: '有效',
    countermeasures: '增加排班',
    prevention: '高峰时段预警',
  });
  await act(closed, { type: 'reply', message: '您好，已增加排班。' });
  await act(closed, { type: 'confirm' });
  await act(closed, { type: 'visit', score: 4, comment: '满意' });
  await act(closed, { type: 'close' });
  const promoted = await call('POST', `/api/complaints/${closed}/case`, {
    classification: '热线接通率',
    lessons: '高峰排班不足会导致投诉。',
  });
  await call('GET', `/api/cases/${promoted.json().id}`);
  const found = await call('GET', '/api/cases?q=排班');
  assert.ok(found.json().items.length > 0);
  for (const month of ['2026-10-10T02:00:00.000Z', '2026-11-10T02:00:00.000Z', '2026-11-11T02:00:00.000Z']) {
    t.clock.set(month);
    await intake({
      unitId: 'u-svc',
      title: `热线无人接听 ${month}`,
      categoryId: 'service-attitude',
      customer: { name: '李四', phone: '13900001111' },
    });
  }
  t.clock.set('2026-12-05T02:00:00.000Z');
  const patterns = await call('GET', '/api/cases/patterns');
  assert.ok(patterns.json().patterns.length > 0, 'a pattern is part of what was checked');
});

test('reports: the periodic report and the KPIs answer as documented', async () => {
  t.clock.set('2026-12-05T02:00:00.000Z');
  const month = await call('GET', '/api/reports/periodic?nodeId=grp&kind=monthly&period=2026-11-15', undefined, { role: 'manager' });
  assert.ok(month.json().important.length + month.json().hotAndMajor.length > 0, 'report items are part of what was checked');
  await call('GET', '/api/reports/periodic?nodeId=grp&kind=daily&period=2026-12-05', undefined, { role: 'manager' });
  await call('GET', '/api/reports/kpi?nodeId=grp&quarter=2026Q4', undefined, { role: 'manager' });
});

test('every route family had at least one real answer checked', () => {
  const families = [
    '/api/auth',
    '/api/me',
    '/api/users',
    '/api/units',
    '/api/policies',
    '/api/policy-packs',
    '/api/health',
    '/api/stats',
    '/api/inbox',
    '/api/admin',
    '/api/export-log',
    '/api/imports',
    '/api/reports',
    '/api/cases',
    '/api/casework',
    '/api/returns',
    'attachments',
    'special-report',
    'emergency',
    'capa',
    'contact',
    'assessment',
    'compensations',
  ];
  const seen = [...checked].join('\n');
  assert.deepEqual(
    families.filter((f) => !seen.includes(f.replace(/\//g, '\\/'))),
    [],
    seen,
  );
});
