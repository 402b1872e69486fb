/**
 * A fresh database for each test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (dropped afterwards). The same migrations run on both.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/data/db.ts';
import { migrate } from '../../src/data/migrate.ts';

export interface TestDatabase extends Database {
  url: string | null;
  drop(): Promise<void>;
}

export function serverUrl(): string | null {
  return process.env.DATABASE_URL?.trim() || null;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The PostgreSQL server for the tests that are about PostgreSQL itself (several processes on one
 * database, restarts, racing migrations): DATABASE_URL, or in CI (CI=true) the machine's own server,
 * so CI's PGlite pass runs them too instead of skipping them (in CI a skipped test is a failure).
 */
export function postgresServerUrl(): string | null {
  return serverUrl() ?? (process.env.CI === 'true' ? 'postgres://postgres@127.0.0.1:5432/postgres' : null);
}

export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = postgresServerUrl();
  if (!base) throw new Error('DATABASE_URL is not set');
  const name = `plaint_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabaseName(base, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function freshDatabase(): Promise<TestDatabase> {
  if (serverUrl()) {
    const scratch = await createScratchDatabase();
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: null, poolSize: 20 });
    await migrate(database.db);
    return {
      ...database,
      url: scratch.url,
      drop: async () => {
        await database.close();
        await scratch.drop();
      },
    };
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: null });
  await migrate(database.db);
  return { ...database, url: null, drop: () => database.close() };
}
