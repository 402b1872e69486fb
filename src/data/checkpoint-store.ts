/**
 * Storage of the event log's checkpoints (migration 0017): the signed checkpoint rows and the heads the
 * newest one covers. The signing and the Merkle root are pure (src/domain/log-checkpoint.ts); this file
 * only reads and writes.
 */
import { sql } from 'kysely';
import { listEventRows, type Db } from './complaint-store.ts';
import type { CheckpointBody, LogHead } from '../domain/log-checkpoint.ts';
import type { HashAlg, StoredChainedEvent } from '../domain/event-chain.ts';

// Another arbitrary constant ("PLCK"), distinct from the migration lock: writers of checkpoints take turns.
const CHECKPOINT_LOCK_ID = 0x504c434b;
const HEADS_PAGE = 50_000;

export interface StoredCheckpoint extends CheckpointBody {
  id: number;
  signature: string;
}

/** Serialises checkpoint writers across processes until the transaction ends. */
export async function lockCheckpoints(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK_ID})`.execute(trx);
}

export async function newestCheckpoint(db: Db): Promise<StoredCheckpoint | null> {
  const r = await db
    .selectFrom('log_checkpoints')
    .select(['at', 'complaints', 'root', 'signature', sql<number>`id::float8`.as('id'), sql<number>`events::float8`.as('events')])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r
    ? {
        id: Number(r.id),
        at: new Date(r.at),
        complaints: Number(r.complaints),
        events: Number(r.events),
        root: r.root,
        signature: r.signature,
      }
    : null;
}

export async function insertCheckpoint(trx: Db, body: CheckpointBody, signature: string): Promise<number> {
  const r = await trx
    .insertInto('log_checkpoints')
    .values({ at: body.at, complaints: body.complaints, events: body.events, root: body.root, signature })
    .returning(sql<number>`id::float8`.as('id'))
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function anyHeads(db: Db): Promise<boolean> {
  return (await db.selectFrom('log_checkpoint_heads').select('complaint_id').limit(1).executeTakeFirst()) !== undefined;
}

/** Every head the newest checkpoint covers, in complaint id order (read in pages to bound each result). */
export async function readHeads(db: Db): Promise<LogHead[]> {
  const out: LogHead[] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await db
      .selectFrom('log_checkpoint_heads')
      .select(['complaint_id', 'seq', 'hash', 'legacy_seq'])
      .where('complaint_id', '>', after)
      .orderBy('complaint_id')
      .limit(HEADS_PAGE)
      .execute();
    for (const h of page) out.push({ complaintId: h.complaint_id, seq: h.seq, hash: h.hash, legacySeq: h.legacy_seq });
    if (page.length < HEADS_PAGE) return out;
    after = page[page.length - 1].complaint_id;
  }
}

/**
 * Checkpointed heads the log no longer holds unchanged: the event at the head's seq is gone (cut off,
 * or the complaint deleted) or has another hash. A checkpoint must not sign over these, or the next
 * check would take the damaged log as the reference.
 */
export async function lostHeads(
  db: Db,
  limit = 100,
): Promise<{ complaintId: string; seq: number; liveSeq: number | null; rewritten: boolean }[]> {
  const rows = await db
    .selectFrom('log_checkpoint_heads as h')
    .leftJoin('complaint_events as e', (j) => j.onRef('e.complaint_id', '=', 'h.complaint_id').onRef('e.seq', '=', 'h.seq'))
    .select(['h.complaint_id', 'h.seq', 'e.hash as live_hash'])
    .select(sql<number | null>`(SELECT max(m.seq) FROM complaint_events m WHERE m.complaint_id = h.complaint_id)`.as('live_seq'))
    .where(sql<boolean>`e.hash IS DISTINCT FROM h.hash`)
    .orderBy('h.complaint_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    complaintId: r.complaint_id,
    seq: r.seq,
    liveSeq: r.live_seq === null ? null : Number(r.live_seq),
    rewritten: r.live_hash !== null,
  }));
}

/**
 * Moves every complaint's head to its last event, in one statement. `first`: the upgrade's checkpoint,
 * which records how many leading events of each chain carry pre-0017 unkeyed hashes; afterwards that
 * count is carried over unchanged and a new complaint's is 0.
 */
export async function advanceHeads(trx: Db, first: boolean): Promise<void> {
  const legacy = first ? sql`coalesce(max(seq) FILTER (WHERE hash_alg = 'sha256'), 0)` : sql`0`;
  await sql`
    INSERT INTO log_checkpoint_heads (complaint_id, seq, hash, legacy_seq)
    SELECT complaint_id, max(seq), (array_agg(hash ORDER BY seq DESC))[1], ${legacy}
    FROM complaint_events
    GROUP BY complaint_id
    ON CONFLICT (complaint_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
    WHERE log_checkpoint_heads.seq <> excluded.seq OR log_checkpoint_heads.hash <> excluded.hash`.execute(trx);
}

/** A complaint's events with the algorithm of each hash, for the check (the events API does not show it). */
export async function listChainedEvents(db: Db, complaintId: string): Promise<StoredChainedEvent[]> {
  return (await listEventRows(db, complaintId)).map((e) => ({ ...e, complaintId, hashAlg: e.hashAlg as HashAlg }));
}
