/**
 * The embedded server's nightly backup into DATA_DIR/backups (README, "Backup and restore"): once a day
 * at PLAINT_BACKUP_AT in PLAINT_BACKUP_TZ, keeping the newest PLAINT_BACKUP_KEEP files. Every attempt
 * is recorded in DATA_DIR/backups/status.json, so a failed night is visible to the admin and not only
 * in a log that may have rotated away.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';

export const STATUS_FILE = 'status.json';
export const BACKUP_NAME = /^plaint-\d{8}-\d{6}\.tar$/;

export interface NightlyOptions {
  dir: string;
  /** "HH:MM" local time. */
  at: string;
  timeZone: string;
  keep: number;
  backup: (file: string) => Promise<{ file: string; bytes: number }>;
  log: (msg: string, err?: unknown) => void;
  now?: () => Date;
}

export interface BackupStatus {
  lastAttemptAt: string;
  ok: boolean;
  file?: string;
  bytes?: number;
  error?: string;
  lastSuccessAt: string | null;
  lastSuccessFile: string | null;
}

export function readBackupStatus(dir: string): BackupStatus | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, STATUS_FILE), 'utf8')) as BackupStatus;
  } catch {
    return null;
  }
}

function writeStatus(dir: string, status: BackupStatus): void {
  const file = path.join(dir, STATUS_FILE);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(status, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** The next instant after `from` whose local time in `timeZone` is `at`. */
export function nextRunAt(from: Date, at: string, timeZone: string): Date {
  const [hour, minute] = at.split(':').map(Number);
  let next = DateTime.fromJSDate(from, { zone: timeZone }).set({ hour, minute, second: 0, millisecond: 0 });
  if (next.toMillis() <= from.getTime()) next = next.plus({ days: 1 });
  return next.toJSDate();
}

/** One nightly backup: write, prune to the newest `keep`, record the outcome. Never throws. */
export async function runNightlyBackup(opts: NightlyOptions): Promise<BackupStatus> {
  const now = (opts.now ?? (() => new Date()))();
  const previous = readBackupStatus(opts.dir);
  let status: BackupStatus;
  try {
    fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
    const stamp = DateTime.fromJSDate(now, { zone: opts.timeZone }).toFormat('yyyyMMdd-HHmmss');
    const r = await opts.backup(path.join(opts.dir, `plaint-${stamp}.tar`));
    const old = fs
      .readdirSync(opts.dir)
      .filter((f) => BACKUP_NAME.test(f))
      .sort()
      .reverse()
      .slice(opts.keep);
    for (const f of old) fs.rmSync(path.join(opts.dir, f), { force: true });
    status = {
      lastAttemptAt: now.toISOString(),
      ok: true,
      file: r.file,
      bytes: r.bytes,
      lastSuccessAt: now.toISOString(),
      lastSuccessFile: r.file,
    };
    opts.log(`nightly backup written: ${r.file} (${r.bytes} bytes)${old.length ? `, removed ${old.length} older` : ''}`);
  } catch (err) {
    status = {
      lastAttemptAt: now.toISOString(),
      ok: false,
      error: (err as Error).message,
      lastSuccessAt: previous?.lastSuccessAt ?? null,
      lastSuccessFile: previous?.lastSuccessFile ?? null,
    };
    opts.log(`NIGHTLY BACKUP FAILED (recorded in ${path.join(opts.dir, STATUS_FILE)})`, err);
  }
  try {
    writeStatus(opts.dir, status);
  } catch (err) {
    opts.log('could not record the nightly backup status', err);
  }
  return status;
}

export function startNightlyBackups(opts: NightlyOptions): () => Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const now = (opts.now ?? (() => new Date()))();
    // setTimeout takes at most ~24.8 days; a day is well within it.
    timer = setTimeout(
      () => {
        running = runNightlyBackup(opts).finally(schedule);
      },
      nextRunAt(now, opts.at, opts.timeZone).getTime() - now.getTime(),
    );
    timer.unref();
  };
  schedule();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
