/**
 * Similar complaints (R-SV-1): complaints about the same matter at one unit within 30 days. Links the
 * new complaint to its matches and raises the count on the open ones, whose level the rules then
 * re-evaluate (the third customer's complaint makes all of them hot, not only the newest).
 */
import type { Db, ComplaintRow, Actor } from '../data/complaint-store.ts';
import { findSimilar } from '../domain/similarity/index.ts';
import { sql } from 'kysely';
import { findPack } from '../policies/index.ts';
import { evaluateSeverity } from '../domain/severity/index.ts';
import { calendarForUnit } from './calendar-for-unit.ts';
import { factsOf } from './complaint-facts.ts';
import { applyRulesAndStore } from './apply-rules-and-store.ts';

export const SIMILAR_WINDOW_DAYS = 30;
/** Bounds the work per intake at a busy unit; the newest candidates matter most. */
const MAX_CANDIDATES = 500;

export interface SimilarLinks {
  /** Complaints about the same matter from different customers, this one included (R-SV-1). */
  count: number;
  links: { id: string; code: string; kind: 'similar'; direction: 'to' | 'from' }[];
}

export async function linkSimilarComplaints(trx: Db, row: ComplaintRow, now: Date, actor: Actor): Promise<SimilarLinks> {
  const windowMs = SIMILAR_WINDOW_DAYS * 24 * 3600 * 1000;
  const received = new Date(row.received_at).getTime();
  let q = trx
    .selectFrom('complaints')
    .select(['id', 'code', 'customer_id', 'signature', 'received_at', 'status', 'similar_count'])
    .where('unit_id', '=', row.unit_id)
    .where('id', '!=', row.id)
    .where('received_at', '>=', new Date(received - windowMs))
    .where('received_at', '<=', new Date(received + windowMs))
    .where((eb) => eb.or([eb('qualification', 'is', null), eb('qualification', '=', 'valid')]));
  if (row.category_id) q = q.where((eb) => eb.or([eb('category_id', '=', row.category_id), eb('category_id', 'is', null)]));
  const candidates = await q.orderBy('received_at', 'desc').limit(MAX_CANDIDATES).execute();
  if (candidates.length === 0) return { count: 1, links: [] };
  const result = findSimilar(
    { customerKey: row.customer_id, signature: row.signature },
    candidates.map((c) => ({ id: c.id, customerKey: c.customer_id, signature: c.signature, receivedAt: new Date(c.received_at) })),
  );
  if (result.matches.length === 0) return { count: 1, links: [] };
  const count = result.distinctCustomers;
  await trx.updateTable('complaints').set({ similar_count: count }).where('id', '=', row.id).execute();
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const openIds = result.matches
    .map((m) => m.id)
    .filter((id) => byId.get(id)?.status !== 'closed')
    .sort();
  // Lock the open matches first, in id order and in the same mode as lockComplaint: two concurrent
  // intakes about one matter then queue on the same rows instead of deadlocking, and the links' foreign
  // keys (which take KEY SHARE) do not conflict with the lock.
  const locked = openIds.length
    ? await trx.selectFrom('complaints').selectAll().where('id', 'in', openIds).orderBy('id').forNoKeyUpdate().execute()
    : [];
  await trx
    .insertInto('complaint_links')
    .values(result.matches.flatMap((m) => [
      { from_id: row.id, to_id: m.id, kind: 'similar' },
      { from_id: m.id, to_id: row.id, kind: 'similar' },
    ]))
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (openIds.length) {
    await trx.updateTable('complaints').set({ similar_count: sql<number>`greatest(similar_count, ${count})` }).where('id', 'in', openIds).execute();
  }
  // Only a match whose level the larger count raises gets a rules pass and events; the link itself is
  // stored above and shown on both complaints. This keeps an intake at a busy unit from rewriting
  // every earlier complaint about the same matter.
  for (const other of locked) {
    const pack = findPack(other.policy_id);
    if (!pack) continue;
    const updated = { ...other, similar_count: Math.max(other.similar_count, count) };
    if (!evaluateSeverity(pack, factsOf(updated), now, { level: updated.level })) continue;
    await applyRulesAndStore(trx, {
      row: updated,
      facts: factsOf(updated),
      pack,
      calendar: await calendarForUnit(trx, other.unit_id),
      actor,
      now,
      events: [{ type: 'similar_linked', data: { complaintId: row.id, code: row.code, similarCount: updated.similar_count } }],
    });
  }
  const links = result.matches.flatMap((m) => {
    const code = byId.get(m.id)!.code;
    return [
      { id: m.id, code, kind: 'similar' as const, direction: 'to' as const },
      { id: m.id, code, kind: 'similar' as const, direction: 'from' as const },
    ];
  });
  return { count, links };
}
