/**
 * Signed checkpoints of the event log. A hash chain alone cannot show that its last events were cut
 * off or that a whole complaint was deleted: what remains is still a valid chain. A checkpoint records
 * every complaint's head (last seq and hash) as a Merkle root, signed with the log key, so a later
 * check can tell a log that only grew from one that lost or changed what was already covered.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface LogHead {
  complaintId: string;
  /** The last event covered. */
  seq: number;
  hash: string;
  /** Events 1..legacySeq carry unkeyed pre-0017 hashes; any later event must be keyed. */
  legacySeq: number;
}

export interface CheckpointBody {
  at: Date;
  complaints: number;
  /** Events covered: the sum of the heads' seq. */
  events: number;
  root: string;
}

const sha256 = (...parts: (string | Buffer)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

// Leaves and inner nodes are hashed under different prefixes, so an inner node can never pass for a leaf.
function leafHash(h: LogHead): Buffer {
  return sha256('\x00', `${h.complaintId}\n${h.seq}\n${h.hash}\n${h.legacySeq}`);
}

const byComplaintId = (a: LogHead, b: LogHead) => (a.complaintId < b.complaintId ? -1 : a.complaintId > b.complaintId ? 1 : 0);

/**
 * The Merkle root over the heads sorted by complaint id (hex). A level with an odd count carries its
 * last node up unchanged. The empty log has the hash of the empty string.
 */
export function merkleRoot(heads: readonly LogHead[]): string {
  if (heads.length === 0) return sha256('').toString('hex');
  let level = [...heads].sort(byComplaintId).map(leafHash);
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256('\x01', level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0].toString('hex');
}

/** The checkpoint's fields and root, as they were signed. */
export function checkpointBody(heads: readonly LogHead[], at: Date): CheckpointBody {
  return { at, complaints: heads.length, events: heads.reduce((s, h) => s + h.seq, 0), root: merkleRoot(heads) };
}

function signedText(b: CheckpointBody): string {
  return `plaint-checkpoint-v1\n${b.at.toISOString()}\n${b.complaints}\n${b.events}\n${b.root}`;
}

export function signCheckpoint(key: Buffer, b: CheckpointBody): string {
  return createHmac('sha256', key).update(signedText(b)).digest('hex');
}

/** Whether the stored checkpoint was signed with this key and the stored heads are the ones it signed. */
export function checkpointValid(key: Buffer, stored: CheckpointBody & { signature: string }, heads: readonly LogHead[]): boolean {
  const expected = Buffer.from(signCheckpoint(key, stored), 'hex');
  const given = Buffer.from(stored.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const recomputed = checkpointBody(heads, stored.at);
  return recomputed.root === stored.root && recomputed.complaints === stored.complaints && recomputed.events === stored.events;
}

/**
 * What a complaint's live chain says against its checkpointed head (null: a valid continuation). The
 * live chain must still hold the checkpointed event, unchanged, at the checkpointed seq.
 */
export function headFinding(
  head: LogHead,
  live: { lastSeq: number; hashAt: (seq: number) => string | undefined },
): { seq: number; reason: string } | null {
  if (live.lastSeq < head.seq) {
    return { seq: live.lastSeq + 1, reason: `truncated: the checkpoint covers events up to ${head.seq}, the log ends at ${live.lastSeq}` };
  }
  if (live.hashAt(head.seq) !== head.hash) {
    return { seq: head.seq, reason: `rewritten: event ${head.seq} no longer has the hash the checkpoint signed` };
  }
  return null;
}
