/**
 * Upgrading an existing log (migration 0017; docs/SECURITY.md, "Event log"): events written before it
 * keep their unkeyed sha256 hashes, the first checkpoint covers the logs as they are, and a chain of old
 * events followed by keyed ones verifies, each event by its own algorithm. What the old formula still
 * allows someone without the key is caught against the checkpoint.
 * The test owns its organisation and administrator (test/helpers/factories.ts): a real-estate project
 * under a company and group of its own, and the installation's administrator.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createSecApp, type SecApp } from './helpers.ts';
import { placeComplaint, type Placed } from '../security/security-fixtures.ts';
import { ensureCheckpoint } from '../../src/use-cases/write-checkpoint.ts';
import { listChainedEvents } from '../../src/data/checkpoint-store.ts';
import { legacyEventHash } from '../../src/domain/event-chain.ts';
import { rewriteAndRehash } from './event-log-tamper.ts';
import { buildUnit, buildUser, type User } from '../helpers/factories.ts';

let t: SecApp;
let admin: User;
let continued: Placed; // old events, then keyed ones after the upgrade
let old: Placed; // old events only
let oldCount = 0;

async function verify() {
  const res = await t.api('GET', '/api/admin/event-log/verify', undefined, { as: admin });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    intact: boolean;
    checkpoint: { status: string } | null;
    broken: { complaintId: string; seq: number; reason: string }[];
  };
}

before(async () => {
  t = await createSecApp();
  const garden = await buildUnit(t, { pack: 'real-estate' });
  // The checkpoint speaks for the whole installation, so only an administrator who sees all of it is
  // shown its state: the one without a node (NODELESS_SCOPE).
  admin = await buildUser(t, { role: 'admin', orgNodeId: null });
  continued = await placeComplaint(t, garden.id, null, { as: admin });
  old = await placeComplaint(t, garden.id, null, { as: admin });
  // The database as a version before 0017 left it: sha256 chains (rewriteAndRehash with no change
  // recomputes them so) marked as such, and no checkpoint yet.
  for (const c of [continued, old]) await rewriteAndRehash(t.database.db, c.id, 1, { markOld: true });
  await sql`DELETE FROM log_checkpoints`.execute(t.database.db);
  await sql`DELETE FROM log_checkpoint_heads`.execute(t.database.db);
  oldCount = (await listChainedEvents(t.database.db, continued.id)).length;
  // Start-up after the migration.
  const first = await ensureCheckpoint(t.deps);
  assert.ok(first.written && first.first && first.complaints === 2, JSON.stringify(first));
});
after(async () => t.close());

test('a chain of pre-0017 sha256 events followed by keyed ones verifies', async () => {
  const r = await t.api('POST', `/api/complaints/${continued.id}/actions`, { type: 'note', text: '升级之后的记录' }, { as: admin });
  assert.equal(r.statusCode, 200, r.body);
  const algs = (await listChainedEvents(t.database.db, continued.id)).map((e) => e.hashAlg);
  assert.deepEqual(algs, [...Array(oldCount).fill('sha256'), 'hmac-sha256']);
  const v = await verify();
  assert.equal(v.checkpoint?.status, 'valid');
  assert.equal(v.intact, true, JSON.stringify(v.broken));
});

test('an old-only log rewritten and re-hashed the old way is a valid chain, and is caught by its checkpointed head', async () => {
  await rewriteAndRehash(t.database.db, old.id, 1, { markOld: true, data: { channel: 'web', forged: true } });
  const f = (await verify()).broken.find((b) => b.complaintId === old.id);
  assert.ok(f);
  assert.match(f.reason, /rewritten: event \d+ no longer has the hash the checkpoint signed/);
});

test('an unkeyed event appended after the upgrade is caught, even when it links to the head', async () => {
  const events = await listChainedEvents(t.database.db, continued.id);
  const last = events[events.length - 1];
  const forged = {
    complaintId: continued.id,
    seq: last.seq + 1,
    type: 'note',
    actorId: null,
    actorLabel: 'agent',
    at: new Date(),
    data: { text: '伪造' },
  };
  const hash = legacyEventHash(last.hash, forged);
  await sql`INSERT INTO complaint_events (complaint_id, seq, type, actor_label, at, data, prev_hash, hash, hash_alg)
            VALUES (${continued.id}, ${forged.seq}, 'note', 'agent', ${forged.at}, ${JSON.stringify(forged.data)}::jsonb, ${last.hash}, ${hash}, 'sha256')`.execute(
    t.database.db,
  );
  const f = (await verify()).broken.find((b) => b.complaintId === continued.id);
  assert.ok(f);
  assert.equal(f.seq, forged.seq);
  assert.match(f.reason, /unkeyed/);
});
