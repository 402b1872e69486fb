/**
 * The queue's export (issue #17): GET /api/complaints/export.csv and export.xlsx give the view the list
 * shows — the same complaints in the same order over all its pages, in the viewer's scope only — with
 * contacts masked for a role that may not see them (R-IN-4), every export on record in the export log.
 * Runs on PGlite, and on PostgreSQL with DATABASE_URL. The test owns its organisation and users
 * (test/helpers/factories.ts): a group with a real-estate project (and its engineering department) and a
 * fuel station, each under a company of its own.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { listExportLog } from '../../src/data/export-log-store.ts';
import { EXPORT_BATCH } from '../../src/use-cases/export-complaints.ts';
import {
  buildCompany,
  buildDepartments,
  buildGroup,
  buildUnit,
  buildUser,
  buildUsers,
  type Unit,
  type User,
} from '../helpers/factories.ts';

let t: TestApp;
let garden: Unit;
let station: Unit;
type Role = 'agent' | 'specialist' | 'handler' | 'qa' | 'manager' | 'admin' | 'auditor';
let users: Record<Role, User>;

const PHONE = '13912345678';
const EMAIL = 'wangwei@example.com';
/** Commas (ASCII and Chinese), quotes and line breaks: what a CSV writer must quote. */
const AWKWARD = '墙面渗水,已三次报修，"物业"说等等。\r\n第二行：仍未处理\n第三行';
const FORMULA_TITLE = '=HYPERLINK("http://evil.example","点击")';

interface Listed {
  items: { id: string; code: string; customer: { phone: string | null } }[];
  nextCursor: string | null;
}

