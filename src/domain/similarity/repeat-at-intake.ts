/**
 * Repeat complaints at intake (R-LC-3, R-SV-1; S0 Vanke 5.5.1.3 "处理完毕后发生二次投诉"): a new complaint
 * from the same customer about the same matter as an earlier complaint that was closed as valid. Pure: the
 * earlier complaints come with the intake's one read (src/data/intake-store.ts, `earlier_closed`).
 *
 * "The same matter" is what it is for similar complaints, with the customer fixed: the same unit, a
 * category that does not differ (either side may have none yet), and texts whose similarity score
 * reaches the similar threshold (DEFAULT_THRESHOLD). Unlike similar complaints there is no 30-day window:
 * a matter that comes back months after closure still comes back.
 */
import { DEFAULT_THRESHOLD } from './find-similar.ts';
import { prepare, scoreFromShared, type SignatureTotals } from './score.ts';
import type { CandidateRow, SimilarFound, SimilarLinks, SimilarTarget } from './similar-at-intake.ts';

export interface RepeatFound {
  /** The earlier closed complaint this one repeats: the newest of the matter's (the last handling). */
  id: string;
  code: string;
  /** The new complaint's repeat count: the highest of the matter's earlier complaints plus one. */
  repeatCount: number;
  receivedAt: Date;
}

export function repeatFromCandidates(
  earlier: readonly CandidateRow[],
  target: SimilarTarget,
  totals: ReadonlyMap<string, SignatureTotals>,
  threshold = DEFAULT_THRESHOLD,
): RepeatFound | null {
  if (earlier.length === 0) return null;
  const t = prepare(target.signature);
  let newest: CandidateRow | null = null;
  let most = 0;
  for (const row of earlier) {
    if (row.customer_id !== target.customerId || row.unit_id !== target.unitId) continue;
    if (row.status !== 'closed' || row.qualification !== 'valid') continue;
    if (target.categoryId && row.category_id && row.category_id !== target.categoryId) continue;
    if (row.received_at.getTime() > target.receivedAt.getTime()) continue;
    const b = totals.get(row.id);
    if (!b || scoreFromShared(t, b, row.shared) < threshold) continue;
    most = Math.max(most, row.repeat_count);
    if (!newest || row.received_at > newest.received_at || (+row.received_at === +newest.received_at && row.id > newest.id)) newest = row;
  }
  return newest ? { id: newest.id, code: newest.code, repeatCount: most + 1, receivedAt: newest.received_at } : null;
}

/**
 * The new complaint's links as listLinks will read them back: the repeat link and the similar ones (the
 * pair with the repeated complaint is linked once, as a repeat), newest first.
 */
export function intakeLinks(found: SimilarFound, repeat: RepeatFound | null): (SimilarLinks['links'][number] | RepeatLink)[] {
  const similar = found.matches
    .filter((m) => m.id !== repeat?.id)
    .map((m) => ({ id: m.id, code: m.code, kind: 'similar' as const, direction: 'to' as const, at: m.row.received_at.getTime() }));
  const all = repeat
    ? [{ id: repeat.id, code: repeat.code, kind: 'repeat' as const, direction: 'to' as const, at: repeat.receivedAt.getTime() }, ...similar]
    : similar;
  return all.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(({ at: _at, ...link }) => link);
}

interface RepeatLink {
  id: string;
  code: string;
  kind: 'repeat';
  direction: 'to';
}
