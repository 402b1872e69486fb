/** Builds the facts the rule modules see from a stored complaint row. */
import type { ComplaintFacts, Channel, Qualification } from '../contracts.ts';

const RESOLVED = new Set(['confirmed', 'visited', 'closed']);

/** The columns the rules read: a full row, or a slimmer one such as a similar-complaint candidate. */
export interface FactColumns {
  channel: string;
  received_at: Date;
  level: string | null;
  qualification: string | null;
  category_id: string | null;
  complainant_count: number;
  flags: Record<string, boolean> | null;
  repeat_count: number;
  similar_count: number;
  status: string;
}

export function factsOf(row: FactColumns, pausedMs = 0): ComplaintFacts {
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
