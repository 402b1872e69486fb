/** Pure casework rules: commander choice (S2 4.1), deadlines (S2 5.2.3, R-TL-4), weekly progress (Vanke 5.5.2.4), anonymisation and trends (R-RP-2). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CALENDAR } from '../../src/domain/calendar/index.ts';
import {
  chooseCommander,
  emergencyDeadlines,
  deadlineStatus,
  emergencyPlanFor,
  emergencyApplies,
  progressOverdue,
  capaPlanDue,
  anonymise,
  leaksIdentity,
  trendOf,
  detectPatterns,
  monthWindow,
  draftSpecialReport,
} from '../../src/domain/casework/index.ts';
import { findPack } from '../../src/policies/index.ts';

const at = (s: string) => new Date(s);

test('R-EM-1 (S2 4.1): the project manager commands in working hours, the on-duty security lead outside them', () => {
  const plan = emergencyPlanFor(findPack('property')!)!;
  // Tuesday 2026-11-24 10:00 Asia/Shanghai
  assert.deepEqual(chooseCommander(DEFAULT_CALENDAR, at('2026-11-24T02:00:00Z'), plan), { role: 'project_manager', inWorkingHours: true });
  // Tuesday 22:00 local
  assert.deepEqual(chooseCommander(DEFAULT_CALENDAR, at('2026-11-24T14:00:00Z'), plan), {
    role: 'security_shift_lead',
    inWorkingHours: false,
  });
  // Saturday 10:00 local
  assert.equal(chooseCommander(DEFAULT_CALENDAR, at('2026-11-28T02:00:00Z'), plan).role, 'security_shift_lead');
  // National Day holiday 2026-10-02 (a Friday) 10:00 local
  assert.equal(chooseCommander(DEFAULT_CALENDAR, at('2026-10-02T02:00:00Z'), plan).role, 'security_shift_lead');
  // The roles are the pack's: another commander in the pack commands.
  assert.equal(
    chooseCommander(DEFAULT_CALENDAR, at('2026-11-24T02:00:00Z'), { ...plan, commanderRole: 'general_manager' }).role,
    'general_manager',
  );
});

test('R-EM-1, #15 item 6: only a pack with a plan, and only its levels, open an emergency response', () => {
  const plan = emergencyPlanFor(findPack('property')!);
  assert.equal(emergencyApplies(plan, 'major'), true);
  assert.equal(emergencyApplies(plan, 'important'), false);
  assert.equal(emergencyApplies(plan, null), false);
  assert.equal(emergencyPlanFor(findPack('food')!), null, 'a pack with no plan has none');
  assert.equal(emergencyPlanFor(findPack('real-estate')!), null, 'a major level alone does not borrow S2’s plan');
});

test('S2 5.2.3: answer within 24 h, conclude within 3 days, from the receipt; met, late, pending, overdue', () => {
  const plan = emergencyPlanFor(findPack('property')!)!;
  const d = emergencyDeadlines(plan, { receivedAt: at('2026-11-24T02:00:00Z'), levelSetAt: at('2026-11-30T02:00:00Z') });
  assert.equal(d.answerDueAt.toISOString(), '2026-11-25T02:00:00.000Z');
  assert.equal(d.conclusionDueAt.toISOString(), '2026-11-27T02:00:00.000Z');
  const fromLevel = emergencyDeadlines(
    { ...plan, countFrom: 'level_set' },
    { receivedAt: at('2026-11-24T02:00:00Z'), levelSetAt: at('2026-11-30T02:00:00Z') },
  );
  assert.equal(fromLevel.answerDueAt.toISOString(), '2026-12-01T02:00:00.000Z');
  assert.equal(deadlineStatus(d.answerDueAt, at('2026-11-25T01:00:00Z'), at('2026-11-26T00:00:00Z')).state, 'met');
  assert.equal(deadlineStatus(d.answerDueAt, at('2026-11-25T03:00:00Z'), at('2026-11-26T00:00:00Z')).state, 'met_late');
  assert.equal(deadlineStatus(d.answerDueAt, null, at('2026-11-24T12:00:00Z')).state, 'pending');
  assert.equal(deadlineStatus(d.answerDueAt, null, at('2026-11-25T02:00:01Z')).state, 'overdue');
});

test('R-TL-4: the improvement plan is due 3 working days later on the unit calendar (skips the weekend)', () => {
  // Thursday 2026-11-26 10:00 local → the end of Tuesday 2026-12-01 local
  assert.equal(capaPlanDue(DEFAULT_CALENDAR, at('2026-11-26T02:00:00Z')).toISOString(), '2026-12-01T15:59:59.999Z');
});

test('Vanke 5.5.2.4: weekly progress is owed a week after the level is set, then a week after each entry', () => {
  const set = at('2026-11-01T02:00:00Z');
  assert.equal(progressOverdue(null, set, at('2026-11-07T02:00:00Z')).overdue, false);
  const s = progressOverdue(null, set, at('2026-11-08T02:00:00Z'));
  assert.equal(s.overdue, true);
  assert.equal(s.missedWeeks, 1);
  assert.equal(s.missedDueAt!.toISOString(), '2026-11-08T02:00:00.000Z');
  assert.equal(progressOverdue(at('2026-11-05T00:00:00Z'), set, at('2026-11-11T00:00:00Z')).overdue, false);
  const two = progressOverdue(null, set, at('2026-11-16T00:00:00Z'));
  assert.equal(two.missedWeeks, 2);
  assert.equal(two.missedDueAt!.toISOString(), '2026-11-15T02:00:00.000Z', 'a second missed week has its own reminder key');
  assert.equal(
    progressOverdue(at('2026-10-01T00:00:00Z'), set, at('2026-11-02T00:00:00Z')).overdue,
    false,
    'an entry before the level was set does not count against it',
  );
});

test('R-RP-2: anonymisation removes name, phone (any separators), e-mail, honorific forms and ID numbers', () => {
  const who = { names: ['张伟'], phones: ['13800138000'], emails: ['zw@example.com'] };
  const text =
    '业主张伟（电话 138-0013-8000，邮箱 ZW@example.com）称张先生家漏水，另留 139 1234 5678 与 021-66668888，身份证 110101199003071234。';
  const out = anonymise(text, who);
  assert.ok(!out.includes('张伟') && !out.includes('张先生'));
  assert.ok(!/\d{7}/.test(out.replace(/[- ]/g, '')), out);
  assert.ok(!out.toLowerCase().includes('zw@example.com'));
  assert.equal(leaksIdentity(out, who), false);
  assert.equal(leaksIdentity(text, who), true);
  assert.ok(out.includes('漏水'), 'the rest of the text stays');
});

test('R-RP-2: a rising monthly series is a pattern; flat, falling and tiny ones are not', () => {
  assert.equal(trendOf([0, 1, 1, 2, 3, 4]).rising, true);
  assert.equal(trendOf([3, 3, 3, 3, 3, 3]).rising, false);
  assert.equal(trendOf([4, 3, 2, 1, 1, 0]).rising, false);
  assert.equal(trendOf([0, 0, 0, 0, 0, 2]).rising, false, 'two complaints are not a pattern');
  const win = monthWindow(at('2026-11-24T02:00:00Z'), 6);
  assert.deepEqual(win.keys, ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
  assert.equal(win.start.toISOString(), '2026-05-31T16:00:00.000Z');
  const p = detectPatterns(
    [
      { unitId: 'u1', categoryId: 'leak', month: '2026-09', n: 1 },
      { unitId: 'u1', categoryId: 'leak', month: '2026-10', n: 2 },
      { unitId: 'u1', categoryId: 'leak', month: '2026-11', n: 4 },
      { unitId: 'u1', categoryId: 'noise', month: '2026-06', n: 3 },
      { unitId: 'u1', categoryId: 'noise', month: '2026-11', n: 1 },
    ],
    win.keys,
  );
  assert.deepEqual(
    p.map((x) => x.categoryId),
    ['leak'],
  );
  assert.deepEqual(
    p[0].months.map((m) => m.count),
    [0, 0, 0, 1, 2, 4],
  );
});

test('R-NT-1: the draft tells the course in order in Asia/Shanghai time and lists the escalations with their rule', () => {
  const c = draftSpecialReport({
    complaint: {
      code: 'TS-1',
      title: '漏水',
      content: '内容',
      unitName: '项目',
      categoryName: null,
      level: 'hot',
      receivedAt: at('2026-11-24T02:00:00Z'),
      closedAt: null,
      status: 'received',
    },
    levelNames: { hot: '热点投诉', general: '一般投诉' },
    departmentNames: {},
    events: [
      {
        seq: 2,
        type: 'level_changed',
        at: at('2026-11-24T03:00:00Z'),
        actorLabel: 'system',
        data: { level: 'hot', from: 'general', ruleId: 'R-SV-1/media', reason: 'media', reasonZh: '媒体曝光' },
      },
      { seq: 1, type: 'received', at: at('2026-11-24T02:00:00Z'), actorLabel: 'a', data: {} },
    ],
    report: { countermeasures: '修复', prevention: '巡查' },
    capa: null,
    emergencyReview: null,
    progress: [],
  });
  assert.deepEqual(
    c.course.map((e) => e.local),
    ['2026-11-24 10:00', '2026-11-24 11:00'],
  );
  assert.deepEqual(
    c.escalation.map((e) => [e.ruleId, e.reason, e.toName]),
    [['R-SV-1/media', '媒体曝光', '热点投诉']],
  );
  assert.deepEqual(
    c.measures.map((m) => m.text),
    ['修复', '巡查'],
  );
  assert.equal(c.kind, 'brief');
});
