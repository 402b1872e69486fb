/**
 * Issue #15 items 2 and 3, the pure parts: what record_facts changes (src/domain/lifecycle/facts.ts), a level
 * chosen at qualify (src/domain/severity/qualify-level.ts, R-SV-4), repeat detection at intake
 * (src/domain/similarity/repeat-at-intake.ts, R-LC-3) and the intake plan that carries it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComplaintFacts } from '../../src/domain/contracts.ts';
import { factChanges, flagsAfter, isEmptyChange, RECORDABLE_FACTS } from '../../src/domain/lifecycle/facts.ts';
import { decide, LifecycleInputError } from '../../src/domain/lifecycle/index.ts';
import { automaticLevel, levelChosenAtQualify } from '../../src/domain/severity/index.ts';
import { repeatFromCandidates } from '../../src/domain/similarity/repeat-at-intake.ts';
import { signature, signatureTotals, complaintText } from '../../src/domain/similarity/index.ts';
import type { CandidateRow } from '../../src/domain/similarity/similar-at-intake.ts';
import { intakeLinkRows } from '../../src/domain/intake/plan-intake.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { FLAGS, getPack } from '../../src/policies/index.ts';
import { complaintFacts } from '../helpers/complaint-facts.ts';

const vanke = getPack('real-estate');
const now = new Date('2026-11-24T02:00:00Z');

const facts = (over: Partial<ComplaintFacts> = {}): ComplaintFacts => complaintFacts(now, over);

test('issue #15 item 2: every recordable fact is a flag the packs’ rules can test', () => {
  for (const f of RECORDABLE_FACTS) assert.ok((FLAGS as readonly string[]).includes(f), f);
  assert.ok(!(RECORDABLE_FACTS as readonly string[]).includes('regulator'), 'the regulator flag comes from the channel');
});

test('issue #15 item 2: record_facts changes only what differs, keeps other flags, and needs a reason and a change', () => {
  const current = { flags: { regulator: true, media: false }, complainantCount: 2 };
  const c = factChanges(current, { flags: { media: true, lawsuit: false }, complainantCount: 2 });
  assert.deepEqual(c, { flags: { media: { from: false, to: true } }, complainantCount: null });
  assert.deepEqual(flagsAfter(current.flags, c), { regulator: true, media: true });
  assert.ok(isEmptyChange(factChanges(current, { flags: { lawsuit: false }, complainantCount: 2 })));

  const state = {
    status: 'qualified' as const,
    qualification: 'valid' as const,
    leadDepartmentId: null,
    repeatCount: 0,
    replyApprovalRequired: false,
    returnVisitRequired: true,
    facts: current,
  };
  assert.throws(
    () => decide(state, { type: 'record_facts', flags: { media: true }, reason: ' ' }, now),
    (e: unknown) => e instanceof LifecycleInputError && e.field === 'reason',
  );
  assert.throws(
    () => decide(state, { type: 'record_facts', complainantCount: 2, reason: '核实' }, now),
    (e: unknown) => e instanceof LifecycleInputError && e.field === 'flags',
  );
  const d = decide(state, { type: 'record_facts', complainantCount: 12, reason: '联名信' }, now);
  assert.ok(d.ok);
  assert.equal(d.patch.complainantCount, 12);
  assert.equal(d.patch.flags, undefined, 'flags untouched when none changes');
  assert.deepEqual(d.events[0], { type: 'facts_recorded', data: { flags: {}, complainantCount: { from: 2, to: 12 }, reason: '联名信' } });
});

test('R-SV-4, S0 Vanke 5.5.2.5: the automatic level never falls below the current one', () => {
  assert.equal(automaticLevel(vanke, facts(), now, null), 'general');
  assert.equal(automaticLevel(vanke, facts({ flags: { media: true } }), now, 'general'), 'major');
  assert.equal(automaticLevel(vanke, facts(), now, 'hot'), 'hot');
});

test('R-SV-4: a level chosen at qualify: higher is taken, equal changes nothing, lower needs a reason', () => {
  assert.equal(levelChosenAtQualify(vanke, 'general', undefined, undefined), null);
  assert.equal(levelChosenAtQualify(vanke, 'hot', 'hot', undefined), null);
  const up = levelChosenAtQualify(vanke, 'general', 'major', undefined)!;
  assert.equal(up.lowered, false);
  assert.deepEqual(
    { level: up.event.data.level, via: up.event.data.via, automatic: up.event.data.automatic, manual: up.event.data.manual },
    { level: 'major', via: 'qualify', automatic: 'general', manual: true },
  );
  assert.throws(
    () => levelChosenAtQualify(vanke, 'hot', 'general', '  '),
    (e: unknown) =>
      e instanceof DomainError && e.message.includes("automatic level 'hot'") && (e.details as { field?: string })?.field === 'level',
  );
  const down = levelChosenAtQualify(vanke, 'hot', 'general', '同一户家庭')!;
  assert.equal(down.lowered, true);
  assert.equal(down.event.data.reason, '同一户家庭');
});

// ── R-LC-3: repeats at intake ──────────────────────────────────────────────────────────────────

const LEAK = signature(complaintText({ title: '卫生间天花板漏水', content: '主卫天花板持续漏水，墙面发霉。' }));
const DOOR = signature(complaintText({ title: '门禁卡无法使用', content: '新办理的门禁卡刷不开单元门。' }));

function earlier(id: string, over: Partial<CandidateRow> = {}, sig: string[] = LEAK): CandidateRow {
  return {
    id,
    code: `TS-${id}`,
    customer_id: 'cust-1',
    shared: sig.filter((f) => LEAK.includes(f)),
    received_at: new Date('2026-06-01T02:00:00Z'),
    status: 'closed',
    similar_count: 1,
    unit_id: 'unit-1',
    policy_id: 'real-estate',
    policy_version: 0,
    channel: 'phone',
    level: 'general',
    qualification: 'valid',
    category_id: null,
    complainant_count: 1,
    flags: {},
    repeat_count: 0,
    ...over,
  };
}
const target = { unitId: 'unit-1', categoryId: null, receivedAt: now, customerId: 'cust-1', signature: LEAK };
const totals = (rows: CandidateRow[], sig: Record<string, string[]> = {}) =>
  new Map(rows.map((r) => [r.id, signatureTotals(sig[r.id] ?? LEAK)]));

test('R-LC-3: the same customer’s closed valid complaint about the same matter makes a repeat; count from the highest', () => {
  const a = earlier('a');
  const b = earlier('b', { received_at: new Date('2026-09-01T02:00:00Z'), repeat_count: 1 });
  const r = repeatFromCandidates([a, b], target, totals([a, b]));
  assert.deepEqual({ id: r?.id, count: r?.repeatCount }, { id: 'b', count: 2 }, 'linked to the newest, counted on from it');
});

test('R-LC-3: no repeat for another customer, another unit, another category, an open or invalid one, or another matter', () => {
  const cases: CandidateRow[] = [
    earlier('x1', { customer_id: 'cust-2' }),
    earlier('x2', { unit_id: 'unit-2' }),
    earlier('x3', { category_id: 'sales' }),
    earlier('x4', { status: 'replied' }),
    earlier('x5', { qualification: 'invalid' }),
    earlier('x6', { received_at: new Date('2026-12-01T00:00:00Z') }),
  ];
  for (const c of cases) assert.equal(repeatFromCandidates([c], { ...target, categoryId: 'engineering' }, totals([c])), null, c.id);
  const door = earlier('x7', {}, DOOR);
  assert.equal(repeatFromCandidates([door], target, totals([door], { x7: DOOR })), null, 'another matter');
});

test('R-LC-3: the pair with the repeated complaint is linked once, as the repeat', () => {
  const row = earlier('a');
  const rows = intakeLinkRows(
    'new',
    {
      count: 1,
      matches: [
        { id: 'a', code: 'TS-a', status: 'closed', row },
        { id: 's', code: 'TS-s', status: 'received', row: { ...row, id: 's' } },
      ],
    },
    { id: 'a', code: 'TS-a', repeatCount: 1, receivedAt: row.received_at },
  );
  assert.deepEqual(rows, [
    { from_id: 'new', to_id: 'a', kind: 'repeat' },
    { from_id: 'new', to_id: 's', kind: 'similar' },
  ]);
});
