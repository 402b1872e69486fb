/**
 * Tamper evidence for the event log (R-LC-1): each event's hash covers its content and the previous
 * event's hash, so editing, deleting or reordering any row breaks every later link. Since migration
 * 0017 the hash is an HMAC keyed with the log key, which is kept outside the database: someone who can
 * write the tables but does not hold the key cannot recompute a valid chain after rewriting it. Events
 * written before 0017 keep their unkeyed sha256 hashes ('sha256'); each is checked by its own algorithm.
 */
import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** How an event's hash was made: unkeyed before migration 0017, keyed with the log key since. */
export type HashAlg = 'sha256' | 'hmac-sha256';

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

function eventBody(e: ChainedEventContent): string {
  return canonicalJson({
    complaintId: e.complaintId,
    seq: e.seq,
    type: e.type,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    at: e.at.toISOString(),
    data: e.data,
  });
}

/** The hash of every event written since migration 0017: HMAC-SHA256 under the log key. */
export function eventHash(key: Buffer, prevHash: string, e: ChainedEventContent): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(eventBody(e)).digest('hex');
}

/** The unkeyed hash of events written before migration 0017; anyone can recompute it, so it is only trusted up to a checkpoint. */
export function legacyEventHash(prevHash: string, e: ChainedEventContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(eventBody(e)).digest('hex');
}

export interface StoredChainedEvent extends ChainedEventContent {
  prevHash: string;
  hash: string;
  hashAlg: HashAlg;
}

/**
 * Returns the seq of the first event whose link is broken, or null when the chain is intact.
 * `legacySeq`: how many leading events may carry an unkeyed hash (signed in the checkpoints; 0 for a
 * complaint created after the upgrade). An unkeyed hash later in the chain is a forgery, made by
 * someone who rewrote events without the key and marked them old.
 */
export function firstBrokenLink(events: StoredChainedEvent[], key: Buffer, legacySeq: number): { seq: number; reason: string } | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.seq !== expectedSeq) return { seq: e.seq, reason: `expected event ${expectedSeq}, found ${e.seq} (an event is missing)` };
    if (e.prevHash !== prev) return { seq: e.seq, reason: 'previous-hash link does not match the event before it' };
    if (e.hashAlg === 'sha256' && e.seq > legacySeq)
      return {
        seq: e.seq,
        reason: 'unkeyed (pre-upgrade) hash on an event the checkpoints know as keyed or never saw (rewritten without the key)',
      };
    const expected = e.hashAlg === 'sha256' ? legacyEventHash(prev, e) : eventHash(key, prev, e);
    if (expected !== e.hash) return { seq: e.seq, reason: 'event content does not match its hash (edited)' };
    prev = e.hash;
    expectedSeq++;
  }
  return null;
}
