/**
 * Backup and restore (README, "Backup and restore"): `npm run backup` while a real server takes in
 * complaints and attachments, `npm run restore` into a fresh DATA_DIR (and with DATABASE_URL a fresh
 * database): every complaint acknowledged before the backup started is there with all its events, the
 * restored log verifies (npm run verify-log), every attachment reads back byte for byte, and a target
 * that holds data is refused. PostgreSQL runs take both a pg_dump and a logical (no pg_dump) backup.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/data/db.ts';
import { readAttachmentBytes } from '../../src/use-cases/attachments/attachments.ts';
import { listTar } from '../../src/backup/tar-file.ts';
import { migrate } from '../../src/data/migrate.ts';
import { loadLogKey } from '../../src/log-key.ts';
import { ensureUser } from '../../src/use-cases/auth.ts';
import { ensureDemoOrganisation } from '../../src/seed/seed-demo.ts';
import { DEMO_USERS } from '../../src/seed/demo-org.ts';
import { api, DEMO_EMAIL, DEMO_PASSWORD, login, ROOT, sleep, startServer } from '../faults/helpers.ts';
import { sampleComplaint } from '../../bench/complaint-samples.ts';
import { createScratchDatabase, serverUrl } from '../helpers/test-db.ts';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/data/schema.ts';
import { rebuildTallies } from '../../src/data/tally-store.ts';

interface Run {
  code: number | null;
  out: string;
}

function npmScript(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PLAINT_LOG_KEY: '', DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** A small PNG-looking file with random bytes: the server keeps it by its magic bytes. */
function png(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    randomBytes(2000 + Math.floor(Math.random() * 3000)),
  ]);
}

interface Acked {
  code: string;
  id: string;
  at: number;
  attachment?: { sha256: string; bytes: Buffer; at: number };
}

/** The dashboard's tallies, folded and not, summed per tally. */
async function tallyTotals(db: Kysely<DB>) {
  const r = await sql<{ key: string; n: number; score: number }>`
    SELECT concat_ws('|', kind, unit_id, lead_department_id, co_department_ids::text, day::text, level, category_id) AS key,
      sum(n)::int AS n, sum(score)::int AS score
    FROM (SELECT kind, unit_id, lead_department_id, co_department_ids, day, level, category_id, n, score FROM complaint_tallies
      UNION ALL
      SELECT kind, unit_id, lead_department_id, co_department_ids, day, level, category_id, n, score FROM complaint_tally_changes) t
    GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1`.execute(db);
  return r.rows;
}

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

