/** Builds the facts the rule modules see from a stored complaint row. */
import type { ComplaintFacts, Channel, Qualification } from '../domain/contracts.ts';
import type { ComplaintRow } from '../data/complaint-store.ts';

const RESOLVED = new Set(['confirmed', 'visited', 'closed']);

export function factsOf(row: ComplaintRow, pausedMs = 0): ComplaintFacts {
  return {
    channel: row.channel as Channel,
    receivedAt: new Date(row.received_at),
    level: row.level,
    qualification: row.qualification as Qualification | null,
    categoryId: row.category_id,
    complainantCount: row.complainant_count,
    flags: row.flags ?? {},
    repeatCount: row.repeat_count,
    similarCount: row.similar_count,
    resolved: RESOLVED.has(row.status),
    pausedMs,
  };
}
