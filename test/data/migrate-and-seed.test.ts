/**
 * Start-up on a database: migrations are safe when two processes start at once, demo data is seeded
 * only outside production, and configuration problems are reported together.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase } from '../../src/data/db.ts';
import { migrate, readMigrations } from '../../src/data/migrate.ts';
import { splitSql } from '../../src/data/split-sql.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { loadConfig, ConfigError } from '../../src/config.ts';
import { DEMO_COMPLAINTS } from '../../src/seed/demo-complaints.ts';
import { createScratchDatabase, freshDatabase, postgresServerUrl } from '../helpers/test-db.ts';

test('migrations: two processes migrating one PostgreSQL database at once apply each migration once', {
  skip: postgresServerUrl() ? false : 'needs DATABASE_URL (PostgreSQL)',
}, async () => {
  const scratch = await createScratchDatabase();
  const a = await openDatabase({ databaseUrl: scratch.url, dataDir: null });
  const b = await openDatabase({ databaseUrl: scratch.url, dataDir: null });
  try {
    const [ra, rb] = await Promise.all([migrate(a.db), migrate(b.db)]);
    const all = readMigrations().map((m) => m.name);
    assert.deepEqual([...ra.applied, ...rb.applied].sort(), [...all].sort(), 'each migration applied by exactly one of them');
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(a.db);
    assert.equal(rows.rows[0].n, all.length);
    assert.deepEqual((await migrate(a.db)).applied, [], 'a restart applies nothing');
  } finally {
    await a.close();
    await b.close();
    await scratch.drop();
  }
});

test('migration scripts split into statements without breaking quoted text or function bodies', () => {
  const parts = splitSql(`-- comment; with semicolon
CREATE TABLE a (x text DEFAULT 'a;b');
CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;
/* block; */ SELECT 1`);
  assert.equal(parts.length, 3);
  assert.match(parts[0], /'a;b'/);
  assert.match(parts[1], /RETURN 1; END \$\$/);
});

test('R-LC-1: demo data seeds the organisation, one user per role and complaints at every stage, once', async () => {
  // The migrations themselves, not the tests' template copy: this file's subject is start-up.
  const database = await freshDatabase({ template: null });
  try {
    const now = new Date('2026-11-24T06:00:00Z');
    const first = await seedDemo(database.db, now, Buffer.alloc(32, 1));
    assert.equal(first.complaints, DEMO_COMPLAINTS.length);
    // What an administrator did to a demo user since (README: demo data goes into an empty database).
    await database.db
      .updateTable('users')
      .set({ password_hash: 'changed', disabled: true })
      .where('email', '=', 'agent@plaint.demo')
      .execute();
    const second = await seedDemo(database.db, now, Buffer.alloc(32, 1));
    assert.equal(second.complaints, 0, 'a second start seeds nothing more');
    const agent = await database.db
      .selectFrom('users')
      .select(['password_hash', 'disabled'])
      .where('email', '=', 'agent@plaint.demo')
      .executeTakeFirstOrThrow();
    assert.deepEqual(agent, { password_hash: 'changed', disabled: true }, 'a second start leaves a demo user as an administrator left it');
    const statuses = await database.db.selectFrom('complaints').select(['status']).distinct().execute();
    for (const s of ['received', 'qualified', 'dispatched', 'acknowledged', 'investigated', 'replied', 'confirmed', 'closed']) {
      assert.ok(
        statuses.some((r) => r.status === s),
        `a demo complaint is ${s}`,
      );
    }
    const roles = await database.db.selectFrom('users').select('role').execute();
    assert.deepEqual(new Set(roles.map((r) => r.role)), new Set(['admin', 'agent', 'specialist', 'handler', 'qa', 'manager', 'auditor']));
    const units = await database.db.selectFrom('org_nodes').select(['policy_id']).where('kind', '=', 'unit').execute();
    assert.deepEqual(
      new Set(units.map((u) => u.policy_id)),
      new Set(['real-estate', 'fuel-retail', 'food', 'property', 'manufacturing', 'restaurant', 'service-centre']),
    );
  } finally {
    await database.drop();
  }
});

test('configuration: production never seeds demo data; every problem is listed at once', () => {
  assert.equal(loadConfig({ NODE_ENV: 'production', PLAINT_DEMO: '1' }).demo, false);
  assert.equal(loadConfig({}).demo, true);
  try {
    loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', PLAINT_ADMIN_EMAIL: 'a@b.c' });
    assert.fail('expected a ConfigError');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.problems.length, 3, e.problems.join('; '));
  }
});
