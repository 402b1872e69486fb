/**
 * The category count of R-SV-2 (S0 第五篇 §5; src/domain/severity/category-count.ts) for a complaint: at
 * intake from the peers its one read brought, at qualification from a read of its own (only when the pack
 * has a rule for the category). "The same company" is the nearest company above the units, from the
 * per-process organisation copy.
 */
import type { Db } from '../data/complaint-store.ts';
import type { ConfigSnapshot } from '../data/config-cache.ts';
import { readCategoryPeers, type CategoryPeerQuery } from '../data/category-peer-store.ts';
import { categoryCount, categoryCountRules, type CategoryPeer, type CategoryTarget } from '../domain/severity/index.ts';
import type { Pack } from '../policies/index.ts';

/** The widest window read; a pack's own window (severity.similarWindowDays) is applied in memory. */
export const MAX_CATEGORY_WINDOW_DAYS = 366;
const DAY_MS = 24 * 3600_000;

export function categoryPeerQuery(target: Omit<CategoryTarget, 'id'>): CategoryPeerQuery {
  const at = target.receivedAt.getTime();
  return {
    unitId: target.unitId,
    categoryId: target.categoryId,
    deliveryRef: target.deliveryRef,
    from: new Date(at - MAX_CATEGORY_WINDOW_DAYS * DAY_MS),
    to: new Date(at + MAX_CATEGORY_WINDOW_DAYS * DAY_MS),
  };
}

export function countCategoryPeers(config: ConfigSnapshot, pack: Pack, target: CategoryTarget, peers: readonly CategoryPeer[]): number {
  const company = config.companyOf(target.unitId)?.id;
  return categoryCount(pack, target, peers, (unitId) => company !== undefined && config.companyOf(unitId)?.id === company);
}

/** The count for a complaint whose category or delivery is set after intake (qualification); null when no rule counts it. */
export async function categoryCountNow(db: Db, config: ConfigSnapshot, pack: Pack, target: CategoryTarget): Promise<number | null> {
  if (categoryCountRules(pack, target.categoryId).length === 0) return null;
  const peers = await readCategoryPeers(db, categoryPeerQuery(target));
  return countCategoryPeers(config, pack, target, peers);
}
