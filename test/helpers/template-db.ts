/**
 * The tests' template databases (docs/TESTING.md): built once and copied for each test file, so a file
 * does not pay for PGlite's initdb, the migrations and the demo users' argon2 hashes again.
 *
 * - PGlite: the data directory as a tarball in os.tmpdir(), loaded by `new PGlite({ loadDataDir })`.
 * - PostgreSQL: a database on the DATABASE_URL server, copied by `CREATE DATABASE … TEMPLATE …`.
 *
 * Both are named by a hash of what they are made of (the migrations, the demo organisation and users,
 * the code that builds them, PGlite's version), so a changed migration builds a new one and an old one
 * is never used. Building happens under a lock: test files run in parallel processes.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../src/data/db.ts';
import { migrate, readMigrations } from '../../src/data/migrate.ts';
import type { DB } from '../../src/data/schema.ts';
import { ensureDemoOrganisation } from '../../src/seed/seed-demo.ts';
import { DEMO_USERS } from '../../src/seed/demo-org.ts';
import { ensureUser } from '../../src/use-cases/auth.ts';
import { hashPassword, setPasswordCost } from '../../src/use-cases/password-hash.ts';
import { underLock } from '../e2e/dir-lock.ts';

export const TEST_PASSWORD = 'test-password-1';

/**
 * The tests' processes hash new passwords at argon2id's minimal cost (src/use-cases/password-hash.ts): every
 * file that opens a test database imports this module. The tests of the hash itself set the standard cost
 * and put this back (test/security2/password-cost.test.ts).
 */
setPasswordCost('minimal');

let testHash: Promise<string> | undefined;

/** TEST_PASSWORD's hash for the tests' users (the factories insert it directly); a check reads its cost from it. */
export function testPasswordHash(): Promise<string> {
  testHash ??= hashPassword(TEST_PASSWORD);
  return testHash;
}

/** `migrated`: the schema only. `demo`: also the demo organisation and one user per role (password TEST_PASSWORD). */
export type TemplateKind = 'migrated' | 'demo';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// What a template is made of; a change to any of these must not reuse an older template.
const SOURCES = [
  'src/seed/demo-org.ts',
  'src/seed/seed-demo.ts',
  'src/use-cases/auth.ts',
  'src/use-cases/password-hash.ts',
  'src/data/migrate.ts',
  'src/data/db.ts',
  'test/helpers/template-db.ts',
  'node_modules/@electric-sql/pglite/package.json',
];

let key: string | undefined;
export function templateKey(): string {
  if (key) return key;
  const h = createHash('sha256');
  for (const m of readMigrations()) h.update(m.name).update('\0').update(m.sql).update('\0');
  for (const f of SOURCES)
    h.update(f)
      .update('\0')
      .update(fs.readFileSync(path.join(ROOT, f)))
      .update('\0');
  h.update(TEST_PASSWORD);
  key = h.digest('hex').slice(0, 16);
  return key;
}

/** No clock and no log key are involved: what depends on them (the first checkpoint) is written per test file. */
async function build(kind: TemplateKind, db: Kysely<DB>): Promise<void> {
  await migrate(db);
  if (kind === 'migrated') return;
  await ensureDemoOrganisation(db);
  const deps = { db, now: () => new Date(), logKey: Buffer.alloc(32) };
  for (const u of DEMO_USERS) await ensureUser(deps, { ...u, password: TEST_PASSWORD });
}

const pgliteTemplates = new Map<TemplateKind, Promise<Blob>>();

/** The PGlite template's data directory tarball, built by the first test process that needs it. */
export function pgliteTemplate(kind: TemplateKind): Promise<Blob> {
  let template = pgliteTemplates.get(kind);
  if (!template) {
    template = readOrBuildTarball(kind);
    pgliteTemplates.set(kind, template);
  }
  return template;
}

async function readOrBuildTarball(kind: TemplateKind): Promise<Blob> {
  const file = path.join(os.tmpdir(), `plaint-test-template-${kind}-${templateKey()}.tar.gz`);
  if (!fs.existsSync(file)) {
    await underLock(`${file}.lock`, async () => {
      if (fs.existsSync(file)) return; // another process built it while this one waited
      const database = await openDatabase({ databaseUrl: null, dataDir: null });
      try {
        await build(kind, database.db);
        const tarball = await database.dumpEmbedded!();
        // Written under another name and renamed: a reader never sees half a tarball.
        const partial = `${file}.${process.pid}.partial`;
        fs.writeFileSync(partial, tarball);
        fs.renameSync(partial, file);
      } finally {
        await database.close();
      }
    });
  }
  return new Blob([fs.readFileSync(file)]);
}

// An arbitrary advisory lock id ("PLTT"), distinct from the migrations' lock. Advisory locks belong to
// the database connected to, so it only orders the processes of one run (one DATABASE_URL); runs on
// other databases of the same server may build the same template at once, each under its own name,
// and the first rename wins.
const TEMPLATE_LOCK_ID = 0x504c5454;

/**
 * A new database on the server at `base`, copied from the PostgreSQL template (built first if missing).
 * A template cannot be copied while anyone is connected to it: it is built under another name and
 * renamed into place, and nothing connects to it afterwards.
 */
export async function copyPostgresTemplate(base: string, kind: TemplateKind, name: string): Promise<void> {
  const template = `plaint_tpl_${kind}_${templateKey()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_ID]);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount === 0) await buildPostgresTemplate(admin, base, kind, template);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_ID]).catch(() => {});
    await admin.end();
  }
}

/**
 * A copy of a database nobody is connected to (the e2e server's seeded one, test/e2e/server.ts). Copies
 * from one template take turns: PostgreSQL refuses a second CREATE DATABASE … TEMPLATE while the first
 * still reads the template.
 */
export async function copyPostgresDatabase(base: string, from: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_ID]);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${from}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_ID]).catch(() => {});
    await admin.end();
  }
}

async function buildPostgresTemplate(admin: pg.Client, base: string, kind: TemplateKind, template: string): Promise<void> {
  const building = `${template}_b${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${building}`);
  try {
    const u = new URL(base);
    u.pathname = `/${building}`;
    const database = await openDatabase({ databaseUrl: u.toString(), dataDir: null, poolSize: 2 });
    try {
      await build(kind, database.db);
    } finally {
      await database.close();
    }
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
  } catch (e) {
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    // 42P04 duplicate_database: another run's rename came first; its template is as good as this one.
    if ((e as { code?: string }).code !== '42P04') throw e;
  }
}