/** Every page of the list, as the console would load them. */
async function listAll(query: string, role: Role = 'agent'): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await t.api(
      'GET',
      `/api/complaints?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      undefined,
      { as: users[role] },
    );
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Listed;
    ids.push(...body.items.map((i) => i.id));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; outside quotes a line break ends the record. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      // As a spreadsheet reads it: any line break outside quotes ends the record (CRLF is one).
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
  }
  assert.equal(field, '', 'the file ends with a line break');
  return rows;
}

async function exportCsv(query: string, role: Role = 'agent') {
  const res = await t.api('GET', `/api/complaints/export.csv?${query}`, undefined, { as: users[role] });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.match(String(res.headers['content-disposition']), /^attachment; filename="complaints-\d{8}-\d{6}\.csv"/);
  const raw = res.rawPayload;
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM, so Excel in a Chinese locale reads UTF-8');
  const [head, ...rows] = parseCsv(raw.subarray(3).toString('utf8'));
  const col = (name: string) => {
    const i = head.indexOf(name);
    assert.ok(i >= 0, `column ${name} in ${head.join(',')}`);
    return i;
  };
  return { head, rows, col, records: rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]]))) };
}

async function exportXlsx(query: string, role: Role = 'agent') {
  const res = await t.api('GET', `/api/complaints/export.xlsx?${query}`, undefined, { as: users[role] });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(res.rawPayload.subarray(0, 2).toString('latin1'), 'PK', 'a zip, as every xlsx is');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((r) => rows.push((r.values as ExcelJS.CellValue[]).slice(1)));
  const [head, ...data] = rows;
  return {
    head: head as string[],
    rows: data,
    records: data.map((r) => Object.fromEntries((head as string[]).map((h, i) => [h, r[i] ?? null]))),
  };
}

async function create(body: Record<string, unknown>): Promise<{ id: string; code: string }> {
  const res = await t.api('POST', '/api/complaints', body, { as: users.agent });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

let awkward: { id: string; code: string };
let formula: { id: string; code: string };
let dispatched: { id: string; code: string };
const fuel: { id: string; code: string }[] = [];

before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' }); // 10:00 in Shanghai
  const group = await buildGroup(t);
  garden = await buildUnit(t, { pack: 'real-estate', name: '城市花园项目', companyId: (await buildCompany(t, { groupId: group.id })).id });
  station = await buildUnit(t, { pack: 'fuel-retail', companyId: (await buildCompany(t, { groupId: group.id })).id });
  const [eng] = await buildDepartments(t, garden, ['工程管理部']);
  users = await buildUsers(t, {
    agent: group.id,
    specialist: garden.id,
    handler: eng.id,
    qa: group.id,
    manager: group.id,
    admin: group.id,
    auditor: group.id,
  });
  awkward = await create({
    unitId: garden.id,
    channel: 'phone',
    receivedAt: '2026-11-23T16:30:00.000Z', // 00:30 on the 24th in Shanghai
    customer: { name: '王伟', phone: PHONE, email: EMAIL },
    title: '卫生间漏水',
    content: AWKWARD,
    demands: '维修, 并赔偿',
    // A line break and nothing else a CSV writer would quote for.
    incident: { place: '3栋\n1201室' },
  });
  formula = await create({
    unitId: garden.id,
    channel: 'web',
    customer: { name: '李娜', phone: '13700001111' },
    title: FORMULA_TITLE,
    content: '门禁卡失效。',
  });
  // Qualified and dispatched to the engineering department, where the handler works it.
  await t.api('POST', `/api/complaints/${awkward.id}/actions`, { type: 'qualify', result: 'valid' }, { as: users.agent });
  const d = await t.api(
    'POST',
    `/api/complaints/${awkward.id}/actions`,
    { type: 'dispatch', leadDepartmentId: eng.id },
    { as: users.agent },
  );
  assert.equal(d.statusCode, 200, d.body);
  dispatched = awkward;
  for (let i = 0; i < 3; i++) {
    fuel.push(
      await create({
        unitId: station.id,
        channel: 'phone',
        customer: { name: `加油客户${i}`, phone: `1391111000${i}` },
        title: `加油卡扣款两次 ${i}`,
        content: '漏水？不，是扣款两次。',
      }),
    );
  }
  // More than two batches of one unit's complaints, cloned in SQL (through the API it would take minutes):
  // some with a due time, some without, some sharing one, so the due order's ties are crossed by batches.
  await sql`INSERT INTO complaints (code, unit_id, policy_id, channel, status, title, content, customer_id, received_at, next_due_at)
    SELECT 'BULK-' || lpad(i::text, 6, '0'), unit_id, policy_id, channel, CASE WHEN i % 4 = 0 THEN 'closed' ELSE 'received' END,
      CASE WHEN i % 10 = 0 THEN '屋面漏水 ' ELSE '批量登记 ' END || i, '第 ' || i || ' 条', customer_id,
      received_at - make_interval(secs => i), CASE WHEN i % 3 = 0 THEN NULL ELSE received_at + make_interval(hours => i % 7) END
    FROM (SELECT * FROM complaints WHERE id = ${awkward.id}) c, generate_series(1, ${2 * EXPORT_BATCH + 150}) AS i`.execute(t.deps.db);
});
after(async () => {
  await t?.close();
});

test('CSV of a filtered queue: the list, row for row, over all its pages and across export batches (issue #17)', async () => {
  for (const query of [
    `unitId=${garden.id}&sort=due`,
    `unitId=${garden.id}&sort=received`,
    `status=received&q=${encodeURIComponent('漏水')}`,
  ]) {
    const listed = await listAll(query);
    assert.ok(listed.length > 0, query);
    const csv = await exportCsv(query);
    assert.deepEqual(
      csv.rows.map((r) => r[csv.col('系统编号')]),
      listed,
      `${query}: same complaints, same order`,
    );
    if (query.includes('sort=due')) assert.ok(listed.length > 2 * EXPORT_BATCH, 'more rows than two batches');
  }
});

test('xlsx of the same view: the list, row for row; Chinese headings, times in Asia/Shanghai as date cells', async () => {
  const query = `unitId=${garden.id}&sort=due`;
  const listed = await listAll(query);
  const x = await exportXlsx(query);
  assert.equal(x.head[0], '投诉编号');
  for (const h of [
    '受理时间',
    '被投诉单位',
    '受理渠道',
    '投诉类别',
    '投诉级别',
    '状态',
    '标题',
    '投诉内容',
    '客户诉求',
    '客户姓名',
    '联系电话',
    '电子邮箱',
    '主办部门',
    '最近时限',
    '是否超时',
    '关闭时间',
    '满意度（5分制）',
  ]) {
    assert.ok(x.head.includes(h), `heading ${h}`);
  }
  assert.deepEqual(
    x.records.map((r) => r.系统编号),
    listed,
  );
  const row = x.records.find((r) => r.系统编号 === awkward.id)!;
  assert.equal(row.投诉编号, awkward.code);
  assert.equal(row.投诉内容, AWKWARD.replace(/\r\n/g, '\n'), 'line breaks as a cell holds them (XML keeps no CR)');
  assert.equal(row.被投诉单位, garden.name);
  assert.equal(row.受理渠道, '电话');
  assert.equal(row.主办部门, '工程管理部');
  // 16:30 UTC on the 23rd is 00:30 on the 24th in Shanghai; the cell shows the local wall-clock time.
  assert.ok(row.受理时间 instanceof Date);
  assert.equal((row.受理时间 as Date).toISOString(), '2026-11-24T00:30:00.000Z');
  assert.equal(row.联系电话, PHONE, 'an agent may see contacts (contact.view)');
});

test('CSV parses back: BOM, quoted commas, quotes and line breaks, local times; a formula-looking title is defused', async () => {
  const csv = await exportCsv(`unitId=${garden.id}&q=${encodeURIComponent('卫生间')}`);
  const row = csv.records.find((r) => r.系统编号 === awkward.id)!;
  assert.ok(row, 'the complaint is exported');
  assert.equal(row.投诉内容, AWKWARD);
  assert.equal(row.客户诉求, '维修, 并赔偿');
  assert.equal(row.事发地点, '3栋\n1201室');
  assert.equal(row.受理时间, '2026-11-24 00:30:00');
  assert.equal(row.状态, '已转达');
  assert.equal(row.定性, '有效投诉');
  assert.equal(row.是否超时, '否');
  const all = await exportCsv(`unitId=${garden.id}&q=${encodeURIComponent('HYPERLINK')}`);
  const f = all.records.find((r) => r.系统编号 === formula.id)!;
  assert.equal(f.标题, `'${FORMULA_TITLE}`, 'OWASP CSV injection: text starting with = gets an apostrophe');
});

