/**
 * Similar complaints (R-SV-1): complaints about the same matter at one unit within 30 days.
 *
 * Intake runs in two steps: `findSimilarAtIntake` before the new row is inserted (so the row is born
 * with its count), then `linkSimilarComplaints` after. Earlier complaints are written to only when the
 * larger count raises their level — the third customer's complaint makes all of them hot — so a busy
 * unit's intakes do not all queue on the same earlier rows.
 */
import type { Db, ComplaintRow, Actor } from '../data/complaint-store.ts';
import { findSimilar } from '../domain/similarity/index.ts';
import { findPack } from '../policies/index.ts';
import { evaluateSeverity } from '../domain/severity/index.ts';
import { calendarForUnit } from './calendar-for-unit.ts';
import { factsOf } from './complaint-facts.ts';
import { applyRulesAndStore } from './apply-rules-and-store.ts';

export const SIMILAR_WINDOW_DAYS = 30;
/** Bounds the work per intake at a busy unit; the newest candidates matter most. */
const MAX_CANDIDATES = 200;

/** The columns the severity rules read, without the long texts. */
const FACT_COLUMNS = [
  'id', 'code', 'customer_id', 'signature', 'received_at', 'status', 'similar_count', 'unit_id', 'policy_id', 'channel', 'level',
  'qualification', 'category_id', 'complainant_count', 'flags', 'repeat_count',
] as const;

export interface SimilarFound {
  /** Complaints about the same matter from different customers, this one included (R-SV-1). */
  count: number;
  matches: { id: string; code: string; status: string; row: Pick<ComplaintRow, (typeof FACT_COLUMNS)[number]> }[];
}

export interface SimilarLinks {
  count: number;
  links: { id: string; code: string; kind: 'similar'; direction: 'to' | 'from' }[];
}

export async function findSimilarAtIntake(
  trx: Db,
  target: { unitId: string; categoryId: string | null; receivedAt: Date; customerId: string; signature: string[] },
): Promise<SimilarFound> {
  const windowMs = SIMILAR_WINDOW_DAYS * 24 * 3600 * 1000;
  const received = target.receivedAt.getTime();
  let q = trx
    .selectFrom('complaints')
    .select([...FACT_COLUMNS])
    .where('unit_id', '=', target.unitId)
    .where('received_at', '>=', new Date(received - windowMs))
    .where('received_at', '<=', new Date(received + windowMs))
    .where((eb) => eb.or([eb('qualification', 'is', null), eb('qualification', '=', 'valid')]));
  if (target.categoryId) q = q.where((eb) => eb.or([eb('category_id', '=', target.categoryId), eb('category_id', 'is', null)]));
  const candidates = await q.orderBy('received_at', 'desc').limit(MAX_CANDIDATES).execute();
  if (candidates.length === 0) return { count: 1, matches: [] };
  const result = findSimilar(
    { customerKey: target.customerId, signature: target.signature },
    candidates.map((c) => ({ id: c.id, customerKey: c.customer_id, signature: c.signature, receivedAt: new Date(c.received_at) })),
  );
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return {
    count: result.matches.length ? result.distinctCustomers : 1,
    matches: result.matches.map((m) => {
      const row = byId.get(m.id)!;
      return { id: m.id, code: row.code, status: row.status, row };
    }),
  };
}

export async function linkSimilarComplaints(trx: Db, row: ComplaintRow, found: SimilarFound, now: Date, actor: Actor): Promise<SimilarLinks> {
  if (found.matches.length === 0) return { count: found.count, links: [] };
  // The links' foreign keys take KEY SHARE on the matches, which never conflicts with the
  // FOR NO KEY UPDATE that writers of those complaints hold.
  await trx
    .insertInto('complaint_links')
    .values(found.matches.flatMap((m) => [
      { from_id: row.id, to_id: m.id, kind: 'similar' },
      { from_id: m.id, to_id: row.id, kind: 'similar' },
    ]))
    .onConflict((oc) => oc.doNothing())
    .execute();

  const toRaise = found.matches
    .filter((m) => m.status !== 'closed')
    .filter((m) => {
      const pack = findPack(m.row.policy_id);
      const updated = { ...m.row, similar_count: Math.max(m.row.similar_count, found.count) } as ComplaintRow;
      return pack !== undefined && evaluateSeverity(pack, factsOf(updated), now, { level: updated.level }) !== null;
    })
    .map((m) => m.id)
    .sort();
  if (toRaise.length) {
    // In id order, so two intakes raising the same complaints queue instead of deadlocking; re-read
    // under the lock because another transaction may have raised them meanwhile.
    const locked = await trx.selectFrom('complaints').selectAll().where('id', 'in', toRaise).orderBy('id').forNoKeyUpdate().execute();
    for (const other of locked) {
      const pack = findPack(other.policy_id)!;
      const updated = { ...other, similar_count: Math.max(other.similar_count, found.count) };
      await trx.updateTable('complaints').set({ similar_count: updated.similar_count }).where('id', '=', other.id).execute();
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
  }
  const links = found.matches.flatMap((m) => [
    { id: m.id, code: m.code, kind: 'similar' as const, direction: 'to' as const },
    { id: m.id, code: m.code, kind: 'similar' as const, direction: 'from' as const },
  ]);
  return { count: found.count, links };
}
