/** Builds the facts the rule modules see from a stored complaint row. */
import type { ComplaintFacts } from '../domain/contracts.ts';
import type { ComplaintRow } from '../data/complaint-store.ts';

const RESOLVED = new Set(['confirmed', 'visited', 'closed']);

/** The columns the rules read: a full row, or a slimmer one such as a similar-complaint candidate. */
export type FactColumns = Pick<
  ComplaintRow,
  'channel' | 'received_at' | 'level' | 'qualification' | 'category_id' | 'complainant_count' | 'flags' | 'repeat_count' | 'similar_count' | 'status'
>;

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
    resolved: RESOLVED.has(row.status),
    pausedMs,
  };
}
