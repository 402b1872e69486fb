/**
 * Restores a backup file (src/use-cases/backup/make-backup.ts) into an empty DATA_DIR, and with
 * DATABASE_URL into an empty database. Every member is checked against the manifest's sha256 before
 * anything is written; a non-empty target is refused and left untouched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../data/db.ts';
import { embeddedIsEmpty, restoreEmbedded } from '../../data/embedded-dump.ts';
import { pgRestore } from '../../data/pg-dump.ts';
import { databaseIsEmpty, logicalRestore } from '../../data/logical-dump.ts';
import { LOG_KEY_FILE } from '../../log-key.ts';
import { extractMember, hashMember, listTar, readMember, type TarMember } from '../../backup/tar-file.ts';
import { BACKUP_FORMAT, type BackupManifest } from './make-backup.ts';

/** The target already holds data: nothing was written. */
export class RestoreRefused extends Error {}

export interface RestoreTarget {
  dataDir: string;
  databaseUrl: string | null;
}

export function readBackupManifest(file: string): { manifest: BackupManifest; members: Map<string, TarMember> } {
  const members = new Map(listTar(file).map((m) => [m.name, m]));
  const m = members.get('manifest.json');
  if (!m) throw new Error(`${file} has no manifest.json: not a Plaint backup, or an incomplete one`);
  const manifest = JSON.parse(readMember(file, m).toString('utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${file} is in format ${manifest.format}; this version reads ${BACKUP_FORMAT}`);
  for (const e of manifest.entries) {
    const member = members.get(e.name);
    if (!member || member.size !== e.size || hashMember(file, member) !== e.sha256)
      throw new Error(`${file} is damaged: ${e.name} does not match its checksum`);
  }
  return { manifest, members };
}

function nonEmptyDir(dir: string): boolean {
  return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
}

export async function restoreBackup(file: string, target: RestoreTarget): Promise<BackupManifest> {
  const { manifest, members } = readBackupManifest(file);
  const embeddedBackup = manifest.database.kind === 'pglite';
  if (embeddedBackup && target.databaseUrl)
    throw new RestoreRefused('this is a backup of an embedded database: restore it without DATABASE_URL');
  if (!embeddedBackup && !target.databaseUrl)
    throw new RestoreRefused('this is a backup of a PostgreSQL database: restore it with DATABASE_URL set to an empty database');

  const attachmentsDir = path.join(target.dataDir, 'attachments');
  const keyFile = path.join(target.dataDir, LOG_KEY_FILE);
  const busy: string[] = [];
  if (nonEmptyDir(attachmentsDir)) busy.push(`${attachmentsDir} is not empty`);
  if (manifest.logKey === 'included' && fs.existsSync(keyFile)) busy.push(`${keyFile} exists`);
  if (embeddedBackup && !embeddedIsEmpty(target.dataDir)) busy.push(`${path.join(target.dataDir, 'pglite')} holds a database`);
  const database = target.databaseUrl ? await openDatabase({ databaseUrl: target.databaseUrl, dataDir: null, poolSize: 2 }) : null;
  try {
    if (database && !(await databaseIsEmpty(database.db))) busy.push('the database named by DATABASE_URL has tables');
    if (busy.length) throw new RestoreRefused(`refusing to restore into a target that holds data: ${busy.join('; ')}`);

    fs.mkdirSync(target.dataDir, { recursive: true });
    for (const e of manifest.entries) {
      if (!e.name.startsWith('attachments/')) continue;
      const rel = e.name.slice('attachments/'.length);
      if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(rel)) throw new Error(`unexpected member ${e.name}`);
      fs.mkdirSync(path.join(attachmentsDir, rel.slice(0, 2)), { recursive: true });
      extractMember(file, members.get(e.name)!, path.join(attachmentsDir, rel), 0o640);
    }
    if (manifest.logKey === 'included') extractMember(file, members.get(LOG_KEY_FILE)!, keyFile, 0o600);

    const db = manifest.database;
    if (db.kind === 'pglite') await restoreEmbedded(target.dataDir, readMember(file, members.get('database/pglite.tar.gz')!));
    else {
      const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-restore-'));
      try {
        if (db.kind === 'pg_dump') {
          const dump = path.join(staging, 'pg_dump.custom');
          extractMember(file, members.get('database/pg_dump.custom')!, dump, 0o600);
          await pgRestore(target.databaseUrl!, dump);
        } else {
          for (const t of db.logical.tables)
            extractMember(file, members.get(`database/tables/${t.name}.ndjson`)!, path.join(staging, `${t.name}.ndjson`), 0o600);
          await logicalRestore(database!.db, staging, db.logical);
        }
      } finally {
        fs.rmSync(staging, { recursive: true, force: true });
      }
    }
    return manifest;
  } finally {
    await database?.close();
  }
}
