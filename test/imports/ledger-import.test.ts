/**
 * Issue #17, import API: a Chinese complaint ledger (投诉台账) as Excel in China saves it — CSV in GBK
 * with a header row — with bad rows among the good. The dry run names each bad row and its column;
 * the real run writes the good ones, each a traceable record (R-LC-1) with its original received
 * time, status, level and category; the same ledger as UTF-8 with BOM, TSV and .xlsx reads alike.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { ensureUser } from '../../src/use-cases/auth.ts';
import { postImport, importBody, type ImportForm } from './import-helpers.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

const HEADER = [
  '台账编号',
  '项目',
  '受理时间',
  '渠道',
  '投诉人',
  '联系电话',
  '投诉标题',
  '投诉内容',
  '诉求',
  '类别',
  '级别',
  '状态',
  '结案时间',
];
const ROWS = [
  [
    'TZ-001',
    '客户服务中心热线',
    '2026/11/20 09:30',
    '电话',
    '王女士',
    '138 0013 8000',
    '热线长时间无人接听',
    '连续三天拨打热线无人接听,' + '\n' + '第三天才接通。',
    '回电说明',
    '处理不及时',
    '一般投诉',
    '处理中',
    '',
  ],
  [
    'TZ-002',
    'u-svc',
    '2026-10-08',
    'web',
    '李先生',
    '',
    '客服态度恶劣',
    '客服挂断电话',
    '',
    '服务态度',
    '重大投诉',
    '已结案',
    '2026-10-12 17:00',
  ],
  ['TZ-003', 'u-svc', '2026-13-45', '电话', '张三', '13900001111', '日期写错的记录', '内容', '', '', '', '', ''],
  ['TZ-004', '不存在的项目', '2026-11-01', '电话', '赵四', '13900002222', '项目名写错', '内容', '', '', '', '', ''],
  ['TZ-005', 'u-svc', '2026-11-02', '电话', '钱五', '12345', '电话号码不对', '内容', '', '', '', '', ''],
  ['TZ-006', 'u-svc', '2026-11-03', '电话', '孙六', '13900003333', '', '没有标题的记录', '', '', '', '', ''],
  [
    'TZ-007',
    'u-svc',
    '2026-11-04',
    '来访',
    '周七',
    '0755-12345678',
    '前台排队太久',
    '现场排队一小时,"取号机"故障',
    '',
    '服务质量',
    '',
    '已关闭',
    '2026-11-05',
  ],
];
const MAPPING = {
  externalId: '台账编号',
  unitId: '项目',
  receivedAt: '受理时间',
  channel: '渠道',
  'customer.name': '投诉人',
  'customer.phone': '联系电话',
  title: '投诉标题',
  content: '投诉内容',
  demands: '诉求',
  categoryId: '类别',
  level: '级别',
  status: '状态',
  closedAt: '结案时间',
};
// Row numbers as the spreadsheet shows them: the header is row 1, TZ-003 row 4.
const BAD_ROWS = [
  { row: 4, column: '受理时间', reason: "receivedAt: '2026-13-45' is not a date (write 2024-03-05 or 2024-03-05 14:30)" },
  { row: 5, column: '项目', reason: "unitId: unknown unit '不存在的项目'" },
  { row: 6, column: '联系电话', reason: "customer.phone: '12345' is not a phone number" },
  { row: 7, column: '投诉标题', reason: 'title: is missing' },
];

function csv(rows: string[][], sep = ','): string {
  const cell = (v: string) => (sep === ',' && /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => r.map(cell).join(sep)).join('\r\n') + '\r\n';
}
const ledger = (bytes: Buffer, filename = '投诉台账.csv'): ImportForm => ({ filename, bytes, header: true, mapping: MAPPING });
const gbk = iconv.encode(csv([HEADER, ...ROWS]), 'gbk');

test('the GBK ledger: the dry run names each bad row and column and writes nothing', async () => {
  assert.notEqual(gbk.toString('utf8'), csv([HEADER, ...ROWS]), 'the file really is GBK, not UTF-8');
  const res = await postImport(t, ledger(gbk), { dryRun: true });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { rowsRead: 7, created: 3, duplicates: 0, errors: BAD_ROWS });
  const list = await t.api('GET', '/api/complaints?unitId=u-svc', undefined, { role: 'manager' });
  assert.equal(list.json().total, 0, 'nothing written');
});

test('the same ledger as UTF-8 with BOM, as TSV and as .xlsx reads the same', async () => {
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv([HEADER, ...ROWS]))]);
  // TSV carries no quotes: a line break inside a cell cannot be written, so it is a space there.
  const tsv = Buffer.from(csv([HEADER, ...ROWS.map((r) => r.map((v) => v.replaceAll('\n', ' ')))], '\t'));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('台账');
  sheet.addRow(HEADER);
  for (const r of ROWS) sheet.addRow(r);
  // Excel stores a typed date cell as a number; exceljs hands it over as the wall time in UTC.
  sheet.getCell('C3').value = new Date(Date.UTC(2026, 9, 8, 0, 0, 0));
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  for (const [name, bytes] of [
    ['台账.csv', bom],
    ['台账.tsv', tsv],
    ['台账.xlsx', xlsx],
  ] as const) {
    const res = await postImport(t, ledger(bytes, name), { dryRun: true });
    assert.equal(res.statusCode, 200, `${name}: ${res.body}`);
    assert.deepEqual(res.json(), { rowsRead: 7, created: 3, duplicates: 0, errors: BAD_ROWS }, name);
  }
});

test('the real run writes the good rows with their received time, status, level and category, and an imported event; again, nothing twice', async () => {
  const res = await postImport(t, ledger(gbk));
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { rowsRead: 7, created: 3, duplicates: 0, errors: BAD_ROWS });

  const list = await t.api('GET', '/api/complaints?unitId=u-svc&sort=received&limit=50', undefined, { role: 'manager' });
  const items = list.json().items as { id: string; title: string }[];
  assert.deepEqual(items.map((c) => c.title).sort(), ['前台排队太久', '客服态度恶劣', '热线长时间无人接听'].sort());
  const byTitle = async (title: string) => {
    const id = items.find((c) => c.title === title)!.id;
    const detail = await t.api('GET', `/api/complaints/${id}`, undefined, { role: 'manager' });
    assert.equal(detail.statusCode, 200, detail.body);
    const events = (await t.api('GET', `/api/complaints/${id}/events`, undefined, { role: 'manager' })).json() as {
      type: string;
      data: Record<string, unknown>;
    }[];
    return { c: detail.json(), events };
  };

  const open = await byTitle('热线长时间无人接听');
  assert.equal(open.c.receivedAt, '2026-11-20T01:30:00.000Z', '09:30 in the unit’s time zone (Asia/Shanghai)');
  assert.equal(open.c.status, 'received', 'an open row is open');
  assert.equal(open.c.categoryId, 'timeliness', 'the category named in Chinese (处理不及时)');
  assert.equal(open.c.level, 'general');
  assert.equal(open.c.content, '连续三天拨打热线无人接听,\n第三天才接通。', 'a quoted line break survives GBK');
  assert.deepEqual(open.c.clocks, [], 'an open imported complaint starts no clock');
  assert.deepEqual(
    open.events.map((e) => e.type),
    ['received', 'imported'],
  );
  assert.deepEqual(open.events[1].data, {
    file: '投诉台账.csv',
    row: 2,
    sha256: open.events[1].data.sha256,
    externalId: 'TZ-001',
    status: 'open',
  });
  const contact = await t.api('GET', `/api/complaints/${open.c.id}/contact`, undefined, { role: 'manager' });
  assert.equal(contact.json().phone, '13800138000', 'the phone is stored without its spaces');

  const closed = await byTitle('客服态度恶劣');
  assert.equal(closed.c.receivedAt, '2026-10-07T16:00:00.000Z');
  assert.equal(closed.c.status, 'closed', '已结案 is closed');
  assert.equal(closed.c.level, 'major', '重大投诉 keeps its level');
  assert.deepEqual(
    closed.events.map((e) => e.type),
    ['received', 'imported', 'closed'],
  );

  const again = await postImport(t, ledger(gbk));
  assert.deepEqual(again.json(), { rowsRead: 7, created: 0, duplicates: 3, errors: BAD_ROWS });
  // Fixed rows, imported again under the same ledger numbers: only they are new.
  const fixed = ROWS.map((r) => (r[0] === 'TZ-003' ? r.map((v, i) => (i === 2 ? '2026-11-13' : v)) : r));
  const third = await postImport(t, ledger(iconv.encode(csv([HEADER, ...fixed]), 'gbk'), '投诉台账(修正).csv'));
  assert.deepEqual(third.json(), { rowsRead: 7, created: 1, duplicates: 3, errors: BAD_ROWS.slice(1) });

  const verify = await t.api('GET', '/api/admin/event-log/verify', undefined, { role: 'admin' });
  assert.equal(verify.json().intact, true, verify.body);
});

test('units outside the caller’s scope read as unknown; the default unit outside it is 404', async () => {
  await ensureUser(t.deps, {
    email: 'svc-manager@plaint.test',
    name: '服务中心经理',
    role: 'manager',
    orgNodeId: 'co-svc',
    password: 'svc-manager-pass-1',
  });
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'svc-manager@plaint.test', password: 'svc-manager-pass-1' },
  });
  const token = login.json().token as string;
  const send = (form: ImportForm) => {
    const m = importBody(form);
    return t.app.inject({
      method: 'POST',
      url: '/api/imports?dryRun=true',
      payload: m.payload,
      headers: { ...m.headers, authorization: `Bearer ${token}` },
    });
  };
  const rows = [
    HEADER,
    ROWS[1],
    ['TZ-100', 'u-re-garden', '2026-11-01', '电话', '吴九', '13900004444', '别处的投诉', '内容', '', '', '', '', ''],
  ];
  const res = await send(ledger(Buffer.from(csv(rows))));
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().errors, [{ row: 3, column: '项目', reason: "unitId: unknown unit 'u-re-garden'" }]);
  const defaulted = await send({
    filename: 'a.csv',
    bytes: Buffer.from('标题,内容\n甲,乙\n'),
    mapping: { title: '标题', content: '内容' },
    defaults: { unitId: 'u-re-garden', channel: 'phone', receivedAt: '2026-11-01' },
  });
  assert.equal(defaulted.statusCode, 404, defaulted.body);
  assert.match(defaulted.body, /unit 'u-re-garden' not found/);
});

test('bad requests are 4xx naming the field: other file types, a bad mapping, no file, too large; an agent may not import', async () => {
  const ok: ImportForm = {
    filename: 'a.csv',
    bytes: Buffer.from('标题\n甲\n'),
    mapping: { title: '标题', content: '标题' },
    defaults: { unitId: 'u-svc', channel: 'phone', receivedAt: '2026-11-01' },
  };
  const cases: [ImportForm, number, RegExp][] = [
    [{ ...ok, filename: 'ledger.pdf', bytes: Buffer.from('%PDF-1.7') }, 400, /file: must be a \.xlsx, \.csv or \.tsv file/],
    [{ ...ok, filename: 'ledger.xlsx' }, 400, /file: is not an \.xlsx workbook/],
    [{ ...ok, mapping: { title: '没有这一列', content: '标题' } }, 400, /mapping: title: no column '没有这一列' in the header/],
    [{ ...ok, mapping: { colour: '标题' } }, 400, /mapping: unknown field 'colour'/],
    [{ ...ok, mapping: { title: ['标题', '标题'], content: '标题' } }, 400, /only content may join several columns/],
    [{ ...ok, defaults: { unitId: 'u-svc', receivedAt: '2026-11-01' } }, 400, /mapping: channel needs a column or a default/],
    [{ ...ok, header: false, mapping: { title: '标题', content: 1 } }, 400, /has no header row/],
    [{ ...ok, bytes: Buffer.alloc(20 * 1024 * 1024 + 1, 0x61) }, 413, /limited to 20 MB/],
  ];
  for (const [form, status, message] of cases) {
    const res = await postImport(t, form, { dryRun: true });
    assert.equal(res.statusCode, status, `${form.filename}: ${res.body}`);
    assert.match(res.json().error.message, message);
  }
  const badJson = importBody(ok);
  const raw = badJson.payload.toString('latin1').replace(/name="mapping"\r\n\r\n[^\r]*/, 'name="mapping"\r\n\r\n{not json');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: Buffer.from(raw, 'latin1'),
    headers: { ...badJson.headers, authorization: `Bearer ${await t.token('manager')}` },
  });
  assert.equal(res.statusCode, 400, res.body);
  assert.match(res.json().error.message, /mapping: must be a JSON object/);
  const noFile = badJson.payload
    .toString('latin1')
    .replace(/--[^\r]+\r\nContent-Disposition: form-data; name="file"[\s\S]*?\r\n(--[^\r]+--)/, '$1');
  const res2 = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: Buffer.from(noFile, 'latin1'),
    headers: { ...badJson.headers, authorization: `Bearer ${await t.token('manager')}` },
  });
  assert.equal(res2.statusCode, 400, res2.body);
  assert.match(res2.json().error.message, /file: is required/);
  assert.equal((await postImport(t, ok, { role: 'agent' })).statusCode, 403, 'complaint.import is the manager’s and the administrator’s');
  assert.equal((await postImport(t, ok, { role: 'admin', dryRun: true })).statusCode, 200);
});
