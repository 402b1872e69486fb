/**
 * Versioned SQL migrations (src/data/migrations/NNNN_name.sql), applied at start-up in order, each in
 * its own transaction. A PostgreSQL advisory lock makes two processes starting at once take turns:
 * the second waits, then finds the work done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { splitSql } from './split-sql.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// An arbitrary constant shared by every Plaint process ("PLAINT" in ASCII, truncated to int4).
const MIGRATION_LOCK_ID = 0x504c4149;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** `upTo`: stop after this version (a logical restore re-creates the schema its backup was taken at). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables that DB describes exist
export async function migrate(db: Kysely<any>, opts: { upTo?: number } = {}): Promise<{ applied: string[] }> {
  const migrations = readMigrations().filter((m) => opts.upTo === undefined || m.version <= opts.upTo);
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    // Transaction-scoped lock: released at commit even if this process dies mid-way.
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
    const done = await sql<{ version: number }>`SELECT version FROM schema_migrations`.execute(trx);
    const doneSet = new Set(done.rows.map((r) => Number(r.version)));
    for (const m of migrations) {
      if (doneSet.has(m.version)) continue;
      for (const statement of splitSql(m.sql)) await sql.raw(statement).execute(trx);
      await sql`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, ${m.name})`.execute(trx);
      applied.push(m.name);
    }
  });
  return { applied };
}
