/**
 * One SQL dialect, two engines: embedded PGlite (default, data in DATA_DIR) or a PostgreSQL server
 * (DATABASE_URL). Everything above this file sees the same Kysely instance and the same SQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, PGliteDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { intarray } from '@electric-sql/pglite/contrib/intarray';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /**
   * Embedded only: PGlite's data directory as a gzipped tarball (backups, src/data/embedded-dump.ts).
   * Taken under PGlite's transaction lock, so no transaction of this process is open while it is read.
   */
  dumpEmbedded?: () => Promise<Buffer>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  /** Directory for PGlite files; null keeps the embedded database in memory (tests). */
  dataDir: string | null;
  poolSize?: number;
  /** Embedded, in memory only: start from this data directory tarball (PGlite's dumpDataDir) instead of an empty one (the tests' template, docs/TESTING.md). */
  loadDataDir?: Blob;
}

// bigint counts (COUNT(*), bigserial) fit easily in a JS number at Plaint's scale; both engines
// return them as numbers so the repositories need no per-engine conversion.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Statements run on every intake, by their exact text (registered by src/data/intake-store.ts): on a
 * PostgreSQL server they run as named prepared statements, parsed and planned once per connection
 * instead of on every call (measured: 0.9 ms of the server's time per intake, docs/PERFORMANCE.md).
 * Kysely hands the driver only text and parameters, so the mapping happens here, under it.
 */
const preparedByText = new Map<string, string>();

export function registerPreparedStatement(name: string, text: string): void {
  preparedByText.set(text, name);
}

function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length === 2 && Array.isArray(values) ? preparedByText.get(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  };
}

// intarray: the intake's candidate pre-filter (migration 0012); PGlite loads extensions only when asked.
export const PGLITE_OPTIONS = { parsers: { 20: (v: string) => Number(v) }, extensions: { intarray } };

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      // The database may restart under load; a broken idle client must not crash the process.
      idleTimeoutMillis: 30000,
    });
    // A restarting server sends FATAL to every connection. On an idle one the pool reports it here; on a
    // connection in use the client itself emits 'error', and an unheard 'error' event ends the process.
    // The query in flight still fails and is answered 503; the pool opens fresh connections afterwards.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
      usePreparedStatements(client);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let client: PGlite;
  if (opts.dataDir) {
    const dir = path.join(opts.dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
    client = new PGlite(dir, PGLITE_OPTIONS);
  } else {
    client = new PGlite(opts.loadDataDir ? { ...PGLITE_OPTIONS, loadDataDir: opts.loadDataDir } : PGLITE_OPTIONS);
  }
  await client.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite: client }) });
  await sql`SET TIME ZONE 'UTC'`.execute(db);
  return {
    db,
    kind: 'pglite',
    // Kysely runs every transaction inside PGlite's transaction(), which holds this same lock until COMMIT.
    dumpEmbedded: async () => Buffer.from(await (await client.transaction(() => client.dumpDataDir('gzip'))).arrayBuffer()),
    close: async () => {
      await db.destroy();
      if (!client.closed) await client.close();
    },
  };
}

/** Throws when the database cannot answer a trivial query (the health check's 503). */
export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
