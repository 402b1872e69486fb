/**
 * What someone with write access to the database (and without the log key) can do to the event log,
 * for the event log tests; and `npm run verify-log` run as its own process with the test app's key.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/data/schema.ts';
import { listChainedEvents } from '../../src/data/checkpoint-store.ts';
import { GENESIS_HASH, legacyEventHash } from '../../src/domain/event-chain.ts';
import { TEST_LOG_KEY } from '../helpers/test-app.ts';
import type { TestDatabase } from '../helpers/test-db.ts';
import { restoreEmbedded } from '../../src/data/embedded-dump.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `npm run verify-log` as its own process over the test's database, with the test app's key: on
 * PostgreSQL the database itself; on PGlite, which lives in the test's memory and one process only,
 * a copy of it (PGlite's own dump, restored as a backup would be) in a temporary DATA_DIR.
 */
export async function runVerifyLog(database: TestDatabase): Promise<{ code: number; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PLAINT_LOG_KEY: TEST_LOG_KEY.toString('hex') };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  if (database.url) return verifyLogProcess({ ...env, DATABASE_URL: database.url });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-verify-'));
  try {
    await restoreEmbedded(dataDir, await database.dumpEmbedded!());
    return await verifyLogProcess({ ...env, DATA_DIR: dataDir });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function verifyLogProcess(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/verify-log.ts'], { cwd: ROOT, env }, (err, stdout) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout });
    });
  });
}

/**
 * Rewrites event `fromSeq` of a complaint and recomputes the hashes from there on with the project's
 * own (unkeyed) formula, optionally marking them as pre-0017 events so they are checked by it.
 */
export async function rewriteAndRehash(
  db: Kysely<DB>,
  complaintId: string,
  fromSeq: number,
  opts: { markOld: boolean; data?: Record<string, unknown> },
): Promise<void> {
  const events = await listChainedEvents(db, complaintId);
  let prev = fromSeq === 1 ? GENESIS_HASH : events[fromSeq - 2].hash;
  for (const e of events.filter((x) => x.seq >= fromSeq)) {
    const data = e.seq === fromSeq && opts.data ? opts.data : e.data;
    const hash = legacyEventHash(prev, { ...e, data });
    await sql`UPDATE complaint_events SET data = ${JSON.stringify(data)}::jsonb, prev_hash = ${prev}, hash = ${hash}
              ${opts.markOld ? sql`, hash_alg = 'sha256'` : sql``}
              WHERE complaint_id = ${complaintId} AND seq = ${e.seq}`.execute(db);
    prev = hash;
  }
}

/** Deletes a complaint and every row that refers to it, as an attacker removing it without trace would. */
export async function deleteComplaint(db: Kysely<DB>, complaintId: string): Promise<void> {
  const refs = await sql<{ tbl: string; col: string }>`
    SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
    FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.contype = 'f' AND c.confrelid = 'complaints'::regclass`.execute(db);
  for (const r of refs.rows) await sql`DELETE FROM ${sql.table(r.tbl)} WHERE ${sql.ref(r.col)} = ${complaintId}`.execute(db);
  await sql`DELETE FROM complaints WHERE id = ${complaintId}`.execute(db);
}
