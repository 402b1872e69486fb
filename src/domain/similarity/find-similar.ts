import { prepare, scorePrepared } from './score.ts';
import { signature } from './signature.ts';

/**
 * "Same matter" decisions for R-SV-1 (≥3 complaints about the same matter from different
 * customers within a month → hot). The caller narrows candidates to one unit and category; this
 * module only scores text and counts customers.
 */

/**
 * Chosen by measurement on test/fixtures/similarity-pairs.json (311 pairs; bench/similarity-precision.ts):
 * precision is ≥ 0.9 from 0.18 upward and recall falls steadily above 0.24, so 0.22 sits in the
 * middle of the plateau (all: P 0.944 R 0.888; pairs written after tuning: P 0.90 R 0.50 — recall
 * drops for matters whose words the concept table does not know).
 */
export const DEFAULT_THRESHOLD = 0.22;
export const DEFAULT_WINDOW_DAYS = 30;

export interface ComplaintText {
  title: string;
  content: string;
}

/** The text a signature is made from; callers storing signatures must use the same joining. */
export function complaintText(c: ComplaintText): string {
  return `${c.title}\n${c.content}`;
}

export function isSameMatter(a: ComplaintText, b: ComplaintText, threshold: number = DEFAULT_THRESHOLD): boolean {
  return scorePrepared(prepare(signature(complaintText(a))), signature(complaintText(b))) >= threshold;
}

export interface SimilarCandidate {
  id: string;
  customerKey: string;
  signature: readonly string[];
  receivedAt: Date;
}

export interface SimilarTarget {
  id?: string;
  customerKey?: string;
  signature: readonly string[];
  /** When given, candidates outside ±windowDays of it are ignored. */
  receivedAt?: Date;
}

export interface FindSimilarOptions {
  threshold?: number;
  windowDays?: number;
}

export interface FindSimilarResult {
  /** Candidates at or above the threshold, best first (ties by id for a stable order). */
  matches: { id: string; score: number }[];
  /**
   * Different customers among the target and its matches — the target's own customer counts once,
   * a customer who complained twice counts once; 1 with no match when the target's customer is
   * given. This is ComplaintFacts.similarCount ("this one included").
   */
  distinctCustomers: number;
}

export function findSimilar(
  target: SimilarTarget,
  candidates: readonly SimilarCandidate[],
  opts: FindSimilarOptions = {},
): FindSimilarResult {
  const t = prepare(target.signature);
  return collectMatches(target, candidates, (c) => scorePrepared(t, c.signature), opts);
}

/**
 * Matches and distinct customers of scored candidates: findSimilar's counting, for callers that score
 * another way (intake scores from the features shared with the target, src/use-cases/link-similar.ts).
 */
export function collectMatches<C extends Omit<SimilarCandidate, 'signature'>>(
  target: Omit<SimilarTarget, 'signature'>,
  candidates: readonly C[],
  score: (c: C) => number,
  opts: FindSimilarOptions = {},
): FindSimilarResult {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const windowMs = (opts.windowDays ?? DEFAULT_WINDOW_DAYS) * 86_400_000;
  const at = target.receivedAt?.getTime();
  const matches: { id: string; score: number; customerKey: string }[] = [];
  for (const c of candidates) {
    if (target.id !== undefined && c.id === target.id) continue;
    if (at !== undefined && Math.abs(c.receivedAt.getTime() - at) > windowMs) continue;
    const value = score(c);
    if (value >= threshold) matches.push({ id: c.id, score: value, customerKey: c.customerKey });
  }
  matches.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const customers = new Set(matches.map((m) => m.customerKey));
  if (target.customerKey !== undefined) customers.add(target.customerKey);
  return { matches: matches.map(({ id, score }) => ({ id, score })), distinctCustomers: customers.size };
}
