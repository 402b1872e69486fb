/**
 * A PostgreSQL backup without pg_dump: every table's rows as JSON lines, read in one REPEATABLE READ
 * transaction (one snapshot for all tables), plus the sequences and the migration versions. Restoring
 * re-creates the schema by running the migrations up to the backup's version, then loads the rows
 * parent tables first. Generated columns and derived tables (DERIVED) are left out and computed again.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { sql, type Kysely } from 'kysely';
import { migrate } from './migrate.ts';
import type { DB } from './schema.ts';

export interface LogicalManifest {
  tables: { name: string; rows: number }[];
  sequences: { name: string; value: number; called: boolean }[];
  migrations: number[];
}

const BATCH = 1000;
/**
 * Tables that the complaints' own rows rebuild: the dashboard's tallies (migration 0036), written by a
 * trigger as the restore loads the complaints (the sweeper folds them). Left out of the backup, so they
 * are never counted twice.
 */
const DERIVED = new Set(['complaint_tallies', 'complaint_tally_changes']);
const ident = (name: string) => sql.id(name);

async function tablesOf(db: Kysely<DB>): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(db);
  return r.rows.map((x) => x.name);
}

async function storedColumns(db: Kysely<DB>, table: string): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT attname AS name FROM pg_attribute
    WHERE attrelid = ${`public.${table}`}::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
    ORDER BY attnum`.execute(db);
  return r.rows.map((x) => x.name);
}

export async function logicalDump(db: Kysely<DB>, dir: string): Promise<LogicalManifest> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(trx);
      const manifest: LogicalManifest = { tables: [], sequences: [], migrations: [] };
      for (const table of await tablesOf(trx)) {
        if (DERIVED.has(table)) continue;
        const cols = await storedColumns(trx, table);
        const fd = fs.openSync(path.join(dir, `${table}.ndjson`), 'wx', 0o600);
        let rows = 0;
        try {
          const select = sql.join(cols.map(ident));
          await sql`DECLARE plaint_dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM (SELECT ${select} FROM ${ident(table)}) t`.execute(
            trx,
          );
          for (;;) {
            const batch = await sql<{ j: string }>`FETCH ${sql.raw(String(BATCH))} FROM plaint_dump`.execute(trx);
            if (batch.rows.length === 0) break;
            fs.writeSync(fd, batch.rows.map((r) => `${r.j}\n`).join(''));
            rows += batch.rows.length;
          }
          await sql`CLOSE plaint_dump`.execute(trx);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        manifest.tables.push({ name: table, rows });
      }
      const seqs = await sql<{
        name: string;
        value: string | null;
      }>`SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public'`.execute(trx);
      // A derived table's sequence goes with it: the restore's own rows have numbered it by then.
      const derived = (name: string) => [...DERIVED].some((t) => name.startsWith(`${t}_`));
      manifest.sequences = seqs.rows
        .filter((s) => s.value !== null && !derived(s.name))
        .map((s) => ({ name: s.name, value: Number(s.value), called: true }));
      const versions = await sql<{ version: number }>`SELECT version FROM schema_migrations ORDER BY version`.execute(trx);
      manifest.migrations = versions.rows.map((v) => Number(v.version));
      return manifest;
    });
}

/** Tables ordered so that every table comes after the tables it references. */
async function parentsFirst(db: Kysely<DB>, tables: string[]): Promise<string[]> {
  const r = await sql<{ child: string; parent: string }>`SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
    FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid <> c.confrelid`.execute(db);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const { child, parent } of r.rows) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const visit = (t: string, path: string[]) => {
    if (ordered.includes(t)) return;
    if (path.includes(t)) throw new Error(`foreign keys form a cycle: ${[...path, t].join(' -> ')}`);
    for (const p of parents.get(t) ?? []) if (parents.has(p)) visit(p, [...path, t]);
    ordered.push(t);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}

export async function logicalRestore(db: Kysely<DB>, dir: string, manifest: LogicalManifest): Promise<void> {
  await migrate(db, { upTo: Math.max(...manifest.migrations) });
  await db.transaction().execute(async (trx) => {
    const names = manifest.tables.map((t) => t.name);
    // The migrations insert rows of their own (reference data); the backup's rows replace them.
    await sql`TRUNCATE ${sql.join(names.map(ident))} CASCADE`.execute(trx);
    for (const table of await parentsFirst(trx, names)) {
      const cols = sql.join((await storedColumns(trx, table)).map(ident));
      const lines = readline.createInterface({ input: fs.createReadStream(path.join(dir, `${table}.ndjson`)), crlfDelay: Infinity });
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const json = `[${batch.join(',')}]`;
        await sql`INSERT INTO ${ident(table)} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${ident(table)}, ${json}::json)`.execute(
          trx,
        );
        batch = [];
      };
      for await (const line of lines) {
        if (line === '') continue;
        batch.push(line);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
    }
    for (const s of manifest.sequences) await sql`SELECT setval(${`public.${s.name}`}::regclass, ${s.value}, ${s.called})`.execute(trx);
  });
}

/** True when the database has no tables of its own yet. */
export async function databaseIsEmpty(db: Kysely<DB>): Promise<boolean> {
  return (await tablesOf(db)).length === 0;
}
