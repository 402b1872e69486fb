/**
 * Similar complaints at intake (R-SV-1), the pure part: the candidates the intake's one read brought
 * (src/data/intake-store.ts) scored against the new complaint, and the links it is born with.
 */
import { collectMatches, prepare, scoreFromShared, type SignatureTotals } from './index.ts';
import type { Channel, ComplaintStatus, Qualification } from '../contracts.ts';

/** The columns the similarity and severity rules read of a candidate, without the long texts. */
export interface CandidateRow {
  id: string;
  code: string;
  customer_id: string;
  /** The features of its signature that the new complaint's signature has too (see parseCandidates). */
  shared: string[];
  received_at: Date;
  status: ComplaintStatus;
  similar_count: number;
  unit_id: string;
  policy_id: string;
  /** The tuned pack version it was received under (issue #16 item 4). */
  policy_version: number;
  channel: Channel;
  level: string | null;
  qualification: Qualification | null;
  category_id: string | null;
  complainant_count: number;
  flags: Record<string, boolean>;
  repeat_count: number;
}

export interface SimilarFound {
  /** Complaints about the same matter from different customers, this one included (R-SV-1). */
  count: number;
  matches: { id: string; code: string; status: string; row: CandidateRow }[];
}

export interface SimilarLinks {
  count: number;
  links: { id: string; code: string; kind: 'similar'; direction: 'to' | 'from' }[];
}

export interface SimilarTarget {
  unitId: string;
  categoryId: string | null;
  receivedAt: Date;
  customerId: string;
  signature: string[];
}

/**
 * The candidates received within `days` of the target (the pack's `severity.similarWindowDays`, R-SV-1 「一个月内」).
 * The intake's read spans the widest window a pack may set (30 days either side), so a shorter one is applied here.
 */
export function withinWindow(candidates: CandidateRow[], receivedAt: Date, days: number): CandidateRow[] {
  const ms = days * 24 * 3600_000;
  return candidates.filter((c) => Math.abs(c.received_at.getTime() - receivedAt.getTime()) <= ms);
}

/** Scores the candidates from what they share with the target and their totals (pure). */
export function similarFromCandidates(
  candidates: CandidateRow[],
  target: SimilarTarget,
  totals: ReadonlyMap<string, SignatureTotals>,
): SimilarFound {
  if (candidates.length === 0) return { count: 1, matches: [] };
  const t = prepare(target.signature);
  const result = collectMatches(
    { customerKey: target.customerId, receivedAt: target.receivedAt },
    candidates.map((c) => ({ id: c.id, customerKey: c.customer_id, receivedAt: c.received_at, row: c })),
    (c) => {
      const b = totals.get(c.id);
      return b ? scoreFromShared(t, b, c.row.shared) : 0;
    },
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

/**
 * One row per pair, from the new complaint to the earlier one: 'similar' is symmetric, and a second
 * row doubled the intake's largest write (rows and foreign-key checks). Readers look at both columns
 * (listLinks, the case library's customers).
 */
export function similarLinkRows(complaintId: string, found: SimilarFound): { from_id: string; to_id: string; kind: string }[] {
  return found.matches.map((m) => ({ from_id: complaintId, to_id: m.id, kind: 'similar' }));
}

/** The new complaint's links as listLinks will read them back: the outbound side of each stored row, newest first. */
export function similarLinks(found: SimilarFound): SimilarLinks {
  const newestFirst = [...found.matches].sort(
    (a, b) => b.row.received_at.getTime() - a.row.received_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const links = newestFirst.map((m) => ({ id: m.id, code: m.code, kind: 'similar' as const, direction: 'to' as const }));
  return { count: found.count, links };
}
