/**
 * Tamper evidence for the event log (R-LC-1): each event's hash covers its content and the previous
 * event's hash, so editing, deleting or reordering any row breaks every later link.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEventContent {
  complaintId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorLabel: string;
  at: Date;
  data: unknown;
}

/** JSON with object keys sorted at every depth, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(prevHash: string, e: ChainedEventContent): string {
  const body = canonicalJson({
    complaintId: e.complaintId,
    seq: e.seq,
    type: e.type,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    at: e.at.toISOString(),
    data: e.data,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface StoredChainedEvent extends ChainedEventContent {
  prevHash: string;
  hash: string;
}

/** Returns the seq of the first event whose link is broken, or null when the chain is intact. */
export function firstBrokenLink(events: StoredChainedEvent[]): { seq: number; reason: string } | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.seq !== expectedSeq) return { seq: e.seq, reason: `expected event ${expectedSeq}, found ${e.seq} (an event is missing)` };
    if (e.prevHash !== prev) return { seq: e.seq, reason: 'previous-hash link does not match the event before it' };
    if (eventHash(prev, e) !== e.hash) return { seq: e.seq, reason: 'event content does not match its hash (edited)' };
    prev = e.hash;
    expectedSeq++;
  }
  return null;
}
