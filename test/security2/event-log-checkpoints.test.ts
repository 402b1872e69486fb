/**
 * Signed checkpoints of the event log (docs/SECURITY.md, "Event log"; issue #19 items 3 and 6): what a
 * hash chain alone cannot show is reported against the newest checkpoint: a complaint's last event
 * deleted, a whole complaint deleted, a chain rewritten and re-hashed with the project's own formula,
 * and a changed checkpoint. Events appended after the checkpoint are a valid continuation. A scoped
 * administrator is told about the complaints in scope only.
 * The test owns its organisation (test/helpers/factories.ts): a real-estate project and a fuel station
 * under companies of their own in one group, and the installation's administrator.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createSecApp, TEST_PASSWORD, type SecApp } from './helpers.ts';
import { placeComplaint, type Placed } from '../security/security-fixtures.ts';
import { writeCheckpoint } from '../../src/use-cases/write-checkpoint.ts';
import { deleteComplaint, rewriteAndRehash, runVerifyLog } from './event-log-tamper.ts';
import { buildCompany, buildGroup, buildUnit, buildUser, type Node, type User } from '../helpers/factories.ts';

interface Finding {
  complaintId: string;
  code: string | null;
  seq: number;
  reason: string;
}

let t: SecApp;
let admin: User; // the installation's: sees the whole of it, checkpoint included (NODELESS_SCOPE)
let reCompany: Node;
let grows: Placed; // written to after the checkpoint
let cut: Placed; // loses its last event
let gone: Placed; // deleted outright
let rehashed: Placed; // rewritten and re-hashed
let fuel: Placed; // untouched, in another company
let lastSeqOfCut = 0;

async function note(c: Placed, text: string) {
  const r = await t.api('POST', `/api/complaints/${c.id}/actions`, { type: 'note', text }, { as: admin });
  assert.equal(r.statusCode, 200, r.body);
}

async function verify(token?: string) {
  const res = token
    ? await t.app.inject({ method: 'GET', url: '/api/admin/event-log/verify', headers: { authorization: `Bearer ${token}` } })
    : await t.api('GET', '/api/admin/event-log/verify', undefined, { as: admin });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    complaints: number;
    events: number;
    intact: boolean;
    checkpoint: { status: string; complaints: number | null; problem: string | null } | null;
    broken: Finding[];
  };
}

const findingOf = (r: { broken: Finding[] }, c: Placed) => r.broken.find((b) => b.complaintId === c.id);

before(async () => {
  t = await createSecApp();
  const group = await buildGroup(t);
  reCompany = await buildCompany(t, { groupId: group.id });
  const garden = await buildUnit(t, { pack: 'real-estate', companyId: reCompany.id });
  const station = await buildUnit(t, { pack: 'fuel-retail', companyId: (await buildCompany(t, { groupId: group.id })).id });
  admin = await buildUser(t, { role: 'admin', orgNodeId: null });
  grows = await placeComplaint(t, garden.id, null, { as: admin });
  cut = await placeComplaint(t, garden.id, null, { as: admin });
  gone = await placeComplaint(t, station.id, null, { as: admin });
  rehashed = await placeComplaint(t, garden.id, null, { as: admin });
  fuel = await placeComplaint(t, station.id, null, { as: admin });
  for (const c of [grows, cut, gone, rehashed, fuel]) await note(c, '检查点之前的记录');
  const cp = await writeCheckpoint(t.deps);
  assert.equal(cp.written, true);
  assert.equal(cp.written && cp.complaints, 5);
  const events = (await t.api('GET', `/api/complaints/${cut.id}/events`, undefined, { as: admin })).json() as { seq: number }[];
  lastSeqOfCut = Math.max(...events.map((e) => e.seq));
});
after(async () => t.close());

test('a clean log with events appended after the checkpoint verifies as a valid continuation', async () => {
  await note(grows, '检查点之后的记录');
  await note(grows, '又一条');
  const r = await verify();
  assert.equal(r.intact, true, JSON.stringify(r));
  assert.deepEqual(r.broken, []);
  assert.equal(r.checkpoint?.status, 'valid');
  assert.equal(r.checkpoint?.complaints, 5);
  assert.equal(r.complaints, 5);
});

test("a complaint's deleted last event is reported against the checkpoint, and no new checkpoint signs over it", async () => {
  await sql`DELETE FROM complaint_events WHERE complaint_id = ${cut.id} AND seq = ${lastSeqOfCut}`.execute(t.database.db);
  const r = await verify();
  assert.equal(r.intact, false);
  const f = findingOf(r, cut);
  assert.ok(f, JSON.stringify(r.broken));
  assert.equal(f.seq, lastSeqOfCut);
  assert.match(f.reason, new RegExp(`truncated: the checkpoint covers events up to ${lastSeqOfCut}, the log ends at ${lastSeqOfCut - 1}`));
  assert.equal(r.broken.length, 1, 'only the cut complaint');

  const refused = await writeCheckpoint(t.deps);
  assert.equal(refused.written, false);
  assert.ok(!refused.written && refused.reason === 'log-damaged' && refused.lost.some((l) => l.complaintId === cut.id));
  assert.ok(findingOf(await verify(), cut), 'still reported: the damage was not signed as the new reference');
});

test('a deleted complaint is reported by its id', async () => {
  await deleteComplaint(t.database.db, gone.id);
  const r = await verify();
  const f = findingOf(r, gone);
  assert.ok(f, JSON.stringify(r.broken));
  assert.equal(f.code, null);
  assert.match(f.reason, /deleted: the checkpoint covers this complaint with \d+ events; it is no longer in the database/);
  assert.equal(r.complaints, 4);
});

test("a chain rewritten and re-hashed with the project's own formula fails the keyed hash, however its events are marked", async () => {
  await rewriteAndRehash(t.database.db, rehashed.id, 1, { markOld: false, data: { channel: 'web', forged: true } });
  let f = findingOf(await verify(), rehashed);
  assert.ok(f);
  assert.equal(f.seq, 1);
  assert.match(f.reason, /edited/);
  // Marked as pre-0017 events so the unkeyed formula would apply: the checkpoint says this log has none.
  await rewriteAndRehash(t.database.db, rehashed.id, 1, { markOld: true, data: { channel: 'web', forged: true } });
  f = findingOf(await verify(), rehashed);
  assert.ok(f);
  assert.equal(f.seq, 1);
  assert.match(f.reason, /unkeyed/);
});

test('a scoped administrator gets the counts and findings of their company only, and no installation-wide checkpoint state', async () => {
  const created = await t.api(
    'POST',
    '/api/users',
    { email: 'company.admin@factory.test', name: '地产公司管理员', role: 'admin', orgNodeId: reCompany.id, password: TEST_PASSWORD },
    { as: admin },
  );
  assert.equal(created.statusCode, 201, created.body);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'company.admin@factory.test', password: TEST_PASSWORD },
  });
  assert.equal(login.statusCode, 200, login.body);
  const scoped = await verify(login.json().token);
  const whole = await verify();
  assert.equal(whole.complaints, 4, 'grows, cut, rehashed, fuel');
  assert.equal(scoped.complaints, 3, 'grows, cut and rehashed are at the real-estate company; fuel is not');
  const eventsOf = async (c: Placed) =>
    ((await t.api('GET', `/api/complaints/${c.id}/events`, undefined, { as: admin })).json() as unknown[]).length;
  assert.equal(scoped.events, (await eventsOf(grows)) + (await eventsOf(cut)) + (await eventsOf(rehashed)));
  assert.equal(scoped.checkpoint, null);
  assert.deepEqual(
    scoped.broken.map((b) => b.complaintId).sort(),
    [cut.id, rehashed.id].sort(),
    'the deleted fuel complaint is not theirs to hear of',
  );
  assert.equal(scoped.intact, false);
  assert.ok(findingOf(whole, gone) && findingOf(whole, fuel) === undefined);
});

test('npm run verify-log, a separate process, shows the same findings', async () => {
  const out = await runVerifyLog(t.database);
  assert.equal(out.code, 1, out.stdout);
  assert.match(out.stdout, /checkpoint \d+ of .* is validly signed: 5 complaints/);
  assert.match(out.stdout, new RegExp(`BROKEN TS-\\S+ \\(${cut.id}\\) at event ${lastSeqOfCut}: truncated`));
  assert.match(out.stdout, new RegExp(`BROKEN \\(deleted complaint\\) \\(${gone.id}\\) at event 1: deleted`));
  assert.match(out.stdout, new RegExp(`BROKEN TS-\\S+ \\(${rehashed.id}\\) at event 1: unkeyed`));
});

test('a changed checkpoint is reported: its heads lowered to hide the cut, or its counts edited', async () => {
  await sql`UPDATE log_checkpoint_heads SET seq = seq - 1, hash = (SELECT hash FROM complaint_events WHERE complaint_id = ${cut.id} AND seq = ${lastSeqOfCut - 1}) WHERE complaint_id = ${cut.id}`.execute(
    t.database.db,
  );
  let r = await verify();
  assert.equal(r.intact, false);
  assert.equal(r.checkpoint?.status, 'invalid');
  assert.match(r.checkpoint?.problem ?? '', /signature does not match/);
  const out = await runVerifyLog(t.database);
  assert.equal(out.code, 1);
  assert.match(out.stdout, /CHECKPOINT INVALID \(\d+ of .*\): the signature does not match/);
  await sql`UPDATE log_checkpoint_heads SET seq = seq + 1, hash = 'x' WHERE complaint_id = ${cut.id}`.execute(t.database.db);
  await sql`UPDATE log_checkpoints SET complaints = complaints - 1`.execute(t.database.db);
  r = await verify();
  assert.equal(r.checkpoint?.status, 'invalid');
  assert.equal(r.intact, false);
  // Every checkpoint deleted: the heads they left are evidence of it.
  await sql`DELETE FROM log_checkpoints`.execute(t.database.db);
  r = await verify();
  assert.equal(r.checkpoint?.status, 'invalid');
  assert.match(r.checkpoint?.problem ?? '', /the checkpoints were deleted/);
  assert.equal(r.intact, false);
});
