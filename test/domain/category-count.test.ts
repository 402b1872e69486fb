/**
 * R-SV-2, S0 第五篇 §5: 「同一加油站兩起以上數量類投訴」 and 「某一加油站或多個加油站,多起質量類投訴」 counted by
 * category within the pack's window (severity.similarWindowDays), whatever the wording; quality complaints
 * naming one delivery are counted across the company's stations. Pure table test of categoryCount.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { categoryCount, type CategoryPeer } from '../../src/domain/severity/category-count.ts';
import { getPack, type Pack } from '../../src/policies/index.ts';

const fuel = getPack('fuel-retail');
const day = (d: number) => new Date(Date.UTC(2026, 10, 1 + d, 2));
const peer = (id: string, unitId: string, categoryId: string, d: number, deliveryRef: string | null = null): CategoryPeer => ({
  id,
  unitId,
  categoryId,
  deliveryRef,
  receivedAt: day(d),
});
// Stations s1 and s2 belong to company A, s9 to another company.
const sameCompany = (u: string) => u === 's1' || u === 's2';

test('S0 第五篇 §5: the complaints counted with a new one', () => {
  const rows: { what: string; categoryId: string; deliveryRef?: string; peers: CategoryPeer[]; count: number; pack?: Pack }[] = [
    { what: 'the first quantity complaint', categoryId: 'fuel-quantity', peers: [], count: 1 },
    {
      what: 'a second quantity complaint at the station',
      categoryId: 'fuel-quantity',
      peers: [peer('a', 's1', 'fuel-quantity', 0)],
      count: 2,
    },
    {
      what: 'a quantity complaint at another station does not count (同一加油站)',
      categoryId: 'fuel-quantity',
      peers: [peer('a', 's2', 'fuel-quantity', 0)],
      count: 1,
    },
    {
      what: 'outside the 30-day window it does not count',
      categoryId: 'fuel-quantity',
      peers: [peer('a', 's1', 'fuel-quantity', -11)],
      count: 1,
    },
    {
      what: 'a tuned 60-day window counts it',
      categoryId: 'fuel-quantity',
      peers: [peer('a', 's1', 'fuel-quantity', -11)],
      count: 2,
      pack: { ...fuel, severity: { ...fuel.severity, similarWindowDays: 60 } },
    },
    {
      what: 'a quality complaint at the station does not make a quantity one a repeat',
      categoryId: 'fuel-quantity',
      peers: [peer('a', 's1', 'fuel-quality', 0)],
      count: 1,
    },
    {
      what: 'quality complaints at two stations naming one delivery count together',
      categoryId: 'fuel-quality',
      deliveryRef: 'PS-2026-1101',
      peers: [peer('a', 's2', 'fuel-quality', 0, 'PS-2026-1101')],
      count: 2,
    },
    {
      what: 'another delivery at another station does not',
      categoryId: 'fuel-quality',
      deliveryRef: 'PS-2026-1101',
      peers: [peer('a', 's2', 'fuel-quality', 0, 'PS-2026-0999')],
      count: 1,
    },
    {
      what: 'the same delivery at another company’s station does not',
      categoryId: 'fuel-quality',
      deliveryRef: 'PS-2026-1101',
      peers: [peer('a', 's9', 'fuel-quality', 0, 'PS-2026-1101')],
      count: 1,
    },
    {
      what: 'quantity complaints are not joined by delivery (同一加油站)',
      categoryId: 'fuel-quantity',
      deliveryRef: 'PS-2026-1101',
      peers: [peer('a', 's2', 'fuel-quantity', 0, 'PS-2026-1101')],
      count: 1,
    },
    { what: 'a category no rule counts', categoryId: 'finance-invoice', peers: [peer('a', 's1', 'finance-invoice', 0)], count: 1 },
  ];
  for (const r of rows) {
    const target = { id: 'new', unitId: 's1', categoryId: r.categoryId, deliveryRef: r.deliveryRef ?? null, receivedAt: day(20) };
    assert.equal(categoryCount(r.pack ?? fuel, target, r.peers, sameCompany), r.count, r.what);
  }
});