test('R-IN-4: a handler (no contact.view) exports masked contacts, an agent unmasked; each is recorded as such', async () => {
  const query = `q=${encodeURIComponent(awkward.code)}`;
  const asHandler = await exportCsv(query, 'handler');
  const h = asHandler.records.find((r) => r.系统编号 === dispatched.id)!;
  assert.ok(h, 'the handler exports the complaint dispatched to its department');
  assert.equal(h.联系电话, '139****5678');
  assert.equal(h.电子邮箱, 'w***@example.com');
  const x = await exportXlsx(query, 'handler');
  assert.equal(x.records[0].联系电话, '139****5678');
  assert.ok(!(await t.api('GET', `/api/complaints/export.xlsx?${query}`, undefined, { as: users.handler })).rawPayload.includes(PHONE));

  const asAgent = await exportCsv(query, 'agent');
  const a = asAgent.records.find((r) => r.系统编号 === dispatched.id)!;
  assert.equal(a.联系电话, PHONE);
  assert.equal(a.电子邮箱, EMAIL);

  const log = await listExportLog(t.deps.db, { orgIds: null, limit: 4 });
  const handlerRow = log.find((l) => l.role === 'handler' && l.format === 'csv')!;
  assert.equal(handlerRow.contacts_unmasked, false);
  assert.equal(log[0].role, 'agent');
  assert.equal(log[0].contacts_unmasked, true);
});

