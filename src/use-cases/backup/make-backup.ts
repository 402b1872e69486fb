/**
 * Writes one backup file (README, "Backup and restore"): a tar holding the database dump, every
 * attachment, the log key file when the key comes from DATA_DIR/log.key, and last manifest.json with
 * each member's sha256. The database is dumped first and the attachments listed after it: their bytes
 * are stored before their row commits, so every attachment the dump knows is already on disk. The file
 * is written under a temporary name, fsynced and renamed, so a backup file that exists is complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../data/db.ts';
import { pgDump, pgToolAvailable } from '../../data/pg-dump.ts';
import { logicalDump, type LogicalManifest } from '../../data/logical-dump.ts';
import { LOG_KEY_FILE } from '../../log-key.ts';
import { TarWriter, type TarEntry } from '../../backup/tar-file.ts';

export const BACKUP_FORMAT = 'plaint-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: { kind: 'pglite' } | { kind: 'pg_dump' } | { kind: 'logical'; logical: LogicalManifest };
  logKey: 'included' | 'not included (PLAINT_LOG_KEY)';
  attachments: number;
  entries: TarEntry[];
}

export interface BackupSource {
  database: Database;
  databaseUrl: string | null;
  dataDir: string;
  logKeyHex: string | null;
  env?: NodeJS.ProcessEnv;
}

function attachmentFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  for (const prefix of fs.readdirSync(root).sort()) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    // Only whole files: a `.tmp` is an upload still being written and not yet referenced by any row.
    for (const name of fs.readdirSync(path.join(root, prefix)).sort()) if (/^[0-9a-f]{64}$/.test(name)) out.push(`${prefix}/${name}`);
  }
  return out;
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export async function makeBackup(src: BackupSource, file: string): Promise<{ file: string; bytes: number; manifest: BackupManifest }> {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(target)) throw new Error(`${target} already exists; a backup never overwrites a file`);
  const partial = `${target}.partial-${process.pid}-${Date.now()}`;
  const staging = fs.mkdtempSync(path.join(dir, '.plaint-backup-'));
  const fd = fs.openSync(partial, 'wx', 0o600);
  try {
    const tar = new TarWriter(fd);
    let database: BackupManifest['database'];
    if (src.database.kind === 'pglite') {
      tar.addBuffer('database/pglite.tar.gz', await src.database.dumpEmbedded!());
      database = { kind: 'pglite' };
    } else if (await pgToolAvailable('pg_dump', src.env)) {
      const dumpFile = path.join(staging, 'pg_dump.custom');
      await pgDump(src.databaseUrl!, dumpFile);
      tar.addFile('database/pg_dump.custom', dumpFile);
      database = { kind: 'pg_dump' };
    } else {
      const logical = await logicalDump(src.database.db, staging);
      for (const t of logical.tables) tar.addFile(`database/tables/${t.name}.ndjson`, path.join(staging, `${t.name}.ndjson`));
      database = { kind: 'logical', logical };
    }
    const attachments = attachmentFiles(src.dataDir);
    for (const a of attachments) tar.addFile(`attachments/${a}`, path.join(src.dataDir, 'attachments', a));
    const keyFile = path.join(src.dataDir, LOG_KEY_FILE);
    const withKey = !src.logKeyHex && fs.existsSync(keyFile);
    if (withKey) tar.addFile(LOG_KEY_FILE, keyFile);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      database,
      logKey: withKey ? 'included' : 'not included (PLAINT_LOG_KEY)',
      attachments: attachments.length,
      entries: [...tar.entries],
    };
    tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
    tar.finish();
    const bytes = fs.fstatSync(fd).size;
    fs.closeSync(fd);
    fs.renameSync(partial, target);
    fsyncDir(dir);
    return { file: target, bytes, manifest };
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed */
    }
    fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