test('a backup taken under intake load restores every acknowledged complaint, event and attachment, and a non-empty target is refused', {
  timeout: 300_000,
}, async () => {
  const pgUrl = serverUrl();
  const dataDir = tmp('plaint-bk-');
  const scratch = pgUrl ? await createScratchDatabase() : null;
  const cleanup: (() => Promise<void> | void)[] = [() => fs.rmSync(dataDir, { recursive: true, force: true })];
  if (scratch) cleanup.push(scratch.drop);
  const t0 = Date.now();
  const mark = (what: string) => console.log(`# ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // The organisation and one agent only: the demo's complaints would take most of the test's time to seed.
  const setup = await openDatabase({ databaseUrl: scratch?.url ?? null, dataDir });
  await migrate(setup.db);
  await ensureDemoOrganisation(setup.db);
  await ensureUser(
    { db: setup.db, now: () => new Date(), logKey: loadLogKey({ logKeyHex: null, dataDir }).key },
    { ...DEMO_USERS.find((u) => u.email === DEMO_EMAIL)!, password: DEMO_PASSWORD },
  );
  await setup.close();
  const server = await startServer({ databaseUrl: scratch?.url, dataDir, demo: false, startTimeoutS: 120 });
  cleanup.push(server.stop);
  try {
    mark('server started');
    const token = await login(server.base);
    const acked: Acked[] = [];
    let stop = false;
    let n = 0;
    const tag = `bk-${randomBytes(3).toString('hex')}`;
    const worker = async () => {
      while (!stop) {
        const i = n++;
        const r = await api(server.base, token, 'POST', '/api/complaints', sampleComplaint(i, tag));
        assert.equal(r.status, 201, JSON.stringify(r.body));
        const a: Acked = { code: r.body.code, id: r.body.id, at: Date.now() };
        acked.push(a);
        if (i % 3 === 0) {
          const bytes = png();
          const form = new FormData();
          form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), `photo-${i}.png`);
          const res = await fetch(`${server.base}/api/complaints/${a.id}/attachments`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
            body: form,
          });
          const text = await res.text();
          assert.equal(res.status, 201, text);
          a.attachment = { sha256: (JSON.parse(text) as { sha256: string }).sha256, bytes, at: Date.now() };
        }
      }
    };
    // A failed request stops the load and is reported after the backups (not as an unhandled rejection).
    const workers = [worker(), worker(), worker()].map((w) =>
      w.catch((e: unknown) => {
        stop = true;
        return e;
      }),
    );
    // Until the load is under way (a count, not a fixed wait: the first requests are slow on a busy machine).
    while (acked.length < 10 && !stop) await sleep(100);

    const backupDir = tmp('plaint-bk-files-');
    cleanup.push(() => fs.rmSync(backupDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '' };
    const kinds: { name: string; extra: Record<string, string> }[] = pgUrl
      ? [
          { name: 'pg_dump', extra: {} },
          { name: 'logical', extra: { PLAINT_BACKUP_LOGICAL: '1' } },
        ]
      : [{ name: 'pglite', extra: {} }];
    // PostgreSQL: the pg_dump and the logical backup run at the same time, to keep the test short.
    const startedAt = Date.now();
    const backups = await Promise.all(
      kinds.map(async (k) => {
        const file = path.join(backupDir, `${k.name}.tar`);
        const run = await npmScript('backup', [file], { ...env, ...k.extra });
        assert.equal(run.code, 0, run.out);
        assert.match(run.out, pgUrl ? /backup written: / : /backup written by the running server/);
        assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'the backup holds the log key: readable by its owner only');
        const names = listTar(file).map((m) => m.name);
        assert.ok(
          names.includes(
            `database/${k.name === 'logical' ? 'tables/complaints.ndjson' : k.name === 'pglite' ? 'pglite.tar.gz' : 'pg_dump.custom'}`,
          ),
          names.join(' '),
        );
        mark(`backup ${k.name} written`);
        return { kind: k.name, file, startedAt, endedAt: Date.now() };
      }),
    );
    const sock = path.join(dataDir, 'plaint.sock');
    if (!pgUrl) assert.equal(fs.statSync(sock).mode & 0o777, 0o600, 'the backup socket is for its owner only');
    await sleep(300);
    stop = true;
    for (const failure of await Promise.all(workers)) if (failure) throw failure;
    await server.stop();
    assert.equal(fs.existsSync(sock), false, 'the server removes its socket at shutdown');
    assert.ok(acked.filter((a) => a.at < backups[0].startedAt).length >= 5, `complaints were taken in before the backup (${acked.length})`);
    assert.ok(
      acked.some((a) => a.at > startedAt && a.at < Math.min(...backups.map((b) => b.endedAt))),
      'and while they ran',
    );

    const original = await openDatabase({ databaseUrl: scratch?.url ?? null, dataDir });
    const originalEvents = new Map(
      (await original.db.selectFrom('complaint_events').select(['complaint_id', 'seq', 'hash']).execute()).map((e) => [
        `${e.complaint_id}/${e.seq}`,
        String(e.hash),
      ]),
    );
    await original.close();

    for (const b of backups) {
      const target = tmp('plaint-rs-');
      cleanup.push(() => fs.rmSync(target, { recursive: true, force: true }));
      const targetDb = pgUrl ? await createScratchDatabase() : null;
      if (targetDb) cleanup.push(targetDb.drop);
      const tenv = { DATA_DIR: target, DATABASE_URL: targetDb?.url ?? '' };
      const restored = await npmScript('restore', [b.file], tenv);
      assert.equal(restored.code, 0, restored.out);
      mark(`restored ${b.kind}`);

      const verify = await npmScript('verify-log', [], tenv);
      assert.equal(verify.code, 0, `${b.kind}: ${verify.out}`);
      assert.match(verify.out, /validly signed/);
      assert.match(verify.out, /every chain is intact/);

      const db = await openDatabase({ databaseUrl: targetDb?.url ?? null, dataDir: target });
      try {
        const codes = new Set(
          (await db.db.selectFrom('complaints').select('code').where('batch_no', '=', tag).execute()).map((r) => r.code),
        );
        for (const a of acked.filter((x) => x.at < b.startedAt))
          assert.ok(codes.has(a.code), `${b.kind}: ${a.code}, acknowledged before the backup, is restored`);
        const events = await db.db.selectFrom('complaint_events').select(['complaint_id', 'seq', 'hash']).execute();
        for (const e of events)
          assert.equal(
            originalEvents.get(`${e.complaint_id}/${e.seq}`),
            String(e.hash),
            `${b.kind}: event ${e.complaint_id}/${e.seq} is the original`,
          );
        const restoredIds = new Set(events.map((e) => e.complaint_id));
        for (const [key] of originalEvents) {
          const id = key.split('/')[0];
          if (restoredIds.has(id)) continue;
          assert.ok(!acked.some((a) => a.id === id && a.at < b.startedAt), `${b.kind}: the events of ${id} are restored`);
        }
        const withFiles = acked.filter((a) => a.attachment && a.attachment.at < b.startedAt);
        assert.ok(withFiles.length > 0);
        for (const a of withFiles) {
          const bytes = await readAttachmentBytes(path.join(target, 'attachments'), a.attachment!.sha256);
          assert.ok(bytes.equals(a.attachment!.bytes), `${b.kind}: the attachment of ${a.code} reads back byte for byte`);
        }
        const rows = await db.db.selectFrom('attachments').select('sha256').execute();
        for (const r of rows) await readAttachmentBytes(path.join(target, 'attachments'), r.sha256);
        // The dashboard's tallies (issue #20, migration 0036) count the restored complaints once: the
        // complaints' rows pass the tally trigger and the backup holds their tallies too.
        const restoredTallies = await tallyTotals(db.db);
        assert.ok(restoredTallies.length > 0);
        await rebuildTallies(db.db);
        assert.deepEqual(restoredTallies, await tallyTotals(db.db), `${b.kind}: the tallies are the restored complaints' own`);
      } finally {
        await db.close();
      }

      mark(`checked ${b.kind}`);
      const again = await npmScript('restore', [b.file], tenv);
      assert.notEqual(again.code, 0, 'restoring into a target that holds data fails');
      assert.match(again.out, /refusing to restore into a target that holds data/);
      if (targetDb) {
        // Only the database holds data: still refused, and nothing is written to the empty DATA_DIR.
        const emptyDir = tmp('plaint-rs-empty-');
        cleanup.push(() => fs.rmSync(emptyDir, { recursive: true, force: true }));
        const r = await npmScript('restore', [b.file], { DATA_DIR: emptyDir, DATABASE_URL: targetDb.url });
        assert.notEqual(r.code, 0);
        assert.match(r.out, /the database named by DATABASE_URL has tables/);
        assert.deepEqual(fs.readdirSync(emptyDir), []);
      }
    }

    if (!pgUrl) {
      // With no server running, the command opens the files itself.
      const file = path.join(backupDir, 'offline.tar');
      const run = await npmScript('backup', [file], env);
      assert.equal(run.code, 0, run.out);
      assert.match(run.out, /backup written: .*database: pglite/);
    }
  } finally {
    for (const c of cleanup.reverse()) await c();
  }
});
