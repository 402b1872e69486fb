/**
 * Writes a signed checkpoint of the event log (docs/SECURITY.md, "Event log"): every complaint's head
 * moves to its last event, and the Merkle root over all heads is signed with the log key. Safe with
 * several processes: writers take turns under an advisory lock, and one that finds a checkpoint
 * younger than `skipIfYoungerThanMs` leaves it be (another process has just written one).
 */
import type { Deps } from './context.ts';
import { inTransaction } from '../data/transaction.ts';
import {
  advanceHeads,
  anyHeads,
  insertCheckpoint,
  lockCheckpoints,
  lostHeads,
  newestCheckpoint,
  readHeads,
} from '../data/checkpoint-store.ts';
import { checkpointBody, signCheckpoint } from '../domain/log-checkpoint.ts';

export type CheckpointResult =
  | { written: true; id: number; complaints: number; events: number; first: boolean }
  | { written: false; reason: 'fresh' }
  /** The log lost or changed what the newest checkpoint covers: signing now would launder that, so nothing is written. */
  | { written: false; reason: 'log-damaged'; lost: { complaintId: string; seq: number; liveSeq: number | null; rewritten: boolean }[] };

export async function writeCheckpoint(deps: Deps, opts: { skipIfYoungerThanMs?: number } = {}): Promise<CheckpointResult> {
  return inTransaction(deps.db, async (trx) => {
    await lockCheckpoints(trx);
    const newest = await newestCheckpoint(trx);
    const now = deps.now();
    if (newest && opts.skipIfYoungerThanMs !== undefined && now.getTime() - newest.at.getTime() < opts.skipIfYoungerThanMs) {
      return { written: false, reason: 'fresh' } as const;
    }
    const lost = await lostHeads(trx);
    if (lost.length > 0) return { written: false, reason: 'log-damaged', lost } as const;
    // The upgrade's checkpoint, and only it, may record unkeyed pre-0017 events. Heads without any
    // checkpoint mean the checkpoints were deleted: those heads stay the reference, legacy counts and all.
    const first = newest === null && !(await anyHeads(trx));
    await advanceHeads(trx, first);
    const body = checkpointBody(await readHeads(trx), now);
    const id = await insertCheckpoint(trx, body, signCheckpoint(deps.logKey, body));
    return { written: true, id, complaints: body.complaints, events: body.events, first } as const;
  });
}

/** Start-up, right after the migrations: the first checkpoint, over the logs as they are, when there is none. */
export function ensureCheckpoint(deps: Deps): Promise<CheckpointResult> {
  return writeCheckpoint(deps, { skipIfYoungerThanMs: Number.POSITIVE_INFINITY });
}
