/**
 * The pure parts of the event log's tamper evidence (R-LC-1; docs/SECURITY.md, "Event log"): the keyed
 * chain, the legacy sha256 prefix it may follow, the Merkle root over the heads and the checkpoint's
 * signature.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS_HASH, eventHash, firstBrokenLink, legacyEventHash, type StoredChainedEvent } from '../../src/domain/event-chain.ts';
import { checkpointBody, checkpointValid, headFinding, merkleRoot, signCheckpoint, type LogHead } from '../../src/domain/log-checkpoint.ts';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const ID = 'a0000000-0000-4000-8000-000000000001';

/** A chain of `n` events; the first `legacy` hashed the pre-0017 way. */
function chain(n: number, legacy = 0, key = KEY): StoredChainedEvent[] {
  const out: StoredChainedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = {
      complaintId: ID,
      seq,
      type: seq === 1 ? 'received' : 'note',
      actorId: null,
      actorLabel: 'agent',
      at: new Date(Date.UTC(2026, 10, 20, seq)),
      data: { text: `event ${seq}` },
    };
    const old = seq <= legacy;
    const hash = old ? legacyEventHash(prev, e) : eventHash(key, prev, e);
    out.push({ ...e, prevHash: prev, hash, hashAlg: old ? 'sha256' : 'hmac-sha256' });
    prev = hash;
  }
  return out;
}

/** What someone with write access but without the key can do: change an event and recompute every hash after it unkeyed. */
function rehashUnkeyed(events: StoredChainedEvent[], fromSeq: number, markOld: boolean): StoredChainedEvent[] {
  let prev = fromSeq === 1 ? GENESIS_HASH : events[fromSeq - 2].hash;
  return events.map((e) => {
    if (e.seq < fromSeq) return e;
    const changed = { ...e, data: e.seq === fromSeq ? { text: 'rewritten' } : e.data, prevHash: prev };
    changed.hash = legacyEventHash(prev, changed);
    if (markOld) changed.hashAlg = 'sha256';
    prev = changed.hash;
    return changed;
  });
}

test('a keyed chain verifies with its key and with no other (the key, not the formula, makes a valid hash)', () => {
  assert.equal(firstBrokenLink(chain(4), KEY, 0), null);
  assert.deepEqual(firstBrokenLink(chain(4), OTHER_KEY, 0)?.seq, 1);
  assert.match(firstBrokenLink(chain(4), OTHER_KEY, 0)!.reason, /edited/);
});

test('a pre-0017 sha256 prefix followed by keyed events verifies, each event by its own algorithm', () => {
  assert.equal(firstBrokenLink(chain(5, 3), KEY, 3), null);
  assert.equal(firstBrokenLink(chain(3, 3), KEY, 3), null, 'an old log not written to since');
});

test('a rewritten chain re-hashed with the unkeyed formula is caught, whether marked keyed or old', () => {
  const asKeyed = rehashUnkeyed(chain(4), 2, false);
  assert.deepEqual(firstBrokenLink(asKeyed, KEY, 0), { seq: 2, reason: 'event content does not match its hash (edited)' });
  const markedOld = rehashUnkeyed(chain(4), 2, true);
  assert.equal(firstBrokenLink(markedOld, KEY, 0)?.seq, 2);
  assert.match(firstBrokenLink(markedOld, KEY, 0)!.reason, /unkeyed/);
  // Beyond the signed legacy count, too: events 4.. of a chain whose first 3 are old.
  assert.equal(firstBrokenLink(rehashUnkeyed(chain(5, 3), 4, true), KEY, 3)?.seq, 4);
  // Within the legacy prefix anyone can recompute sha256; the first keyed event after it cannot follow.
  assert.equal(firstBrokenLink(rehashUnkeyed(chain(5, 3), 2, true), KEY, 3)?.seq, 4);
  // A log with only old events rewritten this way is a valid chain: only its checkpointed head shows it (headFinding).
  assert.equal(firstBrokenLink(rehashUnkeyed(chain(3, 3), 2, true), KEY, 3), null);
});

const heads: LogHead[] = [
  { complaintId: 'c', seq: 3, hash: 'h3', legacySeq: 0 },
  { complaintId: 'a', seq: 1, hash: 'h1', legacySeq: 1 },
  { complaintId: 'b', seq: 2, hash: 'h2', legacySeq: 0 },
];

test('the Merkle root depends on every head but not on the order they are given in', () => {
  const root = merkleRoot(heads);
  assert.match(root, /^[0-9a-f]{64}$/);
  assert.equal(merkleRoot([...heads].reverse()), root);
  for (const change of [{ seq: 4 }, { hash: 'x' }, { legacySeq: 2 }, { complaintId: 'd' }]) {
    const altered = heads.map((h, i) => (i === 1 ? { ...h, ...change } : h));
    assert.notEqual(merkleRoot(altered), root, JSON.stringify(change));
  }
  assert.notEqual(merkleRoot(heads.slice(0, 2)), root, 'a head removed');
  assert.notEqual(merkleRoot([]), merkleRoot(heads.slice(0, 1)));
});

test('a checkpoint verifies with its key and heads; a changed field, head or key fails', () => {
  const body = checkpointBody(heads, new Date('2026-11-24T02:00:00Z'));
  assert.equal(body.complaints, 3);
  assert.equal(body.events, 6);
  const stored = { ...body, signature: signCheckpoint(KEY, body) };
  assert.equal(checkpointValid(KEY, stored, heads), true);
  assert.equal(checkpointValid(OTHER_KEY, stored, heads), false);
  assert.equal(checkpointValid(KEY, { ...stored, events: 5 }, heads), false);
  assert.equal(checkpointValid(KEY, { ...stored, at: new Date('2026-11-24T02:00:01Z') }, heads), false);
  assert.equal(
    checkpointValid(
      KEY,
      stored,
      heads.map((h) => (h.complaintId === 'c' ? { ...h, seq: 2 } : h)),
    ),
    false,
    'a head lowered to hide a cut',
  );
  assert.equal(checkpointValid(KEY, { ...stored, signature: 'zz' }, heads), false);
});

test('against its checkpointed head a log may only have grown', () => {
  const head: LogHead = { complaintId: ID, seq: 3, hash: 'h3', legacySeq: 0 };
  const hashes = new Map([
    [1, 'h1'],
    [2, 'h2'],
    [3, 'h3'],
    [4, 'h4'],
  ]);
  assert.equal(headFinding(head, { lastSeq: 4, hashAt: (s) => hashes.get(s) }), null);
  assert.equal(headFinding(head, { lastSeq: 3, hashAt: (s) => hashes.get(s) }), null);
  assert.match(
    headFinding(head, { lastSeq: 2, hashAt: (s) => hashes.get(s) })!.reason,
    /truncated: the checkpoint covers events up to 3, the log ends at 2/,
  );
  assert.match(headFinding(head, { lastSeq: 4, hashAt: (s) => (s === 3 ? 'other' : hashes.get(s)) })!.reason, /rewritten/);
});
