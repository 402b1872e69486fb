/** The crisis procedure starts by itself, once (#15 item 5, S0 第四篇 §11.1, §11.2.1b). Pure. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComplaintFacts } from '../../src/domain/contracts.ts';
import { planCrisisStart } from '../../src/domain/rules/crisis-start.ts';
import { getPack } from '../../src/policies/index.ts';

const AT = new Date('2026-11-24T02:00:00Z');
const facts = (o: Partial<ComplaintFacts> = {}): ComplaintFacts => ({
  channel: 'phone',
  receivedAt: AT,
  level: 'C',
  qualification: null,
  categoryId: null,
  complainantCount: 1,
  flags: {},
  repeatCount: 0,
  similarCount: 0,
  resolved: false,
  pausedMs: 0,
  ...o,
});

test('S0 第四篇 §11.1a, §11.2.1b: a regulator’s complaint starts the crisis at intake: sales manager and salesperson alerted at once, the sales manager owns it', () => {
  const s = planCrisisStart(getPack('food'), null, facts({ channel: 'regulator' }), AT);
  assert.ok(s);
  assert.equal(s.event.data.ownerRole, 'sales_manager');
  assert.deepEqual(s.event.data.because, ['channel:regulator']);
  assert.deepEqual(
    s.notifications.map((n) => [n.recipientRole, n.kind, n.dueAt]),
    [
      ['sales_manager', 'crisis_alert', AT.toISOString()],
      ['salesperson', 'crisis_alert', AT.toISOString()],
    ],
  );
});

test('S0 第四篇 §11.1c: a fact recorded later (extortion, flagged special) starts it then, and only once', () => {
  const food = getPack('food');
  const before = facts();
  const after = facts({ flags: { special: true } });
  assert.ok(planCrisisStart(food, before, after, AT), 'the fact that makes it a crisis starts it');
  assert.equal(planCrisisStart(food, after, after, AT), null, 'a later write does not start it again');
  assert.equal(planCrisisStart(food, null, facts(), AT), null, 'an ordinary complaint is no crisis');
  assert.equal(planCrisisStart(getPack('real-estate'), null, after, AT), null, 'a pack without a crisis procedure has none');
});
