/**
 * Issue #14, "Recipients are people, through positions" (R-NT-1, R-NT-2): a rule's position resolves to
 * the users holding it at the complaint's unit or its nearest ancestor that has a holder; nobody → the
 * company's administrators, marked unaddressed. Pure, so a table of cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recipientRows, resolveRecipients, type AddressBook, type HolderEntry } from '../../src/domain/notifications/index.ts';
import type { NotificationDue } from '../../src/domain/contracts.ts';

const ANCESTRY = ['u-re-garden', 'co-re', 'grp'];
const holder = (userId: string, positionId: string, orgNodeId: string, extra: Partial<HolderEntry> = {}): HolderEntry => ({
  userId,
  positionId,
  orgNodeId,
  name: userId,
  email: `${userId}@x.cn`,
  wantsEmail: true,
  ...extra,
});
const ADMINS = [
  { userId: 'admin-grp', name: 'admin', email: 'admin@x.cn', wantsEmail: true },
  { userId: 'admin-off', name: 'off', email: null, wantsEmail: false, disabled: true },
];
const due = (recipientRole: string): NotificationDue => ({
  recipientRole,
  dueAt: '2026-11-24T02:00:00.000Z',
  subject: '重大投诉即时通报',
  ruleId: 'R-NT-1/major-bulletin',
  kind: 'bulletin',
});

const CASES: { name: string; position: string; holders: HolderEntry[]; expect: [string, boolean][] }[] = [
  {
    name: 'a holder at the unit is the recipient, not the one at the company above it',
    position: 'cs_specialist',
    holders: [holder('li', 'cs_specialist', 'u-re-garden'), holder('wang', 'cs_specialist', 'co-re')],
    expect: [['li', false]],
  },
  {
    name: 'every holder at the nearest node receives it',
    position: 'cs_specialist',
    holders: [holder('li', 'cs_specialist', 'u-re-garden'), holder('zhao', 'cs_specialist', 'u-re-garden')],
    expect: [
      ['li', false],
      ['zhao', false],
    ],
  },
  {
    name: 'held only at the company: the company holder receives it',
    position: 'company',
    holders: [holder('chen', 'company', 'co-re'), holder('zhou', 'company', 'co-fuel')],
    expect: [['chen', false]],
  },
  {
    name: 'held at the group root: reached from the unit through every ancestor',
    position: 'group_coordination_centre',
    holders: [holder('sun', 'group_coordination_centre', 'grp')],
    expect: [['sun', false]],
  },
  {
    name: 'a holder of another position, or at another company, does not count: admins, unaddressed',
    position: 'company',
    holders: [holder('li', 'cs_specialist', 'u-re-garden'), holder('zhou', 'company', 'co-fuel')],
    expect: [['admin-grp', true]],
  },
  {
    name: 'held by nobody: the enabled admins, unaddressed',
    position: 'company',
    holders: [],
    expect: [['admin-grp', true]],
  },
  {
    name: 'a disabled holder is skipped; the next ancestor with an enabled holder is used',
    position: 'company',
    holders: [holder('gone', 'company', 'u-re-garden', { disabled: true }), holder('chen', 'company', 'co-re')],
    expect: [['chen', false]],
  },
  {
    name: 'only disabled holders: nobody holds it, admins unaddressed',
    position: 'company',
    holders: [holder('gone', 'company', 'co-re', { disabled: true })],
    expect: [['admin-grp', true]],
  },
  {
    name: 'one user holding the position twice on the way is told once',
    position: 'company',
    holders: [holder('chen', 'company', 'u-re-garden'), holder('chen', 'company', 'u-re-garden')],
    expect: [['chen', false]],
  },
];

for (const c of CASES) {
  test(`issue #14 / R-NT-1: ${c.name}`, () => {
    const book: AddressBook = { ancestry: ANCESTRY, holders: c.holders, admins: ADMINS };
    const [n] = resolveRecipients([due(c.position)], book, () => 'n-1');
    assert.equal(n.id, 'n-1');
    assert.equal(n.positionId, c.position);
    assert.deepEqual(
      n.recipients.map((r) => [r.userId, r.unaddressed]),
      c.expect,
    );
  });
}

test('issue #14: each notification gets its own id from the caller, and its recipients become rows', () => {
  let i = 0;
  const book: AddressBook = { ancestry: ANCESTRY, holders: [holder('chen', 'company', 'co-re')], admins: ADMINS };
  const out = resolveRecipients([due('company'), due('group_coordination_centre')], book, () => `n-${++i}`);
  assert.deepEqual(
    out.map((n) => n.id),
    ['n-1', 'n-2'],
  );
  assert.equal(out[0].subject, '重大投诉即时通报', 'the notification keeps what the rule said');
  assert.deepEqual(recipientRows(out), [
    { notification_id: 'n-1', user_id: 'chen', unaddressed: false },
    { notification_id: 'n-2', user_id: 'admin-grp', unaddressed: true },
  ]);
});

test('issue #14: with no administrator either, the notification is kept with no recipients (visible on the complaint)', () => {
  const [n] = resolveRecipients([due('company')], { ancestry: ANCESTRY, holders: [], admins: [] }, () => 'n-1');
  assert.deepEqual(n.recipients, []);
});
