/**
 * The per-process copy of the organisation tree and calendars (src/data/config-cache.ts): served from
 * memory until a statement returns a newer configuration counter, then reloaded — so a request never
 * works on a tree or calendar older than what was committed before its session lookup (R-TL-1 deadlines
 * run on the calendar in force; scopes follow the tree). Runs on PGlite and on PostgreSQL.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { configCache, configSnapshot } from '../../src/data/config-cache.ts';
import { saveCalendarVersion } from '../../src/data/org-store.ts';
import { insertPolicyOverride } from '../../src/data/policy-override-store.ts';
import { ensureDemoOrganisation } from '../../src/seed/seed-demo.ts';
import { DEFAULT_CALENDAR } from '../../src/domain/calendar/index.ts';
import { freshDatabase } from '../helpers/test-db.ts';

const database = await freshDatabase();
after(() => database.drop());
const db = database.db;
await ensureDemoOrganisation(db);

const counter = async () => Number((await sql<{ v: number }>`SELECT v FROM config_version`.execute(db)).rows[0].v);

test('R-TL-1: a calendar saved after the copy was loaded is served once a newer counter is observed', async () => {
  const before = await configSnapshot(db);
  assert.equal(before.latestCalendar('u-re-garden'), null, 'the unit starts on the default calendar');
  const v0 = await counter();
  const { version: _v, ...config } = DEFAULT_CALENDAR;
  await saveCalendarVersion(db, 'u-re-garden', { ...config, overrides: { '2031-01-06': { kind: 'holiday', name: '年会' } } }, null);
  const v1 = await counter();
  assert.ok(v1 > v0, 'saving a calendar moves the counter in its transaction');

  assert.equal(
    (await configSnapshot(db)).latestCalendar('u-re-garden'),
    null,
    'nothing newer observed: the copy is still served (no query)',
  );
  configCache(db).observe(v1);
  const fresh = await configSnapshot(db);
  assert.equal(fresh.version, v1);
  assert.equal(fresh.latestCalendar('u-re-garden')?.version, 2, 'the saved version is used after the counter is seen');
});

test('the organisation tree: a new department appears in its unit subtree after the counter moves; an older counter changes nothing', async () => {
  await db
    .insertInto('org_nodes')
    .values({ id: 'd-cache-test', parent_id: 'u-re-garden', kind: 'department', name: '测试部', settings: '{}' })
    .execute();
  configCache(db).observe(await counter());
  const snap = await configSnapshot(db);
  assert.ok(snap.subtree('u-re-garden').includes('d-cache-test'));
  assert.equal(snap.node('d-cache-test')?.name, '测试部');
  configCache(db).observe(1);
  assert.equal(await configSnapshot(db), snap, 'an older counter (a slower request) does not force a reload');
});

test('inside a transaction the tree is read through it and never cached (it may hold uncommitted changes)', async () => {
  const cached = await configSnapshot(db);
  await db
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('org_nodes')
        .values({ id: 'd-uncommitted', parent_id: 'u-re-garden', kind: 'department', name: '未提交', settings: '{}' })
        .execute();
      assert.ok((await configSnapshot(trx)).node('d-uncommitted'), 'the transaction sees its own change');
      throw new Error('roll back');
    })
    .catch((e: Error) => assert.equal(e.message, 'roll back'));
  configCache(db).observe(await counter());
  const after = await configSnapshot(db);
  assert.equal(after.node('d-uncommitted'), undefined, 'the rolled-back department was never cached');
  assert.equal(after.version, cached.version, 'and the counter went back with the rollback');
});

test("#16 item 4: a saved pack override moves the counter (migration 0028's trigger) and the copy serves it, so intake needs no query for it", async () => {
  const v0 = await counter();
  const { version } = await insertPolicyOverride(db, {
    nodeId: 'u-re-garden',
    policyId: 'real-estate',
    overrides: { returnVisit: { required: false } },
    createdBy: null,
  });
  const v1 = await counter();
  assert.ok(v1 > v0, 'saving an override moves the counter in its transaction');
  assert.deepEqual((await configSnapshot(db)).policyOverrides('u-re-garden'), [], 'nothing newer observed: the copy is still served');
  configCache(db).observe(v1);
  const snap = await configSnapshot(db);
  assert.deepEqual(snap.policyOverrides('u-re-garden'), [
    { version, nodeId: 'u-re-garden', policyId: 'real-estate', overrides: { returnVisit: { required: false } } },
  ]);
  assert.equal(snap.policyOverridesVersion, version);
});
