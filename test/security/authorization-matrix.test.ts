/**
 * The authorisation matrix, generated from src/security/permissions.ts: every role × every route
 * and lifecycle action × a complaint inside and outside the role's scope. Outside → 404; inside, a
 * role the table refuses → 403; a role it allows → the state machine decides (200, or 409 when the
 * status does not allow the action). Each role works its own complaints so one role's actions never
 * change what another role is tested on.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { ACTION_TYPES, type ActionType } from '../../src/domain/lifecycle/index.ts';
import { ROLES, roleHas, roleMayTake, roleMayTakeUnder } from '../../src/security/permissions.ts';
import { replyApproverRoles } from '../../src/domain/lifecycle/pack-lifecycle.ts';
import { getPack } from '../../src/policies/index.ts';
import { expectInScope, placeComplaint, type Placed } from './security-fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ now: '2026-11-24T02:00:00.000Z' });
});
after(async () => t.close());

/** Where each role's "own" complaint sits: a unit in its subtree, dispatched to a department it can see. */
const HOME: Record<string, { unitId: string; dept: string }> = {
  qa: { unitId: 'u-mfg-qa', dept: 'u-mfg-qa-qa' },
};
const DEFAULT_HOME = { unitId: 'u-re-garden', dept: 'u-re-garden-eng' };
/** Complaints placed elsewhere: another company, another company again, the same unit but another department. */
const ELSEWHERE: [string, string][] = [
  ['u-fuel-s1', 'u-fuel-s1-ops'],
  ['u-mfg-qa', 'u-mfg-qa-prod'],
  ['u-re-garden', 'u-re-garden-sales'],
];

const report = {
  cause: '防水层破损',
  sequence: '上门核查',
  responsible: '工程部',
  conclusion: '有效',
  countermeasures: '重做防水',
  prevention: '增加巡查',
};

let factCounts = 0;

/** A schema-valid body for every action (a 400 from the schema would hide the authorisation answer). */
function bodyFor(
  action: ActionType,
  ctx: { level: string; running?: string; paused?: string; requestId: string; dept?: string },
): Record<string, unknown> {
  const bodies: Partial<Record<ActionType, Record<string, unknown>>> = {
    qualify: { result: 'valid' },
    dispatch: { leadDepartmentId: ctx.dept ?? 'u-re-garden-eng' },
    return: { reason: '不属于本部门' },
    urge: { note: '请尽快处理' },
    acknowledge: {},
    report,
    interim_reply: { message: '正在处理' },
    submit_improvement: { plan: '整改计划' },
    reply: { message: '已处理完毕' },
    approve_reply: {},
    reject_reply: { reason: '答复不完整' },
    confirm: {},
    dispute: { reason: '仍未解决' },
    visit: { score: 4 },
    close: {},
    reopen: { reason: '再次发生' },
    contest: { reason: '不同意定性' },
    set_level: { level: ctx.level, reason: '人工调整' },
    // A count never sent before, so each recording changes a fact (an unchanged one is a 400).
    record_facts: { complainantCount: 1 + ++factCounts, reason: '又有业主加入' },
    pause_clock: { clock: ctx.running ?? 'none', reason: '等待客户' },
    resume_clock: { clock: ctx.paused ?? 'none' },
    request_extension: { clock: ctx.running ?? 'none', minutes: 60, reason: '需要更多时间' },
    approve_extension: { requestId: ctx.requestId },
    recompute_clocks: { reason: '日历调整' },
    note: { text: '内部备注' },
    reinvestigate: { reason: '客户对调查结果有异议' },
  };
  return { type: action, ...(bodies[action] ?? {}) };
}

/** The walk order: forward through the lifecycle, `return` last (it takes the complaint away from the department). */
const WALK: ActionType[] = (() => {
  const preferred: ActionType[] = [
    'approve_extension',
    'set_level',
    'pause_clock',
    'resume_clock',
    'request_extension',
    'urge',
    'note',
    'interim_reply',
    'acknowledge',
    'report',
    'submit_improvement',
    'reply',
    'reject_reply',
    'reply',
    'approve_reply',
    'confirm',
    'visit',
    'close',
    'reopen',
    'contest',
    'qualify',
    'dispatch',
    'dispute',
  ];
  const rest = ACTION_TYPES.filter((a) => !preferred.includes(a) && a !== 'return');
  return [...preferred, ...rest, 'return'];
})();

