/**
 * Counting complaints by category for a pack's `similar_count_at_least` rules that name categories
 * (R-SV-2, S0 第五篇 §5): 「同一加油站兩起以上數量類投訴」 counts the quantity complaints at one station
 * within the pack's window (`severity.similarWindowDays`), whatever their wording — a category, not a text
 * similarity. A rule with `sameDelivery` (「某一加油站或多個加油站,多起質量類投訴」) also counts the complaints
 * of the company's other stations that name the same delivery (油品批次 / 配送单号). Pure: the caller reads
 * the peers and says which units share the company.
 */
import type { Pack, SeverityRule } from '../../policies/pack-schema.ts';
import { categoryWithin } from './conditions.ts';

/** The window when a pack does not set one (the similar-complaint window of R-SV-1). */
export const DEFAULT_CATEGORY_WINDOW_DAYS = 30;
const DAY_MS = 24 * 3_600_000;

/** An earlier (or later) complaint of the same category, at this unit or naming the same delivery. */
export interface CategoryPeer {
  id: string;
  unitId: string;
  categoryId: string | null;
  deliveryRef: string | null;
  receivedAt: Date;
}

export interface CategoryTarget {
  id?: string;
  unitId: string;
  categoryId: string | null;
  deliveryRef: string | null;
  receivedAt: Date;
}

type CategoryRule = SeverityRule & { when: { kind: 'similar_count_at_least'; categoryIds: string[]; sameDelivery?: boolean } };

/** The pack's category-counting rules that a complaint of `categoryId` falls under. */
export function categoryCountRules(pack: Pack, categoryId: string | null): CategoryRule[] {
  if (categoryId === null) return [];
  return pack.severity.rules.filter(
    (r): r is CategoryRule =>
      r.when.kind === 'similar_count_at_least' && r.when.categoryIds !== undefined && categoryWithin(pack, categoryId, r.when.categoryIds),
  );
}

/** The pack's window for counting, in days. */
export function categoryWindowDays(pack: Pack): number {
  return pack.severity.similarWindowDays ?? DEFAULT_CATEGORY_WINDOW_DAYS;
}

/**
 * Complaints counted together with the target, the target included (1 when nothing else counts): the
 * largest count among the rules the target's category falls under.
 */
export function categoryCount(
  pack: Pack,
  target: CategoryTarget,
  peers: readonly CategoryPeer[],
  sameCompany: (unitId: string) => boolean,
): number {
  return countedWith(pack, target, peers, sameCompany).count;
}

/** The count and the peers it counted (the rule with the largest count). */
export function countedWith(
  pack: Pack,
  target: CategoryTarget,
  peers: readonly CategoryPeer[],
  sameCompany: (unitId: string) => boolean,
): { count: number; ids: string[] } {
  const windowMs = categoryWindowDays(pack) * DAY_MS;
  let best = { count: 1, ids: [] as string[] };
  for (const rule of categoryCountRules(pack, target.categoryId)) {
    const ids = new Set<string>();
    for (const p of peers) {
      if (p.id === target.id || !categoryWithin(pack, p.categoryId, rule.when.categoryIds)) continue;
      if (Math.abs(p.receivedAt.getTime() - target.receivedAt.getTime()) > windowMs) continue;
      const atStation = p.unitId === target.unitId;
      const sameDelivery =
        rule.when.sameDelivery === true && target.deliveryRef !== null && p.deliveryRef === target.deliveryRef && sameCompany(p.unitId);
      if (atStation || sameDelivery) ids.add(p.id);
    }
    if (ids.size + 1 > best.count) best = { count: ids.size + 1, ids: [...ids] };
  }
  return best;
}
