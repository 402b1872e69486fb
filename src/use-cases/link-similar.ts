/**
 * Similar complaints (R-SV-1): complaints about the same matter at one unit within 30 days.
 *
 * At intake the candidates arrive with the intake's one read (src/data/intake-store.ts) and are
 * scored here without I/O; the new complaint is born with its count and its links are written with
 * it. Earlier complaints are written to only when the larger count raises their level — the third
 * customer's complaint makes all of them hot — so a busy unit's intakes do not all queue on the same
 * earlier rows, and the intake stays one statement unless that happens.
 */
import { randomUUID } from 'node:crypto';
import type { Db, ComplaintRow, Actor } from '../data/complaint-store.ts';
import { lockComplaintsInIdOrder } from '../data/complaint-store.ts';
import { readCandidates } from '../data/intake-store.ts';
import { totalsOf } from '../data/signature-totals.ts';
import { candidateKeys } from '../domain/similarity/index.ts';
import { similarFromCandidates, type SimilarFound, type SimilarTarget } from '../domain/similarity/similar-at-intake.ts';

// Where these lived before the pure part moved to src/domain (issue #18), for their importers.
export {
  similarFromCandidates,
  similarLinkRows,
  similarLinks,
  type SimilarFound,
  type SimilarLinks,
  type SimilarTarget,
} from '../domain/similarity/similar-at-intake.ts';
import type { ConfigSnapshot } from '../data/config-cache.ts';
import { complaintPack } from './policy/resolve-pack.ts';
import { evaluateSeverity } from '../domain/severity/index.ts';
import { calendarForUnit } from './calendar-for-unit.ts';
import { factsOf, type FactColumns } from '../domain/rules/complaint-facts.ts';
import { applyRulesAndStore } from './apply-rules-and-store.ts';

export const SIMILAR_WINDOW_DAYS = 30;
/** Bounds the work per intake at a busy unit; the newest candidates matter most. */
export const MAX_CANDIDATES = 200;

/** The candidate query for a target: same unit (and category), ±30 days, sharing a key feature. */
export function candidateQuery(target: Omit<SimilarTarget, 'customerId'>) {
  const windowMs = SIMILAR_WINDOW_DAYS * 24 * 3600 * 1000;
  const received = target.receivedAt.getTime();
  return {
    unitId: target.unitId,
    categoryId: target.categoryId,
    from: new Date(received - windowMs),
    to: new Date(received + windowMs),
    anyOf: candidateKeys(target.signature),
    signature: target.signature,
    limit: MAX_CANDIDATES,
  };
}

/** Candidates read and scored: what an intake does, on its own (the scale benchmark times it). */
export async function findSimilarAtIntake(db: Db, target: SimilarTarget): Promise<SimilarFound> {
  const candidates = await readCandidates(db, candidateQuery(target));
  return similarFromCandidates(
    candidates,
    target,
    await totalsOf(
      db,
      candidates.map((c) => c.id),
    ),
  );
}

/** The row with the larger similar count when that count raises its level; null otherwise (and for a closed complaint). */
function raisedBy<R extends FactColumns & { policy_id: string; unit_id: string; policy_version: number }>(
  row: R,
  count: number,
  now: Date,
  config: ConfigSnapshot,
): R | null {
  // Each earlier complaint's own pack: its unit's tuned version when it was received (issue #16 item 4).
  const pack = complaintPack(config, row);
  if (!pack || row.status === 'closed') return null;
  const updated = { ...row, similar_count: Math.max(row.similar_count, count) };
  return evaluateSeverity(pack, factsOf(updated), now, { level: updated.level }) === null ? null : updated;
}

/** Earlier open complaints whose level the new count raises, in id order (pure). */
export function similarToRaise(found: SimilarFound, now: Date, config: ConfigSnapshot): string[] {
  return found.matches
    .filter((m) => raisedBy(m.row, found.count, now, config) !== null)
    .map((m) => m.id)
    .sort();
}

/** Raises the earlier complaints `ids` (from similarToRaise) in the caller's transaction. */
export async function raiseSimilar(
  trx: Db,
  logKey: Buffer,
  row: Pick<ComplaintRow, 'id' | 'code'>,
  found: SimilarFound,
  ids: string[],
  now: Date,
  actor: Actor,
  /** Who a unit's notifications reach (issue #14) and its tuned packs (issue #16): the configuration copy. */
  config: ConfigSnapshot,
): Promise<void> {
  if (ids.length === 0) return;
  // In id order, so two intakes raising the same complaints queue instead of deadlocking; re-read
  // under the lock because another transaction may have raised them meanwhile.
  const locked = await lockComplaintsInIdOrder(trx, ids);
  for (const other of locked) {
    // Concurrent intakes of one matter all saw the complaint before its raise; the first one raises it,
    // the others find it raised here and leave it (and its log) alone.
    const updated = raisedBy(other, found.count, now, config);
    if (!updated) continue;
    const pack = complaintPack(config, other)!;
    await applyRulesAndStore(trx, {
      logKey,
      row: updated,
      columns: { similar_count: updated.similar_count },
      facts: factsOf(updated),
      pack,
      calendar: await calendarForUnit(trx, other.unit_id),
      actor,
      now,
      addressing: { book: config.addressBook(other.unit_id), newId: randomUUID },
      events: [{ type: 'similar_linked', data: { complaintId: row.id, code: row.code, similarCount: updated.similar_count } }],
    });
  }
}
