/**
 * What an administrator sees of the nightly backups (issue #17): whether this server takes them, when
 * the next one runs, how the last attempt went (a failed night with its reason, from status.json) and
 * the backup files kept in DATA_DIR/backups. A failed backup must not be known only to a log file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { nextRunAt, readBackupStatus, BACKUP_NAME, type BackupStatus } from '../../jobs/nightly-backup.job.ts';

export interface NightlySettings {
  dir: string;
  /** "HH:MM" local time, or null when nightly backups are off (PLAINT_BACKUP_AT=off). */
  at: string | null;
  timeZone: string;
  keep: number;
}

export interface BackupOverview {
  /** 'embedded': this server writes the nightly backups; 'server': PostgreSQL's own backups apply (pg_dump, npm run backup). */
  database: 'embedded' | 'server';
  nightly: { at: string; timeZone: string; keep: number; nextAt: string } | null;
  last: BackupStatus | null;
  files: { name: string; bytes: number; modifiedAt: string }[];
}

export function backupOverview(settings: NightlySettings | null, now: Date): BackupOverview {
  if (!settings) return { database: 'server', nightly: null, last: null, files: [] };
  let names: string[] = [];
  try {
    names = fs.readdirSync(settings.dir).filter((f) => BACKUP_NAME.test(f));
  } catch {
    // No backups directory yet: nothing has been written.
  }
  const files = names
    .map((name) => {
      const st = fs.statSync(path.join(settings.dir, name));
      return { name, bytes: st.size, modifiedAt: st.mtime.toISOString() };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
  return {
    database: 'embedded',
    nightly: settings.at
      ? {
          at: settings.at,
          timeZone: settings.timeZone,
          keep: settings.keep,
          nextAt: nextRunAt(now, settings.at, settings.timeZone).toISOString(),
        }
      : null,
    last: readBackupStatus(settings.dir),
    files,
  };
}