test('out of scope never exported: a unit specialist gets its unit only, a handler only what is dispatched to its department', async () => {
  const csv = await exportCsv('sort=received', 'specialist');
  const ids = new Set(csv.rows.map((r) => r[csv.col('系统编号')]));
  const codes = new Set(csv.rows.map((r) => r[csv.col('投诉编号')]));
  assert.ok(ids.has(awkward.id));
  for (const f of fuel) assert.ok(!ids.has(f.id) && !codes.has(f.code), `${f.code} of another company is not exported`);
  assert.ok(csv.records.every((r) => r.被投诉单位 === garden.name));
  assert.deepEqual([...ids], await listAll('sort=received', 'specialist'));

  const handler = await exportCsv('sort=received', 'handler');
  assert.deepEqual(
    handler.rows.map((r) => r[handler.col('系统编号')]),
    [dispatched.id],
    'only the complaint dispatched to the department',
  );
  // The search is scoped too: the fuel complaints' text matches, the specialist still gets none of them.
  const searched = await exportCsv(`q=${encodeURIComponent('扣款两次')}`, 'specialist');
  assert.equal(searched.rows.length, 0);
  const agent = await exportCsv(`q=${encodeURIComponent('扣款两次')}`, 'agent');
  assert.equal(agent.rows.length, fuel.length);
});

test('every export is recorded: who, the filters, the format, the row count, completed', async () => {
  const before = (await listExportLog(t.deps.db, { orgIds: null, limit: 1 }))[0];
  const query = `unitId=${garden.id}&status=received&sort=due`;
  const listed = await listAll(query);
  await exportXlsx(query, 'manager');
  const [row] = await listExportLog(t.deps.db, { orgIds: null, limit: 1 });
  assert.notEqual(row.id, before?.id);
  const manager = users.manager;
  assert.equal(row.user_id, manager.id);
  assert.equal(row.user_label, manager.name);
  assert.equal(row.role, 'manager');
  assert.equal(row.subject, 'complaints');
  assert.equal(row.format, 'xlsx');
  assert.deepEqual(row.filters, { unitId: [garden.id], status: ['received'], sort: 'due' });
  assert.equal(row.row_count, listed.length);
  assert.equal(row.outcome, 'completed');
  assert.equal(row.contacts_unmasked, true);
  assert.equal(new Date(row.started_at).toISOString(), t.clock.now.toISOString());
  assert.ok(row.finished_at);
});

test('a bad filter is a 400 naming the field, as for the list, and nothing is exported or recorded', async () => {
  const logged = (await listExportLog(t.deps.db, { orgIds: null, limit: 1000 })).length;
  for (const [query, field] of [
    ['receivedFrom=yesterday', 'receivedFrom'],
    ['receivedFrom=2026-02-30T00:00:00Z', 'receivedFrom'],
    ['channel=pigeon', 'channel'],
    ['sort=random', 'sort'],
    ['overdue=maybe', 'overdue'],
  ] as const) {
    const list = await t.api('GET', `/api/complaints?${query}`, undefined, { as: users.agent });
    assert.equal(list.statusCode, 400, `list ${query}`);
    for (const format of ['csv', 'xlsx']) {
      const res = await t.api('GET', `/api/complaints/export.${format}?${query}`, undefined, { as: users.agent });
      assert.equal(res.statusCode, 400, `${format} ${query}: ${res.body}`);
      assert.equal(res.json().error.field, list.json().error.field, `${format} ${query} names the field as the list does`);
      assert.match(res.json().error.field, new RegExp(field));
    }
  }
  // The export is the whole view: a page size or a cursor is refused, naming it.
  const paged = await t.api('GET', '/api/complaints/export.csv?limit=25', undefined, { as: users.agent });
  assert.equal(paged.statusCode, 400, paged.body);
  assert.match(paged.body, /limit/);
  assert.equal((await listExportLog(t.deps.db, { orgIds: null, limit: 1000 })).length, logged, 'no export row for a refused request');
});

