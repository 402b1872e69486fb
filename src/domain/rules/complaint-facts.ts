/** Builds the facts the rule modules see from a stored complaint row. */
import type { ComplaintFacts, Channel, ComplaintStatus, Qualification } from '../contracts.ts';

const RESOLVED = new Set(['confirmed', 'visited', 'closed']);

/** The columns the rules read: a full row, or a slimmer one such as a similar-complaint candidate. */
export interface FactColumns {
  channel: Channel;
  received_at: Date;
  level: string | null;
  qualification: Qualification | null;
  category_id: string | null;
  complainant_count: number;
  flags: Record<string, boolean> | null;
  repeat_count: number;
  similar_count: number;
  /** Migration 0033; absent on rows read without it (a similar-complaint candidate). */
  category_count?: number;
  status: ComplaintStatus;
}

export function factsOf(row: FactColumns, pausedMs = 0): ComplaintFacts {
  return {
    channel: row.channel,
    receivedAt: new Date(row.received_at),
    level: row.level,
    qualification: row.qualification,
    categoryId: row.category_id,
    complainantCount: row.complainant_count,
    flags: row.flags ?? {},
    repeatCount: row.repeat_count,
    similarCount: row.similar_count,
    categoryCount: row.category_count ?? 1,
    resolved: RESOLVED.has(row.status),
    pausedMs,
  };
}
