/**
 * The embedded server's nightly backup job (src/jobs/nightly-backup.job.ts): the next run is at the
 * configured local time, a real backup of a real database is written into DATA_DIR/backups, only the
 * newest `keep` are kept, and a failed night is recorded in status.json with its reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase } from '../helpers/test-db.ts';
import { createTestApp } from '../helpers/test-app.ts';
import { makeBackup } from '../../src/use-cases/backup/make-backup.ts';
import { readBackupManifest } from '../../src/use-cases/backup/restore-backup.ts';
import { nextRunAt, readBackupStatus, runNightlyBackup } from '../../src/jobs/nightly-backup.job.ts';

test('the next nightly backup is at 03:00 Asia/Shanghai', () => {
  assert.equal(nextRunAt(new Date('2026-12-03T10:00:00Z'), '03:00', 'Asia/Shanghai').toISOString(), '2026-12-03T19:00:00.000Z');
  assert.equal(nextRunAt(new Date('2026-12-03T19:00:00Z'), '03:00', 'Asia/Shanghai').toISOString(), '2026-12-04T19:00:00.000Z');
});

test('nightly backups are written, pruned to the newest ones, and a failure is recorded with its reason', async () => {
  const t = await freshDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-nightly-'));
  const dir = path.join(dataDir, 'backups');
  try {
    const backup = (file: string) => makeBackup({ database: t, databaseUrl: t.url, dataDir, logKeyHex: 'aa'.repeat(32) }, file);
    const logs: string[] = [];
    const opts = { dir, at: '03:00', timeZone: 'Asia/Shanghai', keep: 2, backup, log: (m: string) => logs.push(m) };
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      const status = await runNightlyBackup({ ...opts, now: () => new Date(`${day}T19:00:00Z`) });
      assert.equal(status.ok, true, status.error);
    }
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.tar'))
      .sort();
    assert.deepEqual(files, ['plaint-20261203-030000.tar', 'plaint-20261204-030000.tar']);
    assert.equal(readBackupManifest(path.join(dir, files[1])).manifest.logKey, 'not included (PLAINT_LOG_KEY)');

    const failing = await runNightlyBackup({
      ...opts,
      backup: async () => Promise.reject(new Error('disk full')),
      now: () => new Date('2026-12-04T19:00:00Z'),
    });
    assert.equal(failing.ok, false);
    const status = readBackupStatus(dir)!;
    assert.equal(status.ok, false);
    assert.equal(status.error, 'disk full');
    assert.equal(status.lastSuccessFile, path.join(dir, 'plaint-20261204-030000.tar'));
    assert.ok(logs.some((l) => /NIGHTLY BACKUP FAILED/.test(l)));
    assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.tar')).length, 2, 'a failed night removes no backup');
  } finally {
    await t.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('#17: an administrator sees the nightly backups over the API: schedule, a failed night with its reason, the files kept; others get 403', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-nightly-api-'));
  const dir = path.join(dataDir, 'backups');
  const t = await createTestApp({ now: '2026-12-04T20:00:00.000Z', backups: { dir, at: '03:00', timeZone: 'Asia/Shanghai', keep: 7 } });
  try {
    const none = (await t.api('GET', '/api/admin/backups', undefined, { role: 'admin' })).json();
    assert.deepEqual(none, {
      database: 'embedded',
      nightly: { at: '03:00', timeZone: 'Asia/Shanghai', keep: 7, nextAt: '2026-12-05T19:00:00.000Z' },
      last: null,
      files: [],
    });

    const opts = { dir, at: '03:00', timeZone: 'Asia/Shanghai', keep: 7, log: () => {} };
    const backup = (file: string) =>
      makeBackup({ database: t.database, databaseUrl: t.database.url, dataDir, logKeyHex: 'aa'.repeat(32) }, file);
    assert.equal((await runNightlyBackup({ ...opts, backup, now: () => new Date('2026-12-03T19:00:00Z') })).ok, true);
    await runNightlyBackup({
      ...opts,
      backup: async () => Promise.reject(new Error('ENOSPC: no space left on device')),
      now: () => new Date('2026-12-04T19:00:00Z'),
    });

    const res = await t.api('GET', '/api/admin/backups', undefined, { role: 'admin' });
    assert.equal(res.statusCode, 200, res.body);
    const seen = res.json();
    assert.equal(seen.last.ok, false);
    assert.equal(seen.last.error, 'ENOSPC: no space left on device');
    assert.equal(seen.last.lastAttemptAt, '2026-12-04T19:00:00.000Z');
    assert.equal(seen.last.lastSuccessAt, '2026-12-03T19:00:00.000Z');
    assert.deepEqual(
      seen.files.map((f: { name: string }) => f.name),
      ['plaint-20261204-030000.tar'],
    );
    assert.ok(seen.files[0].bytes > 0);

    for (const role of ['agent', 'manager', 'qa', 'auditor', 'handler', 'specialist']) {
      assert.equal((await t.api('GET', '/api/admin/backups', undefined, { role })).statusCode, 403, role);
    }
  } finally {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("#17: without nightly backups (a PostgreSQL server) the API says the server's own backups apply", async () => {
  const t = await createTestApp();
  try {
    assert.deepEqual((await t.api('GET', '/api/admin/backups', undefined, { role: 'admin' })).json(), {
      database: 'server',
      nightly: null,
      last: null,
      files: [],
    });
  } finally {
    await t.close();
  }
});