/** The state machine's view, read as the admin (who may take every action, so nothing is filtered out). */
async function stateOf(id: string) {
  const res = await t.api('GET', `/api/complaints/${id}`, undefined, { role: 'admin' });
  assert.equal(res.statusCode, 200);
  return res.json() as { status: string; allowedActions: string[]; clocks: { name: string; state: string }[]; policyId: string };
}

const levelCache = new Map<string, string>();
async function someLevel(policyId: string): Promise<string> {
  if (!levelCache.has(policyId)) levelCache.set(policyId, (await t.api('GET', `/api/policies/${policyId}`)).json().severity.levels[0].id);
  return levelCache.get(policyId)!;
}

const READ_ROUTES: { path: (id: string) => string; capability: 'complaint.read' | 'contact.view' }[] = [
  { path: (id) => `/api/complaints/${id}`, capability: 'complaint.read' },
  { path: (id) => `/api/complaints/${id}/events`, capability: 'complaint.read' },
  { path: (id) => `/api/complaints/${id}/assessment`, capability: 'complaint.read' },
  { path: (id) => `/api/complaints/${id}/contact`, capability: 'contact.view' },
];

for (const role of ROLES) {
  test(`authorisation matrix for '${role}': out of scope → 404, refused by the permission table → 403, allowed → the state machine decides (R-IN-4, R-LC-5)`, async () => {
    const home = HOME[role] ?? DEFAULT_HOME;
    const own = await placeComplaint(t, home.unitId, home.dept);
    assert.ok(expectInScope(role, own), `the ${role}'s own complaint is in its scope`);
    const others: Placed[] = [];
    for (const [unit, dept] of ELSEWHERE) others.push(await placeComplaint(t, unit, dept));

    // Reads, in and out of scope.
    for (const c of [own, ...others]) {
      for (const r of READ_ROUTES) {
        const res = await t.api('GET', r.path(c.id), undefined, { role });
        const expected = !expectInScope(role, c) ? 404 : roleHas(role, r.capability) ? 200 : 403;
        assert.equal(res.statusCode, expected, `${role} GET ${r.path('…')} at ${c.unitId}/${c.leadDepartmentId}: ${res.body}`);
      }
    }

    // Every action on every out-of-scope complaint is 404, whatever the table says.
    for (const c of others.filter((o) => !expectInScope(role, o))) {
      for (const action of ACTION_TYPES) {
        const res = await t.api(
          'POST',
          `/api/complaints/${c.id}/actions`,
          bodyFor(action, { level: 'x', requestId: crypto.randomUUID() }),
          { role },
        );
        assert.equal(res.statusCode, 404, `${role} ${action} out of scope at ${c.unitId}/${c.leadDepartmentId}: ${res.body}`);
      }
    }

    // An extension request made by someone else, so an approver can approve it (nobody approves their own).
    let st = await stateOf(own.id);
    const running = () => st.clocks.find((k) => k.state === 'running')?.name;
    const requester = role === 'manager' ? 'admin' : 'manager';
    const ext = await t.api(
      'POST',
      `/api/complaints/${own.id}/actions`,
      bodyFor('request_extension', { level: 'x', running: running(), requestId: '' }),
      { role: requester },
    );
    assert.equal(ext.statusCode, 200, ext.body);
    const requestId =
      [...(ext.json().events as { type: string; data: { requestId?: string } }[])].reverse().find((e) => e.type === 'extension_requested')
        ?.data.requestId ?? crypto.randomUUID();
    const level = await someLevel(st.policyId);

    // The table, and for deciding on a reply the complaint's pack (replyApproval.approverRoles, issue #15 item 9).
    const approvers = replyApproverRoles(getPack(st.policyId));
    const mayTake = (a: string) => roleMayTakeUnder(role, a, approvers);

    // Refused actions first: a 403 changes nothing, whatever the status.
    for (const action of ACTION_TYPES.filter((a) => !mayTake(a))) {
      const res = await t.api('POST', `/api/complaints/${own.id}/actions`, bodyFor(action, { level, running: running(), requestId }), {
        role,
      });
      assert.equal(res.statusCode, 403, `${role} may not ${action}: ${res.body}`);
      assert.equal(res.json().error.code, 'FORBIDDEN');
    }

    // Allowed actions: walked forward; 200 where the status allows the action, 409 where it does not.
    for (const action of WALK.filter((a) => mayTake(a))) {
      st = await stateOf(own.id);
      if (action === 'approve_reply' && st.status === 'awaiting_approval') {
        // Nobody approves their own reply (R-LC-5): someone else sends this role's reply back and writes one to approve.
        const other = role === 'admin' ? 'manager' : 'admin';
        for (const body of [bodyFor('reject_reply', { level, requestId }), bodyFor('reply', { level, requestId })]) {
          const res = await t.api('POST', `/api/complaints/${own.id}/actions`, body, { role: other });
          assert.equal(res.statusCode, 200, `${other} ${String(body.type)}: ${res.body}`);
        }
        st = await stateOf(own.id);
      }
      const paused = st.clocks.find((k) => k.state === 'paused')?.name;
      // Read as the admin, who is not offered the approval of a reply the admin wrote (R-LC-5): the status tells.
      const stateAllows = st.allowedActions.includes(action) || (action === 'approve_reply' && st.status === 'awaiting_approval');
      const res = await t.api(
        'POST',
        `/api/complaints/${own.id}/actions`,
        bodyFor(action, { level, running: running(), paused, requestId, dept: home.dept }),
        { role },
      );
      const dataDependent =
        (action === 'pause_clock' && !running()) ||
        (action === 'resume_clock' && !paused) ||
        (action === 'request_extension' && !running());
      if (dataDependent) assert.ok(![403, 404].includes(res.statusCode), `${role} ${action}: authorised (${res.statusCode})`);
      else
        assert.equal(
          res.statusCode,
          stateAllows ? 200 : 409,
          `${role} ${action} (allowed here: ${st.allowedActions.join(',')}): ${res.body}`,
        );
      if (res.statusCode === 200) {
        // The console is offered only what this role may take.
        for (const a of res.json().allowedActions as string[]) assert.ok(roleMayTake(role, a), `${role} is offered '${a}'`);
      }
    }

    // Intake: the capability first (403), then the unit's scope (404 like an unknown unit).
    const intake = { channel: 'phone', customer: { name: '李雷', phone: '13900001111' }, title: '权限测试：登记', content: '内容' };
    const inUnit = await t.api('POST', '/api/complaints', { ...intake, unitId: home.unitId }, { role });
    assert.equal(
      inUnit.statusCode,
      !roleHas(role, 'complaint.create') ? 403 : expectInScope(role, { id: '', unitId: home.unitId, leadDepartmentId: null }) ? 201 : 404,
      `${role} registers at ${home.unitId}: ${inUnit.body}`,
    );
    const away = await t.api('POST', '/api/complaints', { ...intake, unitId: 'u-fuel-s1' }, { role });
    assert.equal(
      away.statusCode,
      !roleHas(role, 'complaint.create') ? 403 : expectInScope(role, { id: '', unitId: 'u-fuel-s1', leadDepartmentId: null }) ? 201 : 404,
      `${role} registers at u-fuel-s1: ${away.body}`,
    );

    // Dashboard and calendar editing.
    assert.equal((await t.api('GET', '/api/stats/dashboard', undefined, { role })).statusCode, roleHas(role, 'dashboard.read') ? 200 : 403);
    const calendar = {
      timeZone: 'Asia/Shanghai',
      workingPeriods: [{ start: '09:00', end: '18:00' }],
      workWeek: [1, 2, 3, 4, 5],
      useChineseHolidays: true,
      overrides: {},
    };
    for (const unit of [home.unitId, 'u-fuel-s1']) {
      const res = await t.api('PUT', `/api/units/${unit}/calendar`, calendar, { role });
      const inScope = role !== 'handler' && expectInScope(role, { id: '', unitId: unit, leadDepartmentId: null });
      assert.equal(
        res.statusCode,
        !roleHas(role, 'calendar.edit') ? 403 : inScope ? 200 : 404,
        `${role} edits the calendar of ${unit}: ${res.body}`,
      );
    }
  });
}
