/**
 * The server's own checkpoints (docs/SECURITY.md, "Event log"): started as a real process on an empty
 * DATA_DIR, it makes the log key file (mode 0600), writes the first checkpoint at start-up, and on
 * SIGTERM a last one that covers everything written since, here the demo data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/data/db.ts';
import { loadLogKey, LOG_KEY_FILE } from '../../src/log-key.ts';
import { verifyEventLog } from '../../src/use-cases/verify-event-log.ts';
import { createScratchDatabase, serverUrl } from '../helpers/test-db.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the server writes a checkpoint at start-up and one at shutdown that covers what it wrote', { timeout: 240_000 }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-checkpoint-'));
  const scratch = serverUrl() ? await createScratchDatabase() : null;
  try {
    const env = {
      ...process.env,
      DATABASE_URL: scratch?.url ?? '',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      PLAINT_WEB: 'false',
      PLAINT_DEMO: 'true',
      PLAINT_SWEEP_MS: '0',
      PLAINT_CHECKPOINT_MS: '0',
      PLAINT_LOG_KEY: '',
      NODE_ENV: 'development',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 200_000;
    while (!/listening on/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) assert.fail(`the server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(out, /event log checkpoint 1: 0 complaints, 0 events \(first/);
    child.kill('SIGTERM');
    assert.equal(await exited, 0, out);
    assert.match(out, /event log checkpoint 2: \d+ complaints/);

    const keyFile = path.join(dataDir, LOG_KEY_FILE);
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
    const database = await openDatabase({ databaseUrl: scratch?.url ?? null, dataDir });
    try {
      const checkpoints = await database.db.selectFrom('log_checkpoints').select(['id', 'complaints']).orderBy('id').execute();
      assert.equal(checkpoints.length, 2);
      const complaints = await database.db
        .selectFrom('complaints')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(complaints.n) > 0, 'the demo data was seeded');
      assert.equal(Number(checkpoints[1].complaints), Number(complaints.n), 'the shutdown checkpoint covers every complaint');
      const report = await verifyEventLog({ db: database.db, now: () => new Date(), logKey: loadLogKey({ logKeyHex: null, dataDir }).key });
      assert.equal(report.checkpoint?.status, 'valid');
      assert.equal(report.intact, true, JSON.stringify(report.broken));
    } finally {
      await database.close();
    }
  } finally {
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