test('a download stopped early is recorded as aborted with the rows sent so far, not as completed', async () => {
  const { startComplaintExport } = await import('../../src/use-cases/export-complaints.ts');
  const { scopeOf } = await import('../../src/security/scope.ts');
  const agent = users.agent;
  const user = { id: agent.id, role: agent.role, orgNodeId: agent.orgNodeId };
  for (const format of ['csv', 'xlsx'] as const) {
    const out = await startComplaintExport(
      t.deps,
      { id: agent.id, label: agent.name, role: agent.role, orgNodeId: agent.orgNodeId },
      {
        format,
        filter: { scope: await scopeOf(t.deps.db, user), unitIds: [garden.id] },
        query: { unitId: [garden.id] },
        showContacts: true,
      },
      { batchSize: 100 },
    );
    // The client reads one chunk and goes away.
    await new Promise<void>((resolve) => out.body.once('data', () => resolve()));
    out.body.destroy();
    let row = await t.deps.db.selectFrom('export_log').selectAll().where('id', '=', out.logId).executeTakeFirstOrThrow();
    for (let i = 0; i < 50 && row.outcome === 'started'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      row = await t.deps.db.selectFrom('export_log').selectAll().where('id', '=', out.logId).executeTakeFirstOrThrow();
    }
    assert.equal(row.outcome, 'aborted', format);
    assert.ok(row.row_count < 2000, `${format}: ${row.row_count} rows sent before the client left`);
    assert.ok(row.finished_at);
  }
});

test('#17: the export log is read by the administrator and the auditor, newest first, paged, exports by users in scope only', async () => {
  await exportCsv('sort=due', 'manager');
  await exportCsv(`unitId=${garden.id}&sort=received`, 'specialist');
  await exportXlsx('sort=received', 'agent');
  type Page = {
    items: {
      id: string;
      user: { email: string } | null;
      userLabel: string;
      role: string;
      format: string;
      filters: Record<string, unknown>;
      rows: number;
      outcome: string;
      contactsUnmasked: boolean;
      startedAt: string;
    }[];
    nextBefore: string | null;
  };
  const res = await t.api('GET', '/api/export-log?limit=2', undefined, { as: users.auditor });
  assert.equal(res.statusCode, 200, res.body);
  const page = res.json() as Page;
  assert.equal(page.items.length, 2);
  const [newest, previous] = page.items;
  assert.equal(newest.user?.email, users.agent.email);
  assert.equal(newest.format, 'xlsx');
  assert.equal(newest.outcome, 'completed');
  assert.equal(newest.contactsUnmasked, true);
  assert.ok(newest.rows > 0);
  assert.equal(previous.user?.email, users.specialist.email);
  assert.deepEqual(previous.filters, { unitId: [garden.id], sort: 'received' });
  assert.equal(previous.contactsUnmasked, true);
  assert.ok(Number(newest.id) > Number(previous.id));

  // The next page goes on from there, older exports only, none twice.
  assert.ok(page.nextBefore);
  const older = (await t.api('GET', `/api/export-log?limit=200&before=${page.nextBefore}`, undefined, { as: users.admin })).json() as Page;
  assert.ok(older.items.length > 0);
  assert.ok(older.items.every((i) => Number(i.id) < Number(previous.id)));

  // Those who export do not read the log; a forged cursor is a 400 naming it.
  for (const role of ['agent', 'specialist', 'manager', 'handler', 'qa'] as const) {
    assert.equal((await t.api('GET', '/api/export-log', undefined, { as: users[role] })).statusCode, 403, role);
  }
  const forged = await t.api('GET', '/api/export-log?before=1%20or%201=1', undefined, { as: users.admin });
  assert.equal(forged.statusCode, 400);
  assert.match(forged.body, /before/);

  // An administrator of another company sees none of these exports (made by users at the group and the garden project).
  const fuelAdmin = await buildUser(t, { role: 'admin', orgNodeId: station.companyId, name: '油站管理员' });
  const scoped = await t.api('GET', '/api/export-log?limit=200', undefined, { as: fuelAdmin });
  assert.equal(scoped.statusCode, 200);
  assert.deepEqual((scoped.json() as Page).items, []);
});
