import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planIntake, type IntakePlanInput } from '../../src/domain/intake/plan-intake.ts';
import { getPack } from '../../src/policies/index.ts';
import { DEFAULT_CALENDAR } from '../../src/domain/calendar/index.ts';
import type { SimilarFound } from '../../src/use-cases/link-similar.ts';
import type { CandidateRow } from '../../src/data/intake-store.ts';

const receivedAt = new Date('2026-11-20T02:00:00Z'); // Friday 10:00 in Shanghai
const now = new Date('2026-11-20T03:30:00Z'); // the call was logged 90 minutes later
const customer = { id: 'c0000000-0000-4000-8000-000000000001', name: '王伟', phone: '13800000000', email: null, type: null };

function input(over: Partial<IntakePlanInput> = {}): IntakePlanInput {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    codeSeq: 42,
    input: {
      unitId: 'u-re-garden',
      channel: 'phone',
      customer: { name: ' 王伟 ', phone: '13800000000' },
      title: ' 3号楼顶楼漏水 ',
      content: '下雨天花板滴水',
    },
    actor: { id: null, label: 'agent', role: 'agent' },
    receivedAt,
    now,
    unitId: 'u-re-garden',
    pack: getPack('real-estate'),
    policyVersion: 0,
    calendar: DEFAULT_CALENDAR,
    customer,
    newCustomer: customer,
    signature: ['~p:leak', '漏水'],
    found: { count: 1, matches: [] },
    portal: false,
    portalSecretHash: null,
    idempotency: null,
    logKey: Buffer.alloc(32, 1),
    addressing: {
      book: { ancestry: ['u-re-garden', 'co-re', 'grp'], holders: [], admins: [] },
      newId: () => 'b0000000-0000-4000-8000-000000000001',
    },
    ...over,
  };
}

test('R-LC-1, R-IN-2: an intake plan records the complaint, its received event and clocks started from the call, not from logging', () => {
  const { write, plan } = planIntake(input());
  assert.equal(write.complaint.code, 'TS-20261120-0042');
  assert.equal(write.complaint.status, 'received');
  assert.equal(write.complaint.title, '3号楼顶楼漏水', 'texts are trimmed');
  assert.deepEqual(write.newCustomer, customer);
  assert.equal(write.events.length, plan.events.length);
  assert.equal(plan.events[0].type, 'received');
  assert.equal((plan.events[0].data as { loggedLateMs: number }).loggedLateMs, 90 * 60_000);
  assert.ok(write.clocks.length > 0, 'the pack starts its clocks at receipt');
  for (const c of plan.clocks) assert.equal(c.startedAt, receivedAt.toISOString(), `${c.name} counts from receivedAt`);
  assert.equal(write.idempotency, null);
  assert.deepEqual(write.links, []);
});

test('R-IN-1: a regulator channel is flagged, the Idempotency-Key claim names the new complaint', () => {
  const { write } = planIntake(
    input({ input: { ...input().input, channel: 'regulator' }, idempotency: { userKey: 'u1', key: 'k1', requestHash: 'h' } }),
  );
  assert.equal((write.complaint.flags as Record<string, boolean>).regulator, true);
  assert.deepEqual(write.idempotency, { user_key: 'u1', key: 'k1', request_hash: 'h', complaint_id: input().id });
});

test('R-SV-1: similar matches become one link each and the count is stored with the complaint', () => {
  const row: CandidateRow = {
    id: 'b1',
    code: 'TS-1',
    customer_id: 'x',
    shared: [],
    received_at: receivedAt,
    status: 'received',
    similar_count: 1,
    unit_id: 'u-re-garden',
    policy_id: 'real-estate',
    policy_version: 0,
    channel: 'phone',
    level: null,
    qualification: null,
    category_id: null,
    complainant_count: 1,
    flags: {},
    repeat_count: 0,
  };
  const found: SimilarFound = {
    count: 3,
    matches: [
      { id: 'b1', code: 'TS-1', status: 'received', row },
      { id: 'b2', code: 'TS-2', status: 'received', row: { ...row, id: 'b2' } },
    ],
  };
  const { write } = planIntake(input({ found }));
  assert.equal(write.complaint.similar_count, 3);
  assert.deepEqual(write.links, [
    { from_id: input().id, to_id: 'b1', kind: 'similar' },
    { from_id: input().id, to_id: 'b2', kind: 'similar' },
  ]);
});

test('planIntake is pure: the same inputs give the same plan', () => {
  assert.deepEqual(planIntake(input()), planIntake(input()));
});
