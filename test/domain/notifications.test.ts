import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notificationsFor, reportItemsFor } from '../../src/domain/notifications/index.ts';
import { getPack } from '../../src/policies/index.ts';

const AT = new Date('2025-09-30T06:00:00Z');
// A stand-in working-day function: the next working day after 2025-09-30 is 2025-10-09 (National Day).
const addWorkingDays = (start: Date, days: number) => {
  assert.equal(days, 1);
  assert.equal(start.getTime(), AT.getTime());
  return new Date('2025-10-09T10:00:00Z');
};
const vanke = getPack('real-estate');

test('R-NT-1: a hot complaint is bulletined to company and group within one working day', () => {
  const due = notificationsFor(vanke, 'hot', AT, addWorkingDays);
  assert.deepEqual(
    due.map((n) => [n.recipientRole, n.kind, n.dueAt, n.ruleId]),
    [
      ['company', 'bulletin', '2025-10-09T10:00:00.000Z', 'R-NT-1/hot-bulletin'],
      ['group_coordination_centre', 'bulletin', '2025-10-09T10:00:00.000Z', 'R-NT-1/hot-bulletin'],
    ],
  );
});

test('R-NT-1: a hot complaint gets a special report at closure, and nothing else then', () => {
  const due = notificationsFor(vanke, 'hot', AT, addWorkingDays, { trigger: 'closed' });
  assert.deepEqual(
    due.map((n) => [n.recipientRole, n.kind, n.dueAt]),
    [
      ['company', 'special_report', AT.toISOString()],
      ['group_coordination_centre', 'special_report', AT.toISOString()],
    ],
  );
});

test('R-NT-1: a major complaint is bulletined immediately, with progress due a week later', () => {
  const due = notificationsFor(vanke, 'major', AT, () => assert.fail('no working days needed'));
  const byKind = (kind: string) => due.filter((n) => n.kind === kind).map((n) => n.dueAt);
  assert.deepEqual(byKind('bulletin'), [AT.toISOString(), AT.toISOString()]);
  assert.deepEqual(byKind('progress'), ['2025-10-07T06:00:00.000Z', '2025-10-07T06:00:00.000Z']);
  assert.deepEqual(byKind('special_report'), []);
});

test('R-NT-1: after a progress report on a major complaint the next is due a week later; at closure a detailed report', () => {
  const sent = new Date('2025-10-07T08:00:00Z');
  const next = notificationsFor(vanke, 'major', sent, addWorkingDays, { trigger: 'progress_sent' });
  assert.deepEqual(
    next.map((n) => [n.kind, n.dueAt]),
    [
      ['progress', '2025-10-14T08:00:00.000Z'],
      ['progress', '2025-10-14T08:00:00.000Z'],
    ],
  );
  const closed = notificationsFor(vanke, 'major', sent, addWorkingDays, { trigger: 'closed' });
  assert.deepEqual(
    closed.map((n) => n.ruleId),
    ['R-NT-1/major-special-report', 'R-NT-1/major-special-report'],
  );
});

test('R-NT-1: general and important complaints send no bulletin; they are counted in the periodic reports', () => {
  assert.deepEqual(notificationsFor(vanke, 'general', AT, addWorkingDays), []);
  assert.deepEqual(notificationsFor(vanke, 'important', AT, addWorkingDays), []);
  assert.deepEqual(reportItemsFor(vanke, 'general'), ['monthly']);
  assert.deepEqual(reportItemsFor(vanke, 'important'), ['half_monthly', 'monthly']);
  assert.deepEqual(reportItemsFor(vanke, 'major'), []);
});

test('R-NT-2: a fuel level 1 complaint goes to the responsible leader at once; level 2 and 3 do not', () => {
  const fuel = getPack('fuel-retail');
  assert.deepEqual(notificationsFor(fuel, 'level1', AT, addWorkingDays), [
    {
      recipientRole: 'responsible_leader',
      dueAt: AT.toISOString(),
      subject: 'Level 1 complaint: report to the responsible leader for instructions',
      ruleId: 'R-NT-2/level1-leader',
      kind: 'leader_alert',
    },
  ]);
  assert.deepEqual(notificationsFor(fuel, 'level2', AT, addWorkingDays), []);
  assert.deepEqual(notificationsFor(fuel, 'level3', AT, addWorkingDays), []);
});

test('an unknown level is notified about nothing', () => {
  assert.deepEqual(notificationsFor(vanke, 'level1', AT, addWorkingDays), []);
});

test('S0 第五篇 §12.4: a re-investigation is reported to the responsible leader at once, whatever the level; other steps tell no one by event', () => {
  const fuel = getPack('fuel-retail');
  for (const level of ['level1', 'level2', 'level3']) {
    const due = notificationsFor(fuel, level, AT, addWorkingDays, { trigger: 'event', events: ['reinvestigated'] });
    assert.deepEqual(
      due.map((n) => [n.recipientRole, n.kind, n.dueAt, n.ruleId]),
      [['responsible_leader', 'escalation', AT.toISOString(), 'R-LC-3/reinvestigation-leader']],
    );
  }
  assert.deepEqual(notificationsFor(fuel, 'level3', AT, addWorkingDays, { trigger: 'event', events: ['reported', 'replied'] }), []);
  // A weekly or immediate rule does not answer to an event.
  assert.deepEqual(notificationsFor(vanke, 'major', AT, addWorkingDays, { trigger: 'event', events: ['reinvestigated', 'closed'] }), []);
});
