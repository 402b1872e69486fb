/**
 * The lifecycle pinned (issue #18, R-LC-2..4): every status × every action, written out by hand from the
 * seeds' steps, not read from the code's table. A change to src/domain/lifecycle/state-machine.ts that
 * allows, forbids or redirects one cell must change this test too.
 *
 * The steps (R-LC-2, S0 gas §12, S1 §7–14, S2 5.2, S4 ch.2): intake → qualification → dispatch →
 * acknowledgement → investigation (report, R-LC-6) → reply (approved first where the unit requires it)
 * → customer confirmation, or dispute back to the department as a repeat (R-LC-3) → return visit →
 * close; where the pack requires no return visit (restaurant, S4 service centre: returnVisit.required false,
 * issue #15 item 1) a confirmed result closes without one. Invalid complaints and suggestions close at qualification with their reason (R-LC-4) and are
 * contested, never reopened; a valid closed complaint is reopened (R-LC-3). Holding answers, urging and
 * the improvement plan run alongside (R-TL-3, R-TL-4); clocks, severity and notes on any open complaint.
 * Re-investigation (S0 gas §12.4 复查): the service centre investigates again when the customer objects to
 * the findings or the station has not fed them back in time.
 *
 * A cell is `-` (refused: 409 with the allowed actions), `=` (allowed, the status stays) or the status
 * the action leads to.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decide,
  allowedActions,
  ACTION_TYPES,
  type Action,
  type ActionType,
  type LifecycleState,
} from '../../src/domain/lifecycle/index.ts';
import type { ComplaintStatus } from '../../src/domain/contracts.ts';

const COLUMNS: Record<string, LifecycleState> = {
  received: {
    status: 'received',
    qualification: null,
    leadDepartmentId: null,
    repeatCount: 0,
    replyApprovalRequired: false,
    returnVisitRequired: true,
  },
  qualified: {
    status: 'qualified',
    qualification: 'valid',
    leadDepartmentId: null,
    repeatCount: 0,
    replyApprovalRequired: false,
    returnVisitRequired: true,
  },
  dispatched: open('dispatched'),
  acknowledged: open('acknowledged'),
  investigated: open('investigated'),
  awaiting_approval: open('awaiting_approval'),
  replied: open('replied'),
  confirmed: open('confirmed'),
  visited: open('visited'),
  'closed:valid': open('closed'),
  'closed:invalid': {
    status: 'closed',
    qualification: 'invalid',
    leadDepartmentId: null,
    repeatCount: 0,
    replyApprovalRequired: false,
    returnVisitRequired: true,
  },
  'closed:suggestion': {
    status: 'closed',
    qualification: 'suggestion',
    leadDepartmentId: null,
    repeatCount: 0,
    replyApprovalRequired: false,
    returnVisitRequired: true,
  },
};

function open(status: ComplaintStatus): LifecycleState {
  return {
    status,
    qualification: 'valid',
    leadDepartmentId: 'dept-lead',
    repeatCount: 0,
    replyApprovalRequired: false,
    returnVisitRequired: true,
  };
}

const report = {
  cause: '阀门老化',
  sequence: '巡检漏报',
  responsible: '维修班',
  conclusion: '属实',
  countermeasures: '更换阀门',
  prevention: '每月巡检',
};

/** Each row's action, with a payload that is valid wherever the action is allowed. */
/**
 * `approvalRequired`: the unit's replies wait for approval; `noReturnVisit`: the pack requires no return visit.
 * Every other row is read with replies not waiting and the return visit required.
 */
