/**
 * A fresh database for each test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (dropped afterwards). Both start as a copy of a template
 * made once by the same migrations (template-db.ts), unless a test asks for the migrations themselves.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/data/db.ts';
import { migrate } from '../../src/data/migrate.ts';
import { copyPostgresDatabase, copyPostgresTemplate, pgliteTemplate, type TemplateKind } from './template-db.ts';

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

/** An empty database, or with `template` a copy of that template. */
export async function createScratchDatabase(
  opts: { template?: TemplateKind; copyOf?: string } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = postgresServerUrl();
  if (!base) throw new Error('DATABASE_URL is not set');
  const name = `plaint_t_${randomBytes(6).toString('hex')}`;
  if (opts.template) {
    await copyPostgresTemplate(base, opts.template, name);
  } else if (opts.copyOf) {
    await copyPostgresDatabase(base, opts.copyOf, name);
  } else {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
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

/** Drops a database of the tests' PostgreSQL server (one whose owner is gone). */
export async function dropDatabase(name: string): Promise<void> {
  const base = postgresServerUrl();
  if (!base) return;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/**
 * `template`: what the database starts as (default the migrated schema); null runs the migrations on
 * an empty database instead, for the tests whose subject is the migrations or seeding.
 */
export async function freshDatabase(opts: { template?: TemplateKind | null } = {}): Promise<TestDatabase> {
  const template = opts.template === undefined ? 'migrated' : opts.template;
  if (serverUrl()) {
    const scratch = await createScratchDatabase({ template: template ?? undefined });
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: null, poolSize: 20 });
    if (!template) await migrate(database.db);
    return {
      ...database,
      url: scratch.url,
      drop: async () => {
        await database.close();
        await scratch.drop();
      },
    };
  }
  const database = await openDatabase({
    databaseUrl: null,
    dataDir: null,
    loadDataDir: template ? await pgliteTemplate(template) : undefined,
  });
  if (!template) await migrate(database.db);
  return { ...database, url: null, drop: () => database.close() };
}
