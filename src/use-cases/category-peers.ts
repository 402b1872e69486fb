/**
 * The category count of R-SV-2 (S0 第五篇 §5; src/domain/severity/category-count.ts) for a complaint: at
 * intake from the peers its one read brought, at qualification from a read of its own (only when the pack
 * has a rule for the category). "The same company" is the nearest company above the units, from the
 * per-process organisation copy.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/actor.ts';
import type { Db } from '../data/complaint-store.ts';
import { lockComplaintsInIdOrder } from '../data/complaint-store.ts';
import type { ConfigSnapshot } from '../data/config-cache.ts';
import { readCategoryPeers, type CategoryPeerQuery, type CategoryPeerRow } from '../data/category-peer-store.ts';
import {
  categoryCountRules,
  countedWith,
  evaluateSeverity,
  levelRank,
  type CategoryPeer,
  type CategoryTarget,
} from '../domain/severity/index.ts';
import { factsOf } from '../domain/rules/complaint-facts.ts';
import type { Pack } from '../policies/index.ts';
import { complaintPack } from './policy/resolve-pack.ts';
import { applyRulesAndStore } from './apply-rules-and-store.ts';
import { calendarForUnit } from './calendar-for-unit.ts';

/**
 * The widest window read: the most a pack's `severity.similarWindowDays` may be (pack-schema.ts), the same 30
 * days as the similar-complaint candidates; a pack's own, shorter window is applied in memory.
 */
export const MAX_CATEGORY_WINDOW_DAYS = 30;
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
  return countedPeers(config, pack, target, peers).count;
}

export function countedPeers(
  config: ConfigSnapshot,
  pack: Pack,
  target: CategoryTarget,
  peers: readonly CategoryPeer[],
): { count: number; ids: string[] } {
  const company = config.companyOf(target.unitId)?.id;
  return countedWith(pack, target, peers, (unitId) => company !== undefined && config.companyOf(unitId)?.id === company);
}

/**
 * The earlier complaints counted with a new one whose level the larger count may raise (the first quantity
 * complaint becomes level 2 with the second, §5), in id order; decided from the peers' columns the read
 * brought, so an intake that raises nothing stays one read and one write. The raise itself re-checks each
 * under its lock (raiseCategoryPeers).
 */
export function categoryPeersToRaise(
  config: ConfigSnapshot,
  peers: readonly CategoryPeerRow[],
  counted: { count: number; ids: string[] },
): string[] {
  const counts = new Set(counted.ids);
  return peers
    .filter((p) => {
      if (!counts.has(p.id) || p.status === 'closed' || p.categoryCount >= counted.count) return false;
      const pack = complaintPack(config, { unit_id: p.unitId, policy_id: p.policyId, policy_version: p.policyVersion });
      if (!pack) return false;
      const current = p.level === null ? -1 : levelRank(pack, p.level);
      return categoryCountRules(pack, p.categoryId).some(
        (r) => r.when.n > p.categoryCount && r.when.n <= counted.count && levelRank(pack, r.level) > current,
      );
    })
    .map((p) => p.id)
    .sort();
}

/** Stores the larger count on the earlier complaints `ids` and raises their level, in the caller's transaction. */
export async function raiseCategoryPeers(
  trx: Db,
  logKey: Buffer,
  ids: string[],
  count: number,
  now: Date,
  actor: Actor,
  config: ConfigSnapshot,
): Promise<void> {
  if (ids.length === 0) return;
  // In id order, so two intakes raising the same complaints queue instead of deadlocking.
  for (const other of await lockComplaintsInIdOrder(trx, ids)) {
    const pack = complaintPack(config, other);
    if (!pack || other.status === 'closed' || other.category_count >= count) continue;
    const updated = { ...other, category_count: count };
    if (evaluateSeverity(pack, factsOf(updated), now, { level: updated.level }) === null) continue;
    await applyRulesAndStore(trx, {
      logKey,
      row: updated,
      columns: { category_count: count },
      facts: factsOf(updated),
      pack,
      calendar: await calendarForUnit(trx, other.unit_id),
      actor,
      now,
      addressing: { book: config.addressBook(other.unit_id), newId: randomUUID },
      events: [],
    });
  }
}

/**
 * The count for a complaint whose category or delivery is set after intake (qualification), and the earlier
 * complaints the larger count raises; null when no rule counts its category.
 */
export async function categoryCountNow(
  db: Db,
  config: ConfigSnapshot,
  pack: Pack,
  target: CategoryTarget,
): Promise<{ count: number; toRaise: string[] } | null> {
  if (categoryCountRules(pack, target.categoryId).length === 0) return null;
  const peers = await readCategoryPeers(db, categoryPeerQuery(target));
  const counted = countedPeers(config, pack, target, peers);
  return { count: counted.count, toRaise: categoryPeersToRaise(config, peers, counted) };
}
