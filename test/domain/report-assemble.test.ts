/** The periodic report's pure assembly (R-RP-1, R-NT-1): rates, breakdowns, itemised complaints. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assemblePeriodicReport, statusAfterEvent, rate, type ReportInput, type Naming } from '../../src/domain/reports/periodic-report.ts';
import { periodContaining } from '../../src/domain/reports/periods.ts';

const naming: Naming = {
  unitName: (id) => ({ u1: '城市花园项目' })[id] ?? id,
  categoryName: (_p, id) => (id === 'eng' ? '工程质量类投诉' : (id ?? '未分类')),
  causeName: (_p, id) => (id === 'expired' ? '过期产品' : (id ?? '未填写')),
  level: (_p, id) => {
    const levels: Record<string, { nameZh: string; rank: number }> = {
      general: { nameZh: '一般投诉', rank: 0 },
      important: { nameZh: '重要投诉', rank: 1 },
      hot: { nameZh: '热点投诉', rank: 2 },
      major: { nameZh: '重大投诉', rank: 3 },
    };
    const l = levels[id ?? ''] ?? { nameZh: '未定级', rank: -1 };
    return { ...l, isDefault: id === 'general' || id === null, isTop: id === 'major' };
  },
};

const period = periodContaining('monthly', '2026-11-15');
const base = (over: Partial<ReportInput> = {}): ReportInput => ({
  node: { id: 'grp', name: '示范控股集团' },
  period,
  asOf: period.end,
  generatedAt: new Date('2026-12-05T02:00:00Z'),
  totals: {
    received: 4,
    valid: 2,
    invalid: 1,
    suggestion: 1,
    unqualified: 0,
    closed: 3,
    overdue: 1,
    repeat: 1,
    satisfactionCount: 2,
    satisfactionSum: 7,
  },
  byChannel: [
    { key: 'phone', count: 3, closed: 2 },
    { key: 'email', count: 1, closed: 1 },
  ],
  byCategory: [
    { key: 'eng', policyId: 'real-estate', count: 1, closed: 1 },
    { key: null, policyId: 'real-estate', count: 3, closed: 2 },
  ],
  byLevel: [
    { key: 'general', count: 2, closed: 2 },
    { key: 'important', count: 1, closed: 1 },
    { key: 'hot', count: 1, closed: 0 },
  ],
  byUnit: [{ key: 'u1', count: 4, closed: 3 }],
  clocks: [{ name: 'reply', total: 3, metOnTime: 2, breached: 1 }],
  items: [
    {
      id: 'a',
      code: 'TS-1',
      title: '漏水',
      unitId: 'u1',
      policyId: 'real-estate',
      level: 'important',
      lastEventType: 'closed',
      receivedAt: new Date('2026-11-10T02:00:00Z'),
      categoryId: 'eng',
      conclusion: '已修复',
      replyMessage: '已处理',
    },
    {
      id: 'b',
      code: 'TS-2',
      title: '媒体曝光',
      unitId: 'u1',
      policyId: 'real-estate',
      level: 'hot',
      lastEventType: 'dispatched',
      receivedAt: new Date('2026-11-12T02:00:00Z'),
      categoryId: null,
      conclusion: null,
      replyMessage: null,
    },
    {
      id: 'c',
      code: 'TS-3',
      title: '一般',
      unitId: 'u1',
      policyId: 'real-estate',
      level: 'general',
      lastEventType: 'received',
      receivedAt: new Date('2026-11-13T02:00:00Z'),
      categoryId: null,
      conclusion: null,
      replyMessage: null,
    },
  ],
  naming,
  ...over,
});

test('R-RP-1: totals, rates and breakdowns with Chinese labels', () => {
  const r = assemblePeriodicReport(base());
  assert.equal(r.totals.open, 1);
  assert.equal(r.totals.closureRate, 0.75);
  assert.equal(r.totals.repeatRate, 0.25);
  assert.equal(r.totals.satisfactionAverage, 3.5);
  assert.equal(r.closedPeriod, true);
  assert.deepEqual(
    r.byChannel.map((b) => [b.labelZh, b.count, b.share]),
    [
      ['电话', 3, 0.75],
      ['电子邮件', 1, 0.25],
    ],
  );
  assert.equal(r.byCategory.find((b) => b.key === null)?.labelZh, '未分类');
  assert.deepEqual(r.timeLimits[0], {
    name: 'reply',
    labelZh: '答复时限',
    total: 3,
    metOnTime: 2,
    breached: 1,
    pending: 0,
    complianceRate: 0.6667,
  });
});

test('R-NT-1: general complaints are only counted; above-general are itemised with a short account, hot and major listed with status as of the end', () => {
  const r = assemblePeriodicReport(base());
  assert.deepEqual(
    r.important.map((i) => i.code),
    ['TS-2', 'TS-1'],
    'highest level first',
  );
  const a = r.important.find((i) => i.id === 'a')!;
  assert.equal(a.statusZh, '已关闭');
  assert.match(a.accountZh, /调查结论：已修复/);
  assert.deepEqual(
    r.hotAndMajor.map((i) => [i.code, i.status]),
    [['TS-2', 'dispatched']],
  );
});

test('status as of an instant follows the last status-bearing event (lifecycle table)', () => {
  assert.equal(statusAfterEvent('reply_submitted'), 'awaiting_approval');
  assert.equal(statusAfterEvent('reopened'), 'acknowledged');
  assert.equal(statusAfterEvent('disputed'), 'acknowledged');
  assert.equal(statusAfterEvent(null), 'received');
});

test('an empty period has null rates rather than 0 % or 100 %', () => {
  const r = assemblePeriodicReport(
    base({
      totals: {
        received: 0,
        valid: 0,
        invalid: 0,
        suggestion: 0,
        unqualified: 0,
        closed: 0,
        overdue: 0,
        repeat: 0,
        satisfactionCount: 0,
        satisfactionSum: 0,
      },
      byChannel: [],
      items: [],
      clocks: [],
    }),
  );
  assert.equal(r.totals.closureRate, null);
  assert.equal(r.totals.repeatRate, null);
  assert.equal(r.totals.satisfactionAverage, null);
});

test('property (R-RP-1): closure, repeat and compliance rates lie in [0, 1]; open + closed = received; overdue ≤ open', () => {
  const totals = fc
    .record({
      received: fc.nat(500),
      closed: fc.nat(500),
      repeat: fc.nat(500),
      overdue: fc.nat(500),
      met: fc.nat(100),
      breached: fc.nat(100),
      pending: fc.nat(100),
    })
    .map((x) => ({ ...x, closed: Math.min(x.closed, x.received), repeat: Math.min(x.repeat, x.received) }));
  fc.assert(
    fc.property(totals, (x) => {
      const r = assemblePeriodicReport(
        base({
          totals: {
            received: x.received,
            valid: 0,
            invalid: 0,
            suggestion: 0,
            unqualified: x.received,
            closed: x.closed,
            overdue: x.overdue,
            repeat: x.repeat,
            satisfactionCount: 0,
            satisfactionSum: 0,
          },
          clocks: [{ name: 'reply', total: x.met + x.breached + x.pending, metOnTime: x.met, breached: x.breached }],
        }),
      );
      for (const v of [r.totals.closureRate, r.totals.repeatRate, r.timeLimits[0].complianceRate])
        assert.ok(v === null || (v >= 0 && v <= 1));
      assert.equal(r.totals.open + r.totals.closed, x.received);
      assert.ok(r.totals.overdue <= r.totals.open);
      assert.equal(r.timeLimits[0].pending, x.pending);
    }),
  );
  fc.assert(
    fc.property(fc.integer(), fc.integer(), (a, b) => {
      const v = rate(a, b);
      assert.ok(v === null || (v >= 0 && v <= 1));
    }),
  );
});