const ROWS: Record<string, { action: Action; approvalRequired?: boolean; noReturnVisit?: boolean }> = {
  'qualify valid': { action: { type: 'qualify', result: 'valid' } },
  'qualify invalid': { action: { type: 'qualify', result: 'invalid', invalidReasonId: 'unrelated', reason: '非本单位责任' } },
  'qualify suggestion': { action: { type: 'qualify', result: 'suggestion', reason: '属于建议' } },
  dispatch: { action: { type: 'dispatch', leadDepartmentId: 'dept-lead' } },
  return: { action: { type: 'return', reason: '不属本部门' } },
  urge: { action: { type: 'urge' } },
  acknowledge: { action: { type: 'acknowledge' } },
  report: { action: { type: 'report', ...report } },
  interim_reply: { action: { type: 'interim_reply', message: '正在调查' } },
  submit_improvement: { action: { type: 'submit_improvement', plan: '整改计划' } },
  reply: { action: { type: 'reply', message: '答复' } },
  'reply (approval)': { action: { type: 'reply', message: '答复' }, approvalRequired: true },
  approve_reply: { action: { type: 'approve_reply' } },
  reject_reply: { action: { type: 'reject_reply', reason: '措辞不当' } },
  confirm: { action: { type: 'confirm' } },
  dispute: { action: { type: 'dispute', reason: '仍未解决' } },
  visit: { action: { type: 'visit', score: 4 } },
  close: { action: { type: 'close' } },
  'close (no return visit)': { action: { type: 'close' }, noReturnVisit: true },
  reopen: { action: { type: 'reopen', reason: '再次漏水' } },
  contest: { action: { type: 'contest', reason: '不同意' } },
  set_level: { action: { type: 'set_level', level: 'major', reason: '媒体关注' } },
  record_facts: { action: { type: 'record_facts', flags: { media: true }, reason: '晚报已报道' } },
  pause_clock: { action: { type: 'pause_clock', clock: 'reply', reason: '等待检测' } },
  resume_clock: { action: { type: 'resume_clock', clock: 'reply' } },
  request_extension: { action: { type: 'request_extension', clock: 'reply', minutes: 60, reason: '需外部检测' } },
  approve_extension: { action: { type: 'approve_extension', requestId: '00000000-0000-4000-8000-000000000001' } },
  recompute_clocks: { action: { type: 'recompute_clocks', reason: '日历更正' } },
  note: { action: { type: 'note', text: '客户来电' } },
  reinvestigate: { action: { type: 'reinvestigate', reason: '客户对调查结果有异议' } },
};

// prettier-ignore
const GOLDEN = `
                     received   qualified   dispatched   acknowledged  investigated  awaiting_approval  replied       confirmed  visited  closed:valid  closed:invalid  closed:suggestion
qualify valid        qualified  -           -            -             -             -                  -             -          -        -             -               -
qualify invalid      closed     -           -            -             -             -                  -             -          -        -             -               -
qualify suggestion   closed     -           -            -             -             -                  -             -          -        -             -               -
dispatch             -          dispatched  -            -             -             -                  -             -          -        -             -               -
return               -          -           qualified    -             -             -                  -             -          -        -             -               -
urge                 -          -           =            =             =             =                  -             -          -        -             -               -
acknowledge          -          -           acknowledged -             -             -                  -             -          -        -             -               -
report               -          -           -            investigated  investigated  -                  -             -          -        -             -               -
interim_reply        -          =           =            =             =             -                  -             -          -        -             -               -
submit_improvement   -          -           -            =             =             =                  =             =          =        -             -               -
reply                -          -           -            -             replied       -                  -             -          -        -             -               -
reply (approval)     -          -           -            -             awaiting_approval -                -             -          -        -             -               -
approve_reply        -          -           -            -             -             replied            -             -          -        -             -               -
reject_reply         -          -           -            -             -             investigated       -             -          -        -             -               -
confirm              -          -           -            -             -             -                  confirmed     -          -        -             -               -
dispute              -          -           -            -             -             -                  acknowledged  -          -        -             -               -
visit                -          -           -            -             -             -                  -             visited    -        -             -               -
close                -          -           -            -             -             -                  -             -          closed   -             -               -
close (no return visit) -       -           -            -             -             -                  -             closed     closed   -             -               -
reopen               -          -           -            -             -             -                  -             -          -        acknowledged  -               -
contest              -          -           -            -             -             -                  -             -          -        -             =               =
set_level            =          =           =            =             =             =                  =             =          =        -             -               -
record_facts         =          =           =            =             =             =                  =             =          =        -             -               -
pause_clock          =          =           =            =             =             =                  =             =          =        -             -               -
resume_clock         =          =           =            =             =             =                  =             =          =        -             -               -
request_extension    =          =           =            =             =             =                  =             =          =        -             -               -
approve_extension    =          =           =            =             =             =                  =             =          =        -             -               -
recompute_clocks     =          =           =            =             =             =                  =             =          =        -             -               -
note                 =          =           =            =             =             =                  =             =          =        =             =               =
reinvestigate        -          -           acknowledged acknowledged  acknowledged  -                  -             -          -        -             -               -
`;

