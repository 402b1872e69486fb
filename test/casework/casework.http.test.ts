/**
 * Casework through HTTP: a hot complaint's special report carries its real history (R-NT-1) and only the
 * service centre's roles write it (Vanke 5.5.2.6), is served with the printable pages' strict CSP, weekly
 * progress reminders, the emergency response of a major complaint and 409 for a non-major one
 * (R-EM-1), CAPA with the 8D view and a return (R-CA-1, R-CA-2), and a case that never contains the
 * customer's phone or name (R-RP-2).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { progressReminders, remindMissingProgress } from '../../src/use-cases/casework/special-report.ts';

let t: TestApp;

async function act(id: string, body: Record<string, unknown>, role = 'agent') {
  const res = await t.api('POST', `/api/complaints/${id}/actions`, body, { role });
  assert.equal(res.statusCode, 200, `${String(body.type)}: ${res.body}`);
  return res.json();
}

async function intake(body: Record<string, unknown>): Promise<string> {
  const res = await t.api('POST', '/api/complaints', {
    channel: 'phone',
    customer: { name: '张伟', phone: '13800138000', email: 'zhangwei@example.com' },
    content: '详细情况见标题。',
    receivedAt: t.clock.now.toISOString(),
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
});
after(async () => t.close());

test('R-NT-1: a hot complaint’s special report carries its real history, is edited, approved and exported', async () => {
  const id = await intake({ unitId: 'u-re-garden', title: '业主论坛集中反映小区停车难' });
  t.clock.advance(3600_000);
  await act(id, { type: 'set_level', level: 'hot', reason: '媒体可能关注' }, 'manager');
  t.clock.advance(3600_000);

  const general = await intake({ unitId: 'u-re-garden', title: '一般投诉' });
  assert.equal((await t.api('POST', `/api/complaints/${general}/special-report`)).statusCode, 409);

  const events = (await t.api('GET', `/api/complaints/${id}/events`)).json() as { type: string }[];
  const res = await t.api('POST', `/api/complaints/${id}/special-report`);
  assert.equal(res.statusCode, 201, res.body);
  const r = res.json();
  assert.equal(r.status, 'draft');
  const inCourse = r.content.course.map((e: { type: string }) => e.type);
  assert.deepEqual(
    inCourse,
    events.map((e) => e.type).filter((x) => x !== 'contact_viewed'),
  );
  assert.equal(r.content.course[0].local, '2026-11-24 10:00', 'times in Asia/Shanghai');
  const esc = r.content.escalation.find((e: { to: string }) => e.to === 'hot');
  assert.ok(esc, JSON.stringify(r.content.escalation));
  assert.equal(esc.reason, '媒体可能关注');
  assert.equal(esc.local, '2026-11-24 11:00');

  const edit = await t.api('PUT', `/api/complaints/${id}/special-report`, {
    summary: '停车位不足引发集中投诉',
    causeAnalysis: '车位规划不足',
  });
  assert.equal(edit.statusCode, 200, edit.body);
  assert.equal(edit.json().content.summary, '停车位不足引发集中投诉');
  assert.equal((await t.api('PUT', `/api/complaints/${id}/special-report`, { bogus: 1 })).statusCode, 400);
  assert.equal((await t.api('POST', `/api/complaints/${id}/special-report/approve`, undefined, { role: 'agent' })).statusCode, 403);
  const ok = await t.api('POST', `/api/complaints/${id}/special-report/approve`, undefined, { role: 'manager' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().status, 'approved');
  assert.equal((await t.api('PUT', `/api/complaints/${id}/special-report`, { summary: 'x' })).statusCode, 409);

  const x = await t.api('GET', `/api/complaints/${id}/special-report.xlsx`);
  assert.equal(x.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as never);
  const cells = wb.worksheets[0].getSheetValues().flat().map(String).join('|');
  assert.ok(cells.includes('A. 投诉发生、处理的始末') && cells.includes('媒体可能关注'), cells.slice(0, 300));

  const html = await t.api('GET', `/api/complaints/${id}/special-report.html`);
  assert.equal(html.statusCode, 200);
  assert.match(html.headers['content-type'] as string, /text\/html/);
  // The printable page runs no script and loads nothing, like the periodic report's (issue #19): the
  // complaint's own text is in it, and a browser must not run anything that text smuggles in.
  assert.equal(html.headers['content-security-policy'], "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  assert.ok(html.body.includes('B. 事件发生、恶化的原因分析') && html.body.includes('停车位不足引发集中投诉'));

  const log = ((await t.api('GET', `/api/complaints/${id}/events`)).json() as { type: string }[]).map((e) => e.type);
  assert.ok(log.includes('special_report_drafted') && log.includes('special_report_edited') && log.includes('special_report_approved'));
  assert.equal((await t.api('GET', `/api/complaints/00000000-0000-0000-0000-000000000000/special-report`)).statusCode, 404);
});

test('R-NT-1 (Vanke 5.5.2.6: the service centre sends the reports): a department handler may not draft, re-draft or edit the special report, which stays as it was; the unit specialist may', async () => {
  const id = await intake({ unitId: 'u-re-garden', title: '地下车库渗水多次维修未果' });
  await act(id, { type: 'set_level', level: 'hot', reason: '一周未解决' }, 'manager');
  await act(id, { type: 'qualify', result: 'valid' });
  await act(id, { type: 'dispatch', leadDepartmentId: 'u-re-garden-eng' }); // the handler's department: in their scope
  const drafted = await t.api('POST', `/api/complaints/${id}/special-report`);
  assert.equal(drafted.statusCode, 201, drafted.body);
  const edited = await t.api('PUT', `/api/complaints/${id}/special-report`, { summary: '客服中心的概述', causeAnalysis: '防水层施工缺陷' });
  assert.equal(edited.statusCode, 200, edited.body);
  const before = edited.json();

  const asHandler = { role: 'handler' };
  assert.equal(
    (await t.api('GET', `/api/complaints/${id}/special-report`, undefined, asHandler)).statusCode,
    200,
    'the department reads the report',
  );
  const rewrite = await t.api(
    'PUT',
    `/api/complaints/${id}/special-report`,
    { summary: '责任部门改写的概述', causeAnalysis: '业主使用不当' },
    asHandler,
  );
  assert.equal(rewrite.statusCode, 403, rewrite.body);
  assert.equal(rewrite.json().error.code, 'FORBIDDEN');
  assert.equal(
    (await t.api('POST', `/api/complaints/${id}/special-report`, undefined, asHandler)).statusCode,
    403,
    'a re-draft would replace the content too',
  );
  assert.equal((await t.api('POST', `/api/complaints/${id}/special-report/approve`, undefined, asHandler)).statusCode, 403);

  const after = (await t.api('GET', `/api/complaints/${id}/special-report`)).json();
  assert.equal(after.content.summary, '客服中心的概述');
  assert.equal(after.content.causeAnalysis, '防水层施工缺陷');
  assert.equal(after.version, before.version, 'nothing was written');
  const log = ((await t.api('GET', `/api/complaints/${id}/events`)).json() as { type: string; actor?: { role?: string } }[]).filter((e) =>
    e.type.startsWith('special_report_'),
  );
  assert.equal(log.length, 2, 'drafted and edited once, by the service centre');

  const bySpecialist = await t.api(
    'PUT',
    `/api/complaints/${id}/special-report`,
    { causeAnalysis: '防水层施工缺陷，监理验收不严' },
    { role: 'specialist' },
  );
  assert.equal(bySpecialist.statusCode, 200, bySpecialist.body);
  assert.equal(bySpecialist.json().content.causeAnalysis, '防水层施工缺陷，监理验收不严');
});

test('R-EM-1: a major complaint opens an emergency response by itself; deadlines are met by answer / conclusion entries; review closes it', async () => {
  t.clock.set('2026-11-24T02:00:00.000Z'); // Tuesday 10:00 local
  const id = await intake({ unitId: 'u-prop-jx', title: '电梯困人两小时无人处理' });
  const notMajor = await t.api('POST', `/api/complaints/${id}/emergency`, { team: ['客服部 李主管'] });
  assert.equal(notMajor.statusCode, 409, notMajor.body);
  await act(id, { type: 'set_level', level: 'major', reason: '造成人身伤害风险' }, 'manager');

  // #15 item 6: the step that made it major opened the plan; it is not opened twice.
  const res = await t.api('GET', `/api/complaints/${id}/emergency`);
  assert.equal(res.statusCode, 200, res.body);
  const e = res.json();
  assert.equal(e.commander.role, 'project_manager');
  assert.equal(e.commander.inWorkingHours, true);
  assert.equal(e.answer.dueAt, '2026-11-25T02:00:00.000Z');
  assert.equal(e.conclusion.dueAt, '2026-11-27T02:00:00.000Z');
  assert.equal(e.answer.state, 'pending');
  assert.equal((await t.api('POST', `/api/complaints/${id}/emergency`, { team: ['x'] })).statusCode, 409);
  assert.equal(
    (await t.api('POST', `/api/complaints/${id}/emergency/review`, { findings: 'x', planChanges: '' })).statusCode,
    409,
    'review follows the conclusion',
  );

  t.clock.advance(2 * 3600_000);
  await t.api('POST', `/api/complaints/${id}/emergency/actions`, { text: '工程部到场解困' });
  const ans = await t.api('POST', `/api/complaints/${id}/emergency/actions`, { text: '已明确答复住户', kind: 'answer' });
  assert.equal(ans.json().answer.state, 'met');
  t.clock.advance(4 * 24 * 3600_000);
  const con = await t.api('POST', `/api/complaints/${id}/emergency/actions`, { text: '更换电梯控制板，结论已告知', kind: 'conclusion' });
  assert.equal(con.json().conclusion.state, 'met_late');
  const rev = await t.api('POST', `/api/complaints/${id}/emergency/review`, {
    findings: '夜间维保响应慢',
    planChanges: '增加夜间值班电工',
  });
  assert.equal(rev.statusCode, 200, rev.body);
  assert.equal(rev.json().status, 'reviewed');
  assert.equal(rev.json().actions.length, 3);
  assert.equal((await t.api('POST', `/api/complaints/${id}/emergency/actions`, { text: 'late' })).statusCode, 409);
  const log = ((await t.api('GET', `/api/complaints/${id}/events`)).json() as { type: string }[]).map((x) => x.type);
  assert.ok(['emergency_opened', 'emergency_action', 'emergency_reviewed'].every((k) => log.includes(k)));

  // Outside working hours the on-duty security lead commands (Tuesday 22:00 local).
  t.clock.set('2026-11-24T14:00:00.000Z');
  const night = await intake({ unitId: 'u-prop-jx', title: '夜间水管爆裂' });
  await act(night, { type: 'set_level', level: 'major', reason: '财产损失' }, 'manager');
  const n = await t.api('GET', `/api/complaints/${night}/emergency`);
  assert.equal(n.statusCode, 200, n.body);
  assert.equal(n.json().commander.role, 'security_shift_lead');
});

test('R-NT-1: a major complaint without a weekly progress entry is listed and reminded once per missed week', async () => {
  t.clock.set('2026-12-01T02:00:00.000Z');
  const id = await intake({ unitId: 'u-re-garden', title: '十人以上集体投诉' });
  await act(id, { type: 'set_level', level: 'major', reason: '10人以上集体投诉' }, 'manager');
  const listed = async () =>
    ((await t.api('GET', '/api/casework/reminders')).json().items as { complaintId: string }[]).some((i) => i.complaintId === id);
  assert.equal(await listed(), false);
  t.clock.advance(8 * 24 * 3600_000);
  assert.equal(await listed(), true);
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('complaint_id', '=', id)
          .where('kind', '=', 'progress_overdue')
          .executeTakeFirstOrThrow()
      ).n,
    );
  await remindMissingProgress(t.deps);
  await remindMissingProgress(t.deps);
  const once = await count();
  assert.ok(once >= 1);
  const p = await t.api('POST', `/api/complaints/${id}/progress`, { text: '已与业主代表座谈' });
  assert.equal(p.statusCode, 201, p.body);
  assert.equal(await listed(), false);
  t.clock.advance(15 * 24 * 3600_000);
  await remindMissingProgress(t.deps);
  assert.equal(await count(), once * 2, 'a new missed week, a new reminder');
});

test('R-NT-1: reminders owed in bulk are written a bounded number per sweeper pass, oldest first, none lost', async () => {
  t.clock.set('2027-02-01T02:00:00.000Z');
  const ids: string[] = [];
  for (const title of ['集体投诉一', '集体投诉二', '集体投诉三']) {
    const id = await intake({ unitId: 'u-re-garden', title });
    await act(id, { type: 'set_level', level: 'major', reason: '10人以上集体投诉' }, 'manager');
    ids.push(id);
    t.clock.advance(60_000);
  }
  t.clock.advance(8 * 24 * 3600_000);
  const claimed = async () =>
    new Set(
      (await t.database.db.selectFrom('progress_reminders').select(['complaint_id', 'due_at']).execute()).map(
        (r) => `${r.complaint_id}|${new Date(r.due_at).toISOString()}`,
      ),
    );
  const before = await claimed();
  // What is owed now, in the order the sweeper takes it (earlier tests left other major complaints owing too).
  const owed = (await progressReminders(t.deps)).map((r) => `${r.complaintId}|${r.missedDueAt}`).filter((k) => !before.has(k));
  assert.ok(owed.length >= 3);
  const first = await remindMissingProgress(t.deps, 2);
  assert.equal(first.reminded, 2);
  assert.equal(first.deferred, owed.length - 2, 'the rest wait for the next passes');
  const added = [...(await claimed())].filter((k) => !before.has(k));
  assert.deepEqual(added.sort(), owed.slice(0, 2).sort(), 'the oldest complaints are reminded first');
  // Past its deadline a pass still writes one reminder, so a backlog drains however slow the passes are.
  const late = await remindMissingProgress(t.deps, 100, performance.now());
  assert.equal(late.reminded, 1);
  assert.equal(late.deferred, owed.length - 3);
  for (let pass = 0; pass < owed.length && (await remindMissingProgress(t.deps, 2)).deferred > 0; pass++);
  const all = await claimed();
  for (const id of ids)
    assert.ok(
      [...all].some((k) => k.startsWith(`${id}|`)),
      'no reminder is lost',
    );
});

test('R-CA-1 / R-CA-2: CAPA on a valid dispatched manufacturing complaint, 8D view, verification; a return inspected by QA and disposed', async () => {
  t.clock.set('2026-11-26T02:00:00.000Z'); // Thursday 10:00 local
  const id = await intake({ unitId: 'u-mfg-qa', title: '产品规格不符', batchNo: 'B2026-11' });
  assert.equal((await t.api('POST', `/api/complaints/${id}/capa`, {})).statusCode, 409, 'not yet valid');
  await act(id, { type: 'qualify', result: 'valid' });
  assert.equal((await t.api('POST', `/api/complaints/${id}/capa`, {})).statusCode, 409, 'no responsible department yet');
  await act(id, { type: 'dispatch', leadDepartmentId: 'u-mfg-qa-prod' });
  const open = await t.api('POST', `/api/complaints/${id}/capa`, {
    team: ['品质工程师 陈', '生产主管 李'],
    containment: '隔离库存同批次产品',
  });
  assert.equal(open.statusCode, 201, open.body);
  assert.equal(open.json().plan.dueAt, '2026-12-01T15:59:59.999Z', '3 working days on the unit calendar');
  await t.api('PUT', `/api/complaints/${id}/capa`, { rootCause: '模具磨损', prevention: '模具点检周期缩短为每周' });
  assert.equal(
    (await t.api('POST', `/api/complaints/${id}/capa/actions`, { description: '更换模具', owner: '生产部 李', dueDate: 'tomorrow' }))
      .statusCode,
    400,
  );
  // A due date of the right shape that is no storable calendar date is bad input naming the field, not a database error.
  for (const dueDate of ['2026-13-45', '2026-02-30', '0000-01-01', '0999-12-31']) {
    const bad = await t.api('POST', `/api/complaints/${id}/capa/actions`, { description: '更换模具', owner: '生产部 李', dueDate });
    assert.equal(bad.statusCode, 400, `${dueDate}: ${bad.body}`);
    assert.equal(bad.json().error.field, 'dueDate');
  }
  const withAction = await t.api('POST', `/api/complaints/${id}/capa/actions`, {
    description: '更换模具',
    owner: '生产部 李',
    dueDate: '2026-11-30',
  });
  assert.equal(withAction.statusCode, 201, withAction.body);
  assert.equal(withAction.json().plan.state, 'met');
  assert.equal(
    (await t.api('POST', `/api/complaints/${id}/capa/verify`, { effective: true, evidence: '复检合格' })).statusCode,
    409,
    'the action is not done',
  );
  const actionId = withAction.json().actions[0].id;
  assert.equal((await t.api('POST', `/api/complaints/${id}/capa/actions/${actionId}/done`)).statusCode, 200);
  const v = await t.api('POST', `/api/complaints/${id}/capa/verify`, { effective: true, evidence: '连续三批复检合格' });
  assert.equal(v.statusCode, 200, v.body);
  const d = v.json().eightD as { step: string; done: boolean; content: any }[];
  assert.deepEqual(
    d.map((s) => s.step),
    ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8'],
  );
  assert.ok(
    d.every((s) => s.done),
    JSON.stringify(d),
  );
  assert.deepEqual(d[0].content.members, ['品质工程师 陈', '生产主管 李']);
  assert.equal(d[3].content, '模具磨损');

  const ret = await t.api('POST', `/api/complaints/${id}/returns`, { product: '精密轴承', quantity: 200, reason: '尺寸超差' });
  assert.equal(ret.statusCode, 201, ret.body);
  const rid = ret.json().id;
  assert.equal(ret.json().batchNo, 'B2026-11');
  assert.equal(
    (await t.api('POST', `/api/returns/${rid}/dispose`, { disposition: 'rework' }, { role: 'qa' })).statusCode,
    409,
    'inspected first',
  );
  assert.equal(
    (
      await t.api(
        'POST',
        `/api/returns/${rid}/inspect`,
        { result: 'confirmed', defectiveQuantity: 150, findings: '外径超差' },
        { role: 'agent' },
      )
    ).statusCode,
    403,
  );
  const ins = await t.api(
    'POST',
    `/api/returns/${rid}/inspect`,
    { result: 'confirmed', defectiveQuantity: 150, findings: '外径超差' },
    { role: 'qa' },
  );
  assert.equal(ins.statusCode, 200, ins.body);
  assert.equal((await t.api('POST', `/api/returns/${rid}/dispose`, { disposition: 'replacement' }, { role: 'qa' })).statusCode, 400);
  const dis = await t.api(
    'POST',
    `/api/returns/${rid}/dispose`,
    { disposition: 'replacement', replacementOrder: 'SO-1001' },
    { role: 'qa' },
  );
  assert.equal(dis.statusCode, 200, dis.body);
  assert.equal(dis.json().status, 'disposed');
  assert.equal(
    (
      await t.api(
        'POST',
        `/api/returns/00000000-0000-0000-0000-000000000000/inspect`,
        { result: 'confirmed', defectiveQuantity: 1, findings: 'x' },
        { role: 'qa' },
      )
    ).statusCode,
    404,
  );
  const log = ((await t.api('GET', `/api/complaints/${id}/events`)).json() as { type: string }[]).map((x) => x.type);
  assert.ok(
    ['capa_opened', 'capa_action_added', 'capa_verified', 'return_noticed', 'return_inspected', 'return_disposed'].every((k) =>
      log.includes(k),
    ),
    log.join(),
  );
});

test('R-RP-2: a case never contains the customer’s phone or name; search and patterns', async () => {
  t.clock.set('2026-11-20T02:00:00.000Z');
  const id = await intake({
    unitId: 'u-svc',
    title: '张伟反映热线无人接听',
    content: '客户张伟（13800138000，zhangwei@example.com）称张先生多次来电无人接听，另一联系人 139 0000 1111。',
    categoryId: 'service-attitude',
  });
  assert.equal(
    (await t.api('POST', `/api/complaints/${id}/case`, { classification: '服务态度', lessons: 'x' })).statusCode,
    409,
    'only closed complaints',
  );
  await act(id, { type: 'qualify', result: 'valid' });
  await act(id, { type: 'dispatch', leadDepartmentId: 'u-svc-general' });
  await act(id, { type: 'acknowledge' });
  await act(id, {
    type: 'report',
    cause: '张伟来电时段排班不足',
    sequence: '核查',
    responsible: '综合业务部',
    conclusion: '有效',
    countermeasures: '增加排班',
    prevention: '高峰时段预警',
  });
  await act(id, { type: 'reply', message: '张先生您好，已增加排班。' });
  await act(id, { type: 'confirm' });
  await act(id, { type: 'visit', score: 4, comment: '满意' });
  await act(id, { type: 'close' });
  const res = await t.api('POST', `/api/complaints/${id}/case`, {
    classification: '热线接通率',
    lessons: '高峰排班不足会导致投诉，回访时张伟表示满意。',
  });
  assert.equal(res.statusCode, 201, res.body);
  const all = JSON.stringify(res.json());
  for (const secret of ['张伟', '张先生', '13800138000', '1390000', 'zhangwei@example.com'])
    assert.ok(!all.includes(secret), `${secret} leaked: ${all}`);
  assert.ok(all.includes('增加排班'));
  assert.equal((await t.api('POST', `/api/complaints/${id}/case`, { classification: 'x', lessons: 'y' })).statusCode, 409);

  const found = await t.api('GET', '/api/cases?q=排班&unitId=u-svc');
  assert.equal(found.statusCode, 200, found.body);
  assert.equal(found.json().items.length, 1);
  assert.equal((await t.api('GET', '/api/cases?q=排班&unitId=u-re-garden')).json().items.length, 0);

  // Rising monthly counts of one category at one unit: 1 in September, 2 in October, 3 in November.
  for (const [when, n] of [
    ['2026-09-10T02:00:00.000Z', 1],
    ['2026-10-10T02:00:00.000Z', 2],
    ['2026-11-10T02:00:00.000Z', 2],
  ] as const) {
    t.clock.set(when);
    for (let i = 0; i < n; i++)
      await intake({
        unitId: 'u-svc',
        title: `热线无人接听 ${when} ${i}`,
        categoryId: 'service-attitude',
        customer: { name: '李四', phone: `1390000${String(i).padStart(4, '0')}` },
      });
  }
  t.clock.set('2026-11-25T02:00:00.000Z');
  const pat = await t.api('GET', '/api/cases/patterns');
  assert.equal(pat.statusCode, 200, pat.body);
  const p = (pat.json().patterns as { unitId: string; categoryId: string; months: { count: number }[]; cases: unknown[] }[]).find(
    (x) => x.unitId === 'u-svc' && x.categoryId === 'service-attitude',
  );
  assert.ok(p, pat.body);
  assert.deepEqual(
    p.months.map((m) => m.count),
    [0, 0, 0, 1, 2, 3],
  );
  assert.equal(p.cases.length, 1);
});
