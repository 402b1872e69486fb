/**
 * The complaints a category count reads (R-SV-2, S0 第五篇 §5; src/domain/severity/category-count.ts):
 * those of one category at the unit, or naming the same delivery at any unit (the use case keeps those of
 * the same company), valid or not yet qualified, newest first. The intake's one read carries the same
 * subquery (src/data/intake-store.ts); a qualification that sets the category reads it on its own.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from './complaint-store.ts';
import type { CategoryPeer } from '../domain/severity/category-count.ts';

export interface CategoryPeerQuery {
  unitId: string;
  categoryId: string | null;
  deliveryRef: string | null;
  /** The widest window a pack may count over; the pack's own window is applied in memory. */
  from: Date;
  to: Date;
}

/** A peer with what deciding whether the new count raises it needs (src/use-cases/category-peers.ts). */
export interface CategoryPeerRow extends CategoryPeer {
  level: string | null;
  status: string;
  categoryCount: number;
  policyId: string;
  policyVersion: number;
}

/** Bounds the work at a busy station; the newest complaints matter most. */
export const MAX_CATEGORY_PEERS = 200;

const PEER_FIELDS = 'id, unit_id, category_id, delivery_ref, received_at, level, status, category_count, policy_id, policy_version';

/** The subquery, with the placeholders of the statement it sits in: unit, category, delivery, from, to. */
export function categoryPeersSql(unit: string, category: string, delivery: string, from: string, to: string): string {
  return `
  SELECT coalesce(json_agg(json_build_array(${PEER_FIELDS})), '[]'::json) FROM (
    SELECT ${PEER_FIELDS}
    FROM complaints
    WHERE ${category}::text IS NOT NULL AND category_id = ${category}::text
      AND received_at >= ${from}::timestamptz AND received_at <= ${to}::timestamptz
      AND (qualification IS NULL OR qualification = 'valid')
      AND (unit_id = ${unit}::text OR (${delivery}::text IS NOT NULL AND delivery_ref = ${delivery}::text))
    ORDER BY received_at DESC
    LIMIT ${MAX_CATEGORY_PEERS}
  ) peers`;
}

export function categoryPeerParams(q: CategoryPeerQuery): unknown[] {
  return [q.categoryId, q.deliveryRef, q.from.toISOString(), q.to.toISOString()];
}

type PeerTuple = [string, string, string | null, string | null, string, string | null, string, number, string, number];

export function parseCategoryPeers(raw: unknown): CategoryPeerRow[] {
  const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as PeerTuple[];
  return list.map(([id, unitId, categoryId, deliveryRef, receivedAt, level, status, categoryCount, policyId, policyVersion]) => ({
    id,
    unitId,
    categoryId,
    deliveryRef,
    receivedAt: new Date(receivedAt),
    level,
    status,
    categoryCount: Number(categoryCount),
    policyId,
    policyVersion: Number(policyVersion),
  }));
}

const PEERS_SQL = `SELECT (${categoryPeersSql('$1', '$2', '$3', '$4', '$5')}) AS peers`;

export async function readCategoryPeers(db: Db, q: CategoryPeerQuery): Promise<CategoryPeerRow[]> {
  const r = await db.executeQuery<{ peers: unknown }>(CompiledQuery.raw(PEERS_SQL, [q.unitId, ...categoryPeerParams(q)]));
  return parseCategoryPeers(r.rows[0].peers);
}