/** The table as rows of [row name, cells]: the row name may hold one space ("qualify valid"). */
function parseGolden(): { columns: string[]; rows: [string, string[]][] } {
  // The row name may hold spaces ("close (no return visit)"): the last cells are the columns.
  const lines = GOLDEN.split('\n').filter((l) => l.trim());
  const columns = lines[0].trim().split(/\s+/);
  const rows = lines.slice(1).map((line): [string, string[]] => {
    const cells = line.trim().split(/\s+/);
    const values = cells.slice(-columns.length);
    return [cells.slice(0, cells.length - columns.length).join(' '), values];
  });
  return { columns, rows };
}

const { columns, rows } = parseGolden();

test('#18 golden lifecycle: the table names every status and every action, and nothing else', () => {
  assert.deepEqual(new Set(columns), new Set(Object.keys(COLUMNS)));
  assert.deepEqual(new Set(rows.map(([name]) => name)), new Set(Object.keys(ROWS)));
  assert.deepEqual(new Set(Object.values(ROWS).map((r) => r.action.type)), new Set(ACTION_TYPES), 'every action type has a row');
  for (const [name, cells] of rows) assert.equal(cells.length, columns.length, `row ${name}`);
});

for (const [name, cells] of rows) {
  test(`R-LC-2..4 golden lifecycle: ${name}`, () => {
    const { action, approvalRequired, noReturnVisit } = ROWS[name];
    columns.forEach((column, i) => {
      const state = { ...COLUMNS[column], replyApprovalRequired: approvalRequired === true, returnVisitRequired: noReturnVisit !== true };
      const expected = cells[i];
      const d = decide(state, action, new Date('2026-11-24T02:00:00Z'));
      if (expected === '-') {
        assert.equal(d.ok, false, `${name} from ${column}: expected 409`);
        if (!d.ok) assert.ok(!d.allowed.includes(action.type), `${name} from ${column}: refused but listed as allowed`);
        return;
      }
      assert.ok(d.ok, `${name} from ${column}: expected allowed, got ${d.ok ? '' : d.reason}`);
      if (!d.ok) return;
      const next = d.patch.status ?? state.status;
      assert.equal(next, expected === '=' ? state.status : expected, `${name} from ${column}: next status`);
    });
  });
}

test('#18 golden lifecycle: the console offers exactly the actions a column allows (allowedActions), with and without a required return visit', () => {
  for (const returnVisitRequired of [true, false]) {
    columns.forEach((column, i) => {
      const offered = new Set<ActionType>();
      for (const [name, cells] of rows) {
        const row = ROWS[name];
        if (cells[i] === '-' || row.approvalRequired || (row.noReturnVisit && returnVisitRequired)) continue;
        offered.add(row.action.type);
      }
      const state = { ...COLUMNS[column], returnVisitRequired };
      assert.deepEqual(new Set(allowedActions(state)), offered, `${column} (return visit required: ${returnVisitRequired})`);
    });
  }
});
